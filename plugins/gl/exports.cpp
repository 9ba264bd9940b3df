// Export runs and their records (table x.gl.exports, journaled as gl.exported).
#include "exports.hpp"

#include <map>
#include <ostream>
#include <set>

#include "accounts.hpp"
#include "arctl/codec.hpp"
#include "arctl/error.hpp"
#include "arctl/record.hpp"
#include "sent_log.hpp"
#include "source.hpp"

namespace arctl::gl {
namespace {

// Version 2 added reexport, skipped and reexported; version 1 records
// predate the per-entry records.
constexpr std::uint8_t kRecordV = 2;

// Version 1 records are read as exports without per-entry records.
struct PerEntryField {
  void put(Encoder&, const ExportRecord&) const {}
  void get(Decoder& d, ExportRecord& r) const { r.per_entry = d.version() >= 2; }
};

using record::field;

const auto kExport = record::layout<ExportRecord>(
    kRecordV, field("number", &ExportRecord::number),
    field("since_last", &ExportRecord::since_last), field("label", &ExportRecord::label),
    field("from", &ExportRecord::from), field("to", &ExportRecord::to),
    field("seq_from", &ExportRecord::seq_from), field("seq_to", &ExportRecord::seq_to),
    field("format", &ExportRecord::format), field("summary", &ExportRecord::summary),
    field("entries", &ExportRecord::entries), field("postings", &ExportRecord::postings),
    field("debits", &ExportRecord::debits), field("file", &ExportRecord::file),
    field("time_micros", &ExportRecord::time_micros), field("actor", &ExportRecord::actor),
    PerEntryField{}, field("reexport", &ExportRecord::reexport, 2),
    field("skipped", &ExportRecord::skipped, 2), field("reexported", &ExportRecord::reexported, 2));

// Sums entries into one per day and currency, one posting per account.
class Summary {
 public:
  void add(const Entry& e) {
    auto [it, fresh] = days_.try_emplace({e.date, std::string(e.currency.code())});
    auto& s = it->second;
    if (fresh) {
      s.date = e.date;
      s.currency = e.currency;
      s.kind = "summary";
      s.seq = e.seq;
      s.events = 0;
    }
    s.seq = std::min(s.seq, e.seq);
    s.last_seq = std::max(s.last_seq, e.seq);
    ++s.events;
    for (const auto& p : e.postings)
      sums_[it->first][p.account] = checked_add(sums_[it->first][p.account], p.minor);
  }
  void write(Writer& w, std::uint64_t& postings) {
    for (auto& [key, e] : days_) {
      for (const auto& [account, minor] : sums_[key])
        if (minor != 0) e.postings.push_back({account, minor});
      e.description = "AR postings of " + format_date(e.date) + " (" + std::to_string(e.events) +
                      (e.events == 1 ? " entry)" : " entries)");
      check_balanced(e);
      postings += e.postings.size();
      w.entry(e);
    }
  }
  std::size_t size() const { return days_.size(); }

