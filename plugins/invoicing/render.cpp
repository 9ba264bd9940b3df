// `arctl invoice render`: a printable invoice from a Mustache template
// (a template in share/templates, rendered by the SDK): HTML escapes every field.
#include <CLI/CLI.hpp>
#include <fstream>
#include <sstream>

#include "arctl/error.hpp"
#include "commands.hpp"

namespace arctl::invoicing {
void register_render(CLI::App& group, Context& ctx, Invoicing& inv) {
  struct Opts {
    std::string id, format = "text", out;
  };
  auto o = std::make_shared<Opts>();
  auto* cmd = group.add_subcommand("render", "Print an invoice as text or self-contained HTML");
  cmd->add_option("id", o->id, "Invoice id")->required();
  cmd->add_option("--format", o->format, "text or html")
      ->check(CLI::IsMember({"text", "html"}))
      ->capture_default_str();
  cmd->add_option("--out", o->out, "Write to FILE instead of standard output");
  cmd->callback([&ctx, &inv, o] {
    Json j = ctx.ledger().read([&](Tx& tx) {
      auto v = inv.show(tx, o->id, ctx.today());
      const auto d = tx.document(o->id);
      if (auto c = tx.find_customer(d.customer)) v["customer_email"] = c->email;
      v["customer_id"] = d.customer;
      v["company_name"] = tx.config_or("company.name", "");
      if (d.attrs.count("discount_amount"))
        v["discounted_total"] =
            (d.amount - Money::parse(d.attrs.at("discount_amount"), d.amount.currency())).str();
      return v;
    });
    // Mustache treats an empty string as true: sections test explicit flags.
    for (auto& l : j["lines"])
      l["has_tax"] = Decimal::parse(l["tax"].get<std::string>()).micros != 0;
    // A credit note reads as one: its own title and its figures with the
    // sign of a credit to the customer; it has no due date or balance.
    const bool credit_note = j["kind"] == "credit_note";
    j["is_credit_note"] = credit_note;
    j["document_title"] = credit_note ? "Credit note" : "Invoice";
    j["credit_for"] = j["links"].value("credit_for", std::string());
    if (credit_note) {
      auto negate = [](Json& v) {
        const auto s = v.get<std::string>();
        if (Decimal::parse(s).micros != 0) v = s.rfind('-', 0) == 0 ? s.substr(1) : "-" + s;
      };
      for (const char* k : {"subtotal", "tax", "total"})
        negate(j[k]);
      for (auto& l : j["lines"]) {
        negate(l["net"]);
        negate(l["tax"]);
      }
    }
    j["has_po"] = !j["po"].get<std::string>().empty();
    j["has_memo"] = !j["memo"].get<std::string>().empty();
    j["has_discount"] = !j["discount_date"].get<std::string>().empty() && j["open"] == j["total"];
    const auto text = ctx.render_template(
        o->format == "html" ? "invoice.html.mustache" : "invoice.txt.mustache", j);
    if (o->out.empty()) {
      ctx.out() << text;
      return;
    }
    std::ofstream out(o->out, std::ios::binary | std::ios::trunc);
    if (!out || !(out << text)) fail(ErrorKind::kError, "cannot write " + o->out);
    ctx.note("Wrote " + o->out);
  });
}

}  // namespace arctl::invoicing
