// Storing and listing collection targets.
#include "targets.hpp"

#include "arctl/codec.hpp"
#include "arctl/error.hpp"
#include "arctl/events/collections.hpp"
#include "arctl/record.hpp"

namespace arctl::collections {

namespace {

using record::field;

// Keyed by (collector, period): the period lives in the key only.
const auto kTarget =
    record::layout<Target>(1, field("amount", &Target::amount), field("set_on", &Target::set_on),
                           field("set_by", &Target::set_by));

Bytes key_of(const std::string& collector, Period p) {
  return KeyBuilder().str(collector).str(p.str()).bytes();
}

}  // namespace

TargetChange set_target(Tx& tx, const PluginHandle& h, const std::string& collector, Period period,
                        const std::string& amount, const std::string& currency, Date today) {
  if (collector.empty()) fail_usage("a target needs a --collector");
  const auto cur = Currency::parse(currency.empty() ? tx.config_or("ledger.currency", "USD")
                                                    : std::string_view(currency));
  TargetChange ch;
  auto& t = ch.target;
  t.collector = collector;
  t.period = period;
  t.amount = for_option("--amount", [&] { return Money::parse(amount, cur); });
  if (!t.amount.is_positive()) fail_conflict("a target must be a positive amount");
  t.set_on = today;
  t.set_by = tx.ledger().session().actor;
  auto table = tx.table(h, "targets");
  const auto key = key_of(collector, period);
  if (const auto old = table.get(key)) {
    auto before = kTarget.decode(*old, {table.name(), key});
    if (before.amount == t.amount) {
      before.collector = collector;
      before.period = period;
      ch.target = before;
      ch.outcome = "unchanged";
      return ch;
    }
    ch.previous = before.amount;
    ch.outcome = "replaced";
  } else {
    ch.outcome = "created";
  }
  table.put(key, kTarget.encode(t));
  tx.publish(events::TargetSet{collector, period.str(), t.amount,
                               ch.previous ? ch.previous->str() : std::string()});
  return ch;
}

std::vector<Target> list_targets(Tx& tx, const PluginHandle& h,
                                 std::optional<std::string_view> collector,
                                 std::optional<Period> period) {
  std::vector<Target> out;
  auto table = tx.table(h, "targets");
  KeyBuilder prefix;
  if (collector) prefix.str(*collector);
  table.scan(prefix.bytes(), [&](BytesView k, BytesView v) {
    KeyReader r(k);
    Target t = kTarget.decode(v, {table.name(), k});
    t.collector = r.str();
    t.period = Period::parse(r.str());
    if (!period || t.period == *period) out.push_back(std::move(t));
    return true;
  });
  return out;
}

Json target_row(const Target& t) {
  Json j;
  j["collector"] = t.collector;
  j["period"] = t.period.str();
  put_money(j, "amount", t.amount);
  j["set_on"] = format_date(t.set_on);
  j["set_by"] = t.set_by;
  return j;
}

}  // namespace arctl::collections
