// Statements in bulk (`statement --all`, the close step): one file per
// customer under a directory, named from a safe form of the customer id, and
// an index.csv listing customer, name, file, closing balance and currency.
#pragma once

#include <filesystem>
#include <string>

#include "arctl/context.hpp"
#include "report_parts.hpp"

namespace arctl::statements {

enum class DocFormat { kText, kHtml, kPdf, kJson, kCsv };
DocFormat parse_doc_format(std::string_view s);  // Error(kUsage)
const char* extension(DocFormat f);

struct BatchOptions {
  Date from{}, to{};
  DocFormat format = DocFormat::kText;
  std::string min_balance;     // skip customers whose closing balance is below
  bool skip_inactive = false;  // skip customers with no balance and no activity
};

struct BatchResult {
  std::uint64_t written = 0, skipped = 0;
  std::vector<std::string> files;  // relative to the directory, with index.csv last
};

// Renders one statement in `f` (text, html, pdf, or a json record / csv rows).
struct Statement;
std::string render_statement(Context& ctx, const Statement& s, DocFormat f);

BatchResult write_statements(Context& ctx, Tx& tx, const BatchOptions& o,
                             const std::filesystem::path& dir);

}  // namespace arctl::statements
