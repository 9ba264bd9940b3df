// The changes_by_date index: written with every application, reversal and
// void (Tx::note_change), built once for older ledgers, read by date range.
#include "ledger/change_index.hpp"

#include <chrono>

#include "arctl/error.hpp"
#include "arctl/ledger.hpp"
#include "ledger/records.hpp"
#include "ledger/tables.hpp"

namespace arctl {

void ensure_change_index(WriteTxn& w) {
  if (w.get(tables::kMeta, tables::kMetaChangeIndex)) return;
  // Entries left by an earlier build whose mark was lost are dropped, so the
  // index is exactly what the applications and documents say.
  std::vector<Bytes> stale;
  {
    auto c = w.cursor(tables::kChangesByDate);
    for (bool ok = c->first(); ok; ok = c->next())
      stale.emplace_back(c->key());
  }
  for (const auto& k : stale)
    w.del(tables::kChangesByDate, k);
  auto issued = [&](const std::string& id) {
    auto v = w.get(tables::kDocuments, id);
    if (!v) fail(ErrorKind::kError, "an application names a missing document '" + id + "'");
    return records::decode_document(*v).issued;
  };
  std::vector<std::pair<Bytes, Bytes>> entries;
  {
    auto c = w.cursor(tables::kApplications);
    for (bool ok = c->first(); ok; ok = c->next()) {
      const auto a = records::decode_application(c->value());
      const auto effect = a.is_reversal() ? a.amount.minor() : -a.amount.minor();
      for (const auto* doc : {&a.from, &a.to})
        entries.emplace_back(records::change_key(a.date, *doc, a.id),
                             records::change_value(issued(*doc), effect));
    }
  }
  {
    // A void needs no applications active, so what it closed was the whole
    // amount. One voided before void dates were kept has no date and no entry:
    // as of any date it counts as never posted.
    auto c = w.cursor(tables::kDocuments);
    for (bool ok = c->first(); ok; ok = c->next()) {
      const auto d = records::decode_document(c->value());
      if (d.status != DocStatus::kVoid) continue;
      const auto on = d.links.find("voided_on");
      const auto date = on == d.links.end() ? std::nullopt : try_parse_date(on->second);
      if (!date) continue;
      entries.emplace_back(records::change_key(*date, d.id, 0),
                           records::change_value(d.issued, -d.amount.minor()));
    }
  }
  for (const auto& [k, v] : entries)
    w.put(tables::kChangesByDate, k, v);
  w.put(tables::kMeta, tables::kMetaChangeIndex, KeyBuilder().u8(1));
}

void Tx::note_change(Date date, const Document& d, std::uint64_t application, std::int64_t effect) {
  raw_write().put(tables::kChangesByDate, records::change_key(date, d.id, application),
                  records::change_value(d.issued, effect));
}

bool Tx::changes_after(Date after, const std::function<bool(const DatedChange&)>& fn) {
  if (!read_.get(tables::kMeta, tables::kMetaChangeIndex)) return false;
  auto c = read_.cursor(tables::kChangesByDate);
  for (bool ok = c->seek(KeyBuilder().date(after + std::chrono::days(1))); ok; ok = c->next())
    if (!fn(records::decode_change(c->key(), c->value()))) break;
  return true;
}

}  // namespace arctl
