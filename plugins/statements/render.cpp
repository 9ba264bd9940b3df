// Mustache rendering of statements (kainjow's library): the text template
// gets pre-aligned columns, the HTML template the raw (escaped) fields.
#include "render.hpp"

#include <algorithm>

#include "arctl/error.hpp"

namespace arctl::statements {
namespace {

std::size_t columns(std::string_view s) {
  std::size_t n = 0;
  for (unsigned char c : s)
    if ((c & 0xC0) != 0x80) ++n;
  return n;
}

}  // namespace

std::string pad(std::string_view s, std::size_t width, bool right) {
  std::string out;
  std::size_t n = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if ((c & 0xC0) != 0x80) {
      if (n == width) break;
      ++n;
    }
    out += s[i];
  }
  const std::string fill(width - columns(out), ' ');
  return right ? fill + out : out + fill;
}

std::string statement_text(Context& ctx, const Statement& s, bool html) {
  Json j = statement_json(s);
  j["statement_date"] = format_date(s.to);
  j["has_lines"] = !s.lines.empty();
  j["has_open_items"] = !s.open_items.empty();
  j["has_company_address"] = !s.company_address.empty();
  j["is_group"] = s.members.size() > 1;  // a group statement has a Customer column
  j["company_address"] = s.company_address;
  if (!html) {
    // Fixed-width columns for the text statement, each as wide as its widest
    // value so that no document id or reference is ever cut short.
    auto widest = [&](const Json& rows, const char* key, std::size_t at_least) {
      for (const auto& r : rows)
        at_least = std::max(at_least, columns(r[key].get<std::string>()));
      return at_least;
    };
    // A group statement names each line's customer before its type.
    const bool group = s.members.size() > 1;
    const auto cust_w = group ? widest(j["lines"], "customer", 8) + 2 : 0;
    const auto cust = [&](const std::string& v) { return group ? pad(v, cust_w - 2) + "  " : ""; };
    const auto type_w = widest(j["lines"], "type", 12);
    const auto doc_w =
        std::max(widest(j["lines"], "document", 18), widest(j["open_items"], "document", 18));
    const auto ref_w = widest(j["lines"], "reference", 14);
    j["lines_header"] = pad("Date", 10) + "  " + cust("Customer") + pad("Type", type_w) + "  " +
                        pad("Document", doc_w) + "  " + pad("Reference", ref_w) + "  " +
                        pad("Debit", 12, true) + "  " + pad("Credit", 12, true) + "  " +
                        pad("Balance", 13, true);
    j["opening_text"] =
        pad(format_date(s.from - std::chrono::days(1)), 10) + "  " +
        pad("Opening balance", cust_w + type_w + 2 + doc_w + 2 + ref_w + 2 + 12 + 2 + 12) + "  " +
        pad(j["opening_balance"].get<std::string>(), 13, true);
    for (auto& l : j["lines"]) {
      auto g = [&](const char* k) { return l[k].get<std::string>(); };
      l["text"] = pad(g("date"), 10) + "  " + cust(group ? g("customer") : "") +
                  pad(g("type"), type_w) + "  " + pad(g("document"), doc_w) + "  " +
                  pad(g("reference"), ref_w) + "  " + pad(g("debit"), 12, true) + "  " +
                  pad(g("credit"), 12, true) + "  " + pad(g("balance"), 13, true);
    }
    for (auto& a : j["aging"])
      a["text"] =
          pad(a["bucket"].get<std::string>(), 10) + pad(a["amount"].get<std::string>(), 14, true);
    for (auto& o : j["open_items"]) {
      auto g = [&](const char* k) { return o[k].get<std::string>(); };
      o["text"] = pad(g("document"), doc_w) + "  " + pad(g("issued"), 10) + "  " +
                  pad(g("due"), 10) + "  " + pad(g("amount"), 12, true) + "  " +
                  pad(g("open"), 12, true);
    }
  }
  return ctx.render_template(html ? "statement.html.mustache" : "statement.txt.mustache", j);
}

}  // namespace arctl::statements
