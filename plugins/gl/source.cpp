// Journal scanning and the date index.
#include "source.hpp"

#include <algorithm>
#include <deque>
#include <map>
#include <optional>
#include <set>

#include "arctl/codec.hpp"
#include "arctl/error.hpp"

namespace arctl::gl {
namespace {

constexpr std::uint8_t kIndexV = 1;

Bytes meta_key() {
  return KeyBuilder().str("indexed_to").bytes();
}

}  // namespace

void scan_journal(Tx& tx, std::uint64_t from, std::uint64_t to, const EventFn& fn) {
  if (from == 0) from = 1;
  tx.journal(from, [&](const JournalEntry& j) {
    if (j.seq > to) return false;
    if (is_gl_event(j.type)) fn(j);
    return true;
  });
}

void DateIndex::catch_up(EntryBuilder& builder) {
  auto meta = tx_.table(h_, "meta");
  std::uint64_t done = 0;
  if (auto v = meta.get(meta_key())) done = Decoder(*v, kIndexV).u64();
  const auto head = tx_.journal_head().seq;
  if (head <= done) return;
  auto index = tx_.table(h_, "by_date");
  scan_journal(tx_, done + 1, head, [&](const JournalEntry& ev) {
    GlEvent g{builder.date_of(ev), ev.seq};
    // The value once held the sequence of the event carrying the invoice
    // lines; lines now come from invoicing, and the value is not read.
    if (tx_.writable())
      index.put(KeyBuilder().date(g.date).u64(g.seq), Encoder(kIndexV).u64(0).bytes());
    else
      tail_.push_back(g);
  });
  if (tx_.writable()) {
    meta.put(meta_key(), Encoder(kIndexV).u64(head).bytes());
  } else {
    std::sort(tail_.begin(), tail_.end(), [](const GlEvent& a, const GlEvent& b) {
      return a.date != b.date ? a.date < b.date : a.seq < b.seq;
    });
  }
}

void DateIndex::visit(Date from, Date to, const std::function<void(const GlEvent&)>& fn) {
  auto t = std::lower_bound(tail_.begin(), tail_.end(), from,
                            [](const GlEvent& g, Date d) { return g.date < d; });
  auto emit_tail_before = [&](const GlEvent* bound) {
    while (t != tail_.end() && t->date <= to &&
           (!bound || t->date < bound->date || (t->date == bound->date && t->seq < bound->seq)))
      fn(*t++);
  };
  auto c = tx_.table(h_, "by_date").cursor();
  for (bool ok = c->seek(KeyBuilder().date(from)); ok; ok = c->next()) {
    KeyReader k(c->key());
    GlEvent g;
    g.date = k.date();
    if (g.date > to) break;
    g.seq = k.u64();
    emit_tail_before(&g);
    fn(g);
  }
  emit_tail_before(nullptr);
}

void DateIndex::check(EntryBuilder& builder, CheckReport& report) {
  std::uint64_t done = 0;
  if (auto v = tx_.table(h_, "meta").get(meta_key())) done = Decoder(*v, kIndexV).u64();
  auto record = [](Date d, std::uint64_t seq) {
    return "gl.by_date " + format_date(d) + " seq " + std::to_string(seq);
  };
  std::set<std::pair<Date, std::uint64_t>> expected;
  if (done > 0)
    scan_journal(tx_, 1, done, [&](const JournalEntry& ev) {
      expected.insert({builder.date_of(ev), ev.seq});
    });
  auto c = tx_.table(h_, "by_date").cursor();
  for (bool ok = c->first(); ok; ok = c->next()) {
    GlEvent g;
    try {
      KeyReader k(c->key());
      g.date = k.date();
      g.seq = k.u64();
      Decoder(c->value(), kIndexV).u64();  // the value's format still holds
    } catch (const Error& e) {
      report.add("gl", "gl.by_date", std::string("an entry cannot be read: ") + e.what());
      continue;
    }
    if (expected.erase({g.date, g.seq}) == 0)
      report.add("gl", record(g.date, g.seq), "indexes no GL event of the journal on that date");
  }
  for (const auto& [date, seq] : expected)
    report.add("gl", record(date, seq), "GL event missing from the date index");
}

void DateIndex::load(const GlEvent& g, const EventFn& fn) {
  auto ev = tx_.journal_entry(g.seq);
  if (!ev)
    fail(ErrorKind::kError, "the GL index names journal event " + std::to_string(g.seq) +
                                ", which does not exist; run arctl check");
  fn(*ev);
}

}  // namespace arctl::gl
