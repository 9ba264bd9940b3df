// The parts the statements plugin's reports are made of: its tables, aging
// bucket edges, percentages and ratios as text, money text, safe file names
// and file writing.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "arctl/ledger.hpp"
#include "arctl/ratio.hpp"

namespace arctl::statements {

// 128-bit intermediates for products of amounts and day counts.
using Wide = WideInt;

// The items of a setting separated by `sep` ("30, 60,90" by ','), spaces
// dropped; an empty item stays, so "30,,60" and "" reach the caller's check.
std::vector<std::string> split_items(std::string_view text, char sep);

// Aging bucket edges in days ("30,60,90,120"): labels current, 1-30, 31-60,
// 61-90, 91-120, >120.
struct Buckets {
  std::vector<int> edges{30, 60, 90, 120};
  static Buckets parse(std::string_view text);  // Error(kUsage) on bad input
  std::vector<std::string> labels() const;
  // Index into labels() for an item aged `days` (<= 0 is current).
  std::size_t index(std::int64_t days) const;
  std::size_t size() const { return edges.size() + 2; }
};

// --buckets if given, else config aging.buckets, else the default.
Buckets buckets_from(Tx& tx, const std::string& option);

// part/whole as a percentage with two decimals ("12.34"), rounded half away
// from zero in integer arithmetic; "0.00" when whole is zero.
std::string percent(std::int64_t part, std::int64_t whole);
// a/b with `decimals` decimals, rounded half away from zero; b != 0.
std::string ratio_str(Wide a, Wide b, int decimals);

// A file name made from a customer id: only [A-Za-z0-9._-], no leading dot,
// at most 100 characters; an altered id gets a short hash so that "a/b" and
// "a_b" never share a file.
std::string safe_file_name(std::string_view id);

// Writes `text` to `path` (creating parent directories); Error(kError) on failure.
void write_file(const std::filesystem::path& path, std::string_view text);
// In a write transaction, `path` appears only once `tx` commits (staged
// now, Tx::after_commit); in a read transaction it is written at once.
void write_file(Tx& tx, const std::filesystem::path& path, std::string_view text);
std::string read_text_file(const std::filesystem::path& path);

std::string money_str(std::int64_t minor, const Currency& c);
std::string code(const Currency& c);

// Invoices and debit notes: what customers are asked to pay (refunds and
// payment returns are debits too, but settle against credits).
inline bool dunnable(DocKind k) {
  return k == DocKind::kInvoice || k == DocKind::kDebitNote;
}

// A date far before/after any document, for open-ended ranges.
inline Date kBeginning() {
  return Date(std::chrono::days(-1'000'000));
}
inline Date kEnd() {
  return Date(std::chrono::days(1'000'000));
}

}  // namespace arctl::statements
