// Running an export and keeping its record: what range it covered, up to
// which journal event, and its totals. Which entries went out is recorded
// per entry (sent_log.hpp): an entry already exported is left out of every
// later export unless it is re-exported on purpose.
#pragma once

#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "arctl/events/gl.hpp"
#include "arctl/ledger.hpp"
#include "writers.hpp"

namespace arctl {
class InvoicingService;
}

namespace arctl::gl {

struct ExportSpec {
  bool since_last = false;  // else the date range from..to
  Date from{}, to{};
  bool backlog = false;   // also entries dated before `from` not yet exported (the close)
  bool reexport = false;  // include entries already exported
  std::string label;      // "2026-10", "2026-10-01..2026-10-15", "since-last"
  Syntax syntax = Syntax::kHledger;
  bool summary = false;
  std::string file;                       // where it is written ("" for standard output)
  InvoicingService* invoicing = nullptr;  // invoice lines; nullptr: invoicing is not loaded
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
  bool reexport = false;
  std::uint64_t skipped = 0;     // entries in range left out: already exported
  std::uint64_t reexported = 0;  // entries included although already exported
  // Whether the entries it carried are recorded one by one (false: an
  // export recorded before they were, judged by covers()).
  bool per_entry = true;

  // Whether the entry booked on `date` from journal event `seq` fell in this
  // export's range (what an export that has no per-entry records carried).
  bool covers(Date date, std::uint64_t seq) const;
  Json to_json() const;
};

// Writes the entries of the spec's range not exported before (all of them
// with spec.reexport) to `out`; with `record`, stores the record, marks each
// entry as sent and emits gl.exported (otherwise the record is returned but
// not kept: --dry-run). Cost: one journal scan (--since-last) or one range
// of the date index (a date range; from the first date with spec.backlog),
// one get per entry.
ExportRecord run_export(Tx& tx, const PluginHandle& h, const ExportSpec& spec, std::ostream& out,
                        bool record);
std::vector<ExportRecord> list_exports(Tx& tx, const PluginHandle& h);
// The journal event the last --since-last export went up to (0: none yet).
std::uint64_t since_last_mark(Tx& tx, const PluginHandle& h);

std::string debits_text(const ExportRecord& r);

}  // namespace arctl::gl