 private:
  using Key = std::pair<Date, std::string>;
  std::map<Key, Entry> days_;
  std::map<Key, std::map<std::string, std::int64_t>> sums_;
};

}  // namespace

bool ExportRecord::covers(Date date, std::uint64_t seq) const {
  if (seq > seq_to) return false;
  if (since_last) return seq >= seq_from;
  return from <= date && date <= to;
}

std::string debits_text(const ExportRecord& r) {
  std::string out;
  for (const auto& [cur, minor] : r.debits) {
    if (!out.empty()) out += ", ";
    out += Money(minor, Currency::parse(cur)).str() + " " + cur;
  }
  return out;
}

Json ExportRecord::to_json() const {
  Json j;
  j["export"] = number;
  j["time"] = time_micros ? format_timestamp(time_micros) : "";
  j["actor"] = actor;
  j["mode"] = since_last ? "since-last" : "range";
  j["label"] = label;
  j["from"] = entries || !since_last ? format_date(from) : "";
  j["to"] = entries || !since_last ? format_date(to) : "";
  j["seq_from"] = seq_from;
  j["seq_to"] = seq_to;
  j["format"] = format;
  j["detail"] = summary ? "summary" : "detail";
  j["entries"] = entries;
  j["postings"] = postings;
  j["debits"] = debits_text(*this);
  j["file"] = file;
  j["reexport"] = reexport;
  j["skipped"] = skipped;
  j["reexported"] = reexported;
  return j;
}

ExportRecord run_export(Tx& tx, const PluginHandle& h, const ExportSpec& spec, std::ostream& out,
                        bool record) {
  AccountMap map(tx);
  EntryBuilder builder(tx, map, spec.invoicing);
  ExportRecord r;
  r.since_last = spec.since_last;
  r.label = spec.label;
  r.format = to_string(spec.syntax);
  r.summary = spec.summary;
  r.file = spec.file;
  r.reexport = spec.reexport;
  r.seq_to = tx.journal_head().seq;
  r.seq_from = spec.since_last ? since_last_mark(tx, h) + 1 : 1;
  r.from = spec.from;
  r.to = spec.to;
  r.number = tx.peek_counter("gl.exports") + 1;

  Writer w(out, spec.syntax);
  std::vector<std::string> title = {
      "arctl GL export " + std::to_string(r.number) + ": " + spec.label +
          (spec.summary ? ", one entry per day and currency" : ", one entry per posting"),
      "journal events " + std::to_string(r.seq_from) + ".." + std::to_string(r.seq_to) +
          (spec.backlog ? ", with earlier entries not yet exported" : "") +
          (spec.reexport ? ", re-export: entries already exported are included again"
                         : ", entries already exported left out")};
  std::set<std::string> currencies = {tx.config_or("ledger.currency", "USD")};
  tx.for_each_customer([&](const Customer& c) {
    currencies.insert(std::string(c.currency.code()));
    return true;
  });
  w.begin(map.accounts(), currencies, title);

  std::map<std::string, std::int64_t> debits;
  Summary summary;
  std::optional<Date> first, last;
  SentLog sent(tx, h);
  std::vector<std::uint64_t> carried;
  auto take = [&](const JournalEntry& ev) {
    auto e = builder.build(ev);
    if (!e || e->postings.empty()) return;
    if (sent.find(e->seq, e->date)) {
      // The backlog before the range is for what never went out, even under
      // --reexport, and is not counted as skipped.
      const bool in_range = spec.since_last || spec.from <= e->date;
      if (!spec.reexport || !in_range) {
        if (in_range) ++r.skipped;
        return;
      }
      ++r.reexported;
    }
    carried.push_back(e->seq);
    ++r.entries;
    for (const auto& p : e->postings)
      if (p.minor > 0) {
        auto& d = debits[std::string(e->currency.code())];
        d = checked_add(d, p.minor);
      }
    if (!first || e->date < *first) first = e->date;
    if (!last || e->date > *last) last = e->date;
    if (spec.summary) {
      summary.add(*e);
    } else {
      r.postings += e->postings.size();
      w.entry(*e);
    }
  };
  if (spec.since_last) {
    if (r.seq_from <= r.seq_to) scan_journal(tx, r.seq_from, r.seq_to, take);
    if (first) r.from = *first, r.to = *last;
  } else {
    DateIndex index(tx, h);
    index.catch_up(builder);
    index.visit(spec.backlog ? Date{} : spec.from, spec.to, [&](const GlEvent& g) {
      // Most of the backlog went out long ago: not worth building its entries.
      if (g.date < spec.from && sent.find(g.seq, g.date)) return;
      index.load(g, take);
    });
  }
  if (spec.summary) summary.write(w, r.postings);
  out.flush();
  if (!out) fail(ErrorKind::kError, "writing the GL export failed");
  for (auto& [cur, minor] : debits)
    r.debits.emplace_back(cur, minor);
  r.time_micros = now_micros();
  r.actor = tx.ledger().session().actor;
  if (record) {
    r.number = tx.next_counter("gl.exports");
    tx.table(h, "exports").put(KeyBuilder().u64(r.number), kExport.encode(r));
    for (const auto seq : carried)
      sent.mark(seq, r.number);
    tx.publish(events::GlExported{{r.to_json()}});
  }
  return r;
}

std::vector<ExportRecord> list_exports(Tx& tx, const PluginHandle& h) {
  std::vector<ExportRecord> out;
  tx.table(h, "exports").scan({}, [&](BytesView k, BytesView v) {
    out.push_back(kExport.decode(v, {"x.gl.exports", k}));
    return true;
  });
  return out;
}

std::uint64_t since_last_mark(Tx& tx, const PluginHandle& h) {
  std::uint64_t mark = 0;
  auto c = tx.table(h, "exports").cursor();
  for (bool ok = c->last(); ok; ok = c->prev()) {
    const auto r = kExport.decode(c->value(), {"x.gl.exports", c->key()});
    if (r.since_last) return r.seq_to;
  }
  return mark;
}

}  // namespace arctl::gl
