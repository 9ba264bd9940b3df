// Where GL events come from: the journal, read in sequence order (for
// --since-last) or through a date index (for a period) that the plugin keeps
// in its own table and brings up to the journal head before each use.
#pragma once

#include <cstdint>
#include <functional>
#include <vector>

#include "arctl/check.hpp"
#include "arctl/journal.hpp"
#include "arctl/ledger.hpp"
#include "entries.hpp"

namespace arctl::gl {

// A GL event: its booking date and its journal sequence.
struct GlEvent {
  Date date{};
  std::uint64_t seq = 0;
};

using EventFn = std::function<void(const JournalEntry& event)>;

// Visits the GL events with from <= seq <= to in sequence order.
// Cost: one read of every journal event in the range.
void scan_journal(Tx& tx, std::uint64_t from, std::uint64_t to, const EventFn& fn);

class DateIndex {
 public:
  DateIndex(Tx& tx, const PluginHandle& h) : tx_(tx), h_(h) {}
  // Indexes the events the index has not seen. In a write transaction the
  // index is stored; in a read transaction the rest is kept in memory.
  void catch_up(EntryBuilder& builder);
  // Visits the GL events dated from..to, by date then sequence.
  void visit(Date from, Date to, const std::function<void(const GlEvent&)>& fn);
  // Loads an event and calls `fn`. Error(kError) when the journal lacks it.
  void load(const GlEvent& g, const EventFn& fn);
  // For `arctl check`: the stored index holds exactly the GL events of the
  // journal up to where it is caught up, under their booking dates. Findings: area "gl", record
  // "gl.by_date DATE seq N". Cost: one pass over that part of the journal and one over the index.
  void check(EntryBuilder& builder, CheckReport& report);

 private:
  Tx& tx_;
  const PluginHandle& h_;
  std::vector<GlEvent> tail_;  // not yet stored (read transactions)
};

}  // namespace arctl::gl
