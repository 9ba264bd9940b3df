// Reading customers from CSV (header row) or JSON lines, each row keeping the
// line it came from so that errors point at it.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "arctl/input.hpp"
#include "arctl/model.hpp"

namespace arctl::cli {

struct CustomerRow {
  std::uint64_t line = 0;
  Customer customer;
};

// `format` is "csv", "jsonl" or "" (from the file name; stdin means csv).
// Columns: id, name (required), currency, terms, credit_limit, email, status,
// parent (a group account's parent), collector (the collector's name), and
// attr.NAME for free attributes (attr.parent is the parent column).
// Missing currency means `default_currency`.
std::vector<CustomerRow> read_customers(Input& in, std::string format,
                                        const Currency& default_currency);

// The rows reordered so that a parent named in the file comes before its
// children (otherwise in file order). Refuses (kConflict at the row's
// "parent") parents in the file that make a loop.
std::vector<CustomerRow> parents_first(std::vector<CustomerRow> rows, const std::string& file);

}  // namespace arctl::cli
