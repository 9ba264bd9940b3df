// Writing every customer's statement with a progress bar and an index.
#include "batch.hpp"

#include <array>
#include <set>
#include <sstream>

#include "arctl/error.hpp"
#include "arctl/names.hpp"
#include "render.hpp"
#include "statement.hpp"

namespace arctl::statements {

namespace {

// Each statement format's name on the command line and the extension of its files.
constexpr std::array<Named<DocFormat>, 5> kDocFormats{{
    {DocFormat::kText, "text", ".txt"},
    {DocFormat::kHtml, "html", ".html"},
    {DocFormat::kPdf, "pdf", ".pdf"},
    {DocFormat::kJson, "json", ".json"},
    {DocFormat::kCsv, "csv", ".csv"},
}};

}  // namespace

DocFormat parse_doc_format(std::string_view s) {
  if (s == "txt" || s == "table") return DocFormat::kText;
  if (const auto* e = find_name(kDocFormats, s)) return e->value;
  fail_usage("statement format must be text, html, pdf, json or csv; got '" + std::string(s) + "'");
}

const char* extension(DocFormat f) {
  const auto* e = find_value(kDocFormats, f);
  return e ? e->extension : ".txt";
}

std::string render_statement(Context& ctx, const Statement& s, DocFormat f) {
  switch (f) {
    case DocFormat::kText:
      return statement_text(ctx, s, false);
    case DocFormat::kHtml:
      return statement_text(ctx, s, true);
    case DocFormat::kPdf:
      return statement_pdf(s);
    case DocFormat::kJson:
    case DocFormat::kCsv: {
      std::ostringstream out;
      if (f == DocFormat::kJson)
        out << statement_json(s).dump(2) << '\n';
      else
        render(out, statement_rows(s), {Format::kCsv, false});
      return out.str();
    }
  }
  return {};
}

BatchResult write_statements(Context& ctx, Tx& tx, const BatchOptions& o,
                             const std::filesystem::path& dir) {
  std::vector<std::string> ids;
  tx.for_each_customer([&](const Customer& c) {
    ids.push_back(c.id);
    return true;
  });
  const auto buckets = buckets_from(tx, "");
  BatchResult r;
  Json index = Json::array();
  std::set<std::string> used;
  Context::Progress progress(ctx, "statements", ids.size());
  for (const auto& id : ids) {
    progress.tick();
    // Each customer's own items: a group statement per parent would read
    // every customer once per statement.
    const auto s = build_statement(tx, id, o.from, o.to, buckets, false);
    const bool below =
        !o.min_balance.empty() && s.closing < Money::parse(o.min_balance, s.currency).minor();
    const bool idle = o.skip_inactive && s.closing == 0 && s.lines.empty();
    if (below || idle) {
      ++r.skipped;
      continue;
    }
    auto name = safe_file_name(id);
    for (int n = 2; used.count(name); ++n)
      name = safe_file_name(id) + "-" + std::to_string(n);
    used.insert(name);
    const auto file = name + extension(o.format);
    write_file(tx, dir / file, render_statement(ctx, s, o.format));
    r.files.push_back(file);
    ++r.written;
    index.push_back(Json{{"customer", id},
                         {"name", s.customer.name},
                         {"file", file},
                         {"closing_balance", money_str(s.closing, s.currency)},
                         {"currency", code(s.currency)}});
  }
  std::ostringstream out;
  if (index.empty())
    out << "customer,name,file,closing_balance,currency\n";
  else
    render(out, index, {Format::kCsv, false});
  write_file(tx, dir / "index.csv", out.str());
  r.files.push_back("index.csv");
  return r;
}

}  // namespace arctl::statements
