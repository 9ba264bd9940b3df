// Running an export and keeping its record: what range it covered, up to
// which journal event, and its totals. The records are what make
// --since-last idempotent and what reconcile uses to tell exported postings
// from late ones.
#pragma once

#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "arctl/ledger.hpp"
#include "writers.hpp"

namespace arctl::gl {

struct ExportSpec {
  bool since_last = false;  // else the date range from..to
  Date from{}, to{};
  std::string label;  // "2026-10", "2026-10-01..2026-10-15", "since-last"
  Syntax syntax = Syntax::kHledger;
  bool summary = false;
  std::string file;  // where it is written ("" for standard output)
};

struct ExportRecord {
  std::uint64_t number = 0;
  bool since_last = false;
  std::string label;
  Date from{}, to{};  // the date range (since-last: the entries' first and last date)
  std::uint64_t seq_from = 0, seq_to = 0;  // journal events covered
  std::string format;
  bool summary = false;
  std::uint64_t entries = 0, postings = 0;
  std::vector<std::pair<std::string, std::int64_t>> debits;  // per currency, minor units
  std::string file;
  std::int64_t time_micros = 0;
  std::string actor;

  // Whether the entry booked on `date` from journal event `seq` went out in
  // this export.
  bool covers(Date date, std::uint64_t seq) const;
  Json to_json() const;
};

// Writes the export to `out`; with `record`, stores the record and emits
// gl.exported (otherwise the record is returned but not kept: --dry-run).
ExportRecord run_export(Tx& tx, const PluginHandle& h, const ExportSpec& spec, std::ostream& out,
                        bool record);
std::vector<ExportRecord> list_exports(Tx& tx, const PluginHandle& h);
// The journal event the last --since-last export went up to (0: none yet).
std::uint64_t since_last_mark(Tx& tx, const PluginHandle& h);

std::string debits_text(const ExportRecord& r);

}  // namespace arctl::gl
