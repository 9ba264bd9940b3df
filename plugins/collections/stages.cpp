// Collection stages (see stages.hpp).
#include "stages.hpp"

#include <array>

#include "arctl/codec.hpp"
#include "arctl/error.hpp"
#include "arctl/events/collections.hpp"
#include "arctl/names.hpp"
#include "arctl/record.hpp"
#include "strategies.hpp"

namespace arctl::collections {
namespace {

constexpr std::string_view kHistory = "stage_history";
constexpr std::uint8_t kChangeV = 1;

constexpr std::array<Named<Stage>, 5> kStages = {{{Stage::kNormal, "normal"},
                                                  {Stage::kPreLegal, "pre-legal"},
                                                  {Stage::kLegal, "legal"},
                                                  {Stage::kAgency, "agency"},
                                                  {Stage::kWrittenOff, "written-off"}}};

using record::field;
using StageCodec = record::Enum<Stage, 0, 4, "stage">;

// The customer and sequence are the key.
const auto kChange = record::layout<StageChange>(
    kChangeV, record::field_as<StageCodec>("from", &StageChange::from),
    record::field_as<StageCodec>("to", &StageChange::to), field("agency", &StageChange::agency),
    field("reason", &StageChange::reason), field("actor", &StageChange::actor),
    field("date", &StageChange::date), field("open", &StageChange::open),
    field("time_micros", &StageChange::time_micros));

StageChange decode(BytesView key, BytesView value) {
  StageChange c;
  KeyReader k(key);
  c.customer = k.str();
  c.seq = k.u64();
  kChange.decode_into(value, c, {kHistory, key});
  return c;
}

}  // namespace

const char* stage_name(Stage s) noexcept {
  const auto* e = find_value(kStages, s);
  return e ? e->name : "normal";
}

std::optional<Stage> parse_stage(std::string_view name) {
  const auto* e = find_name(kStages, name);
  return e ? std::optional<Stage>(e->value) : std::nullopt;
}

std::vector<StageChange> stage_history(Tx& tx, const PluginHandle& handle,
                                       std::string_view customer) {
  std::vector<StageChange> out;
  tx.table(handle, kHistory).scan(KeyBuilder().str(customer), [&](BytesView k, BytesView v) {
    out.push_back(decode(k, v));
    return true;
  });
  return out;
}

void for_each_stage_change(Tx& tx, const PluginHandle& handle,
                           const std::function<void(const StageChange&)>& fn) {
  tx.table(handle, kHistory).scan({}, [&](BytesView k, BytesView v) {
    fn(decode(k, v));
    return true;
  });
}

StageState current_stage(Tx& tx, const PluginHandle& handle, std::string_view customer) {
  const auto history = stage_history(tx, handle, customer);
  if (history.empty()) return {};
  const auto& last = history.back();
  return {last.to, last.agency, last.date, last.reason, last.seq};
}

StageResult set_stage(Tx& tx, const PluginHandle& handle, const std::string& customer, Stage to,
                      const std::string& agency, const std::string& reason, Date today) {
  const char* name = stage_name(to);
  if (reason.empty())
    fail_usage("collection stage needs --reason: why " + customer + " moves to " + name);
  if (to == Stage::kAgency && agency.empty())
    fail_usage("the agency stage needs --agency NAME: the agency the account is placed with");
  if (to != Stage::kAgency && !agency.empty())
    fail_usage("--agency goes only with the agency stage, not " + std::string(name));
  const auto c = tx.customer(customer);
  const auto history = stage_history(tx, handle, customer);
  const Stage from = history.empty() ? Stage::kNormal : history.back().to;
  if (from == to && (history.empty() || history.back().agency == agency)) {
    StageChange none;
    none.customer = customer;
    return {false, history.empty() ? none : history.back()};
  }

  StageChange ch;
  ch.customer = customer;
  ch.from = from;
  ch.to = to;
  ch.agency = agency;
  ch.reason = reason;
  ch.actor = tx.ledger().session().actor;
  ch.date = today;
  const auto bal = tx.balance(customer);
  ch.open = bal.receivable.currency().empty() ? Money::zero(c.currency) : bal.receivable;
  ch.time_micros = now_micros();
  ch.seq = tx.publish(events::CollectionStageChanged{customer, stage_name(from), name, agency,
                                                     reason, ch.open, today});
  tx.table(handle, kHistory).put(KeyBuilder().str(customer).u64(ch.seq), kChange.encode(ch));
  return {true, ch};
}

Json collection_details(Tx& tx, const PluginHandle& handle, const Customer& c) {
  const auto history = stage_history(tx, handle, c.id);
  Json j;
  const auto a = assigned_strategy(tx, c);
  j["strategy"] = a.strategy.name;
  j["strategy_from"] = a.from;
  j["steps"] = format_steps(a.strategy.steps);
  j["stage"] = history.empty() ? "normal" : stage_name(history.back().to);
  j["since"] = history.empty() ? "" : format_date(history.back().date);
  j["agency"] = history.empty() ? "" : history.back().agency;
  Json rows = Json::array();
  for (const auto& h : history)
    rows.push_back(Json{{"date", format_date(h.date)},
                        {"from", stage_name(h.from)},
                        {"to", stage_name(h.to)},
                        {"agency", h.agency},
                        {"reason", h.reason},
                        {"open", h.open.str()},
                        {"actor", h.actor},
                        {"time", format_timestamp(h.time_micros)}});
  j["history"] = rows;
  return j;
}

}  // namespace arctl::collections
