// `arctl invoice render`: a printable invoice from a Mustache template
// (kainjow's library): HTML escapes every field; text does not.
#include <CLI/CLI.hpp>
#include <fstream>
#include <kainjow/mustache.hpp>
#include <sstream>

#include "arctl/error.hpp"
#include "commands.hpp"

namespace arctl::invoicing {
namespace {

namespace mus = kainjow::mustache;

mus::data to_data(const Json& j) {
  if (j.is_object()) {
    mus::data d;
    for (const auto& [k, v] : j.items())
      d.set(k, to_data(v));
    return d;
  }
  if (j.is_array()) {
    mus::data list{mus::data::type::list};
    for (const auto& v : j)
      list << to_data(v);
    return list;
  }
  if (j.is_string()) return mus::data(j.get<std::string>());
  if (j.is_boolean())
    return j.get<bool>() ? mus::data(mus::data::type::bool_true)
                         : mus::data(mus::data::type::bool_false);
  if (j.is_null()) return mus::data(std::string());
  return mus::data(j.dump());
}

std::string read_file(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) fail(ErrorKind::kNotFound, "cannot read template " + p.string());
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace

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
    j["has_po"] = !j["po"].get<std::string>().empty();
    j["has_memo"] = !j["memo"].get<std::string>().empty();
    j["has_discount"] = !j["discount_date"].get<std::string>().empty() && j["open"] == j["total"];
    const auto path =
        ctx.find_template(o->format == "html" ? "invoice.html.mustache" : "invoice.txt.mustache");
    mus::mustache tmpl{read_file(path)};
    if (!tmpl.is_valid()) fail(ErrorKind::kError, path.string() + ": " + tmpl.error_message());
    const auto text = tmpl.render(to_data(j));
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
