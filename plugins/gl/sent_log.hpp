// Which journal entries the general ledger has received: one record per
// journal event whose entry went out, shared by every way of exporting (the
// close, --since-last, a date range), so that each entry goes out once.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "arctl/ledger.hpp"
#include "exports.hpp"

namespace arctl::gl {

struct Sent {
  std::uint64_t first_export = 0;  // the export that first carried the entry
  std::uint64_t last_export = 0;   // the latest one (later than first after --reexport)
  std::uint64_t times = 0;
};

class SentLog {
 public:
  // Cost: reads the export records once (for exports recorded before entries
  // were recorded one by one, which are judged by their ranges).
  SentLog(Tx& tx, const PluginHandle& h);
  // Whether the entry of journal event `seq`, booked on `date`, went out.
  // Cost: one get (plus a pass over the older export records when absent).
  std::optional<Sent> find(std::uint64_t seq, Date date);
  // Records that export `number` carried the entry of journal event `seq`.
  // Write transactions only.
  void mark(std::uint64_t seq, std::uint64_t number);

 private:
  PluginTable table_;
  std::vector<ExportRecord> legacy_;
};

}  // namespace arctl::gl
