// Collection strategies (see strategies.hpp).
#include "strategies.hpp"

#include <algorithm>
#include <array>

#include "arctl/error.hpp"

namespace arctl::collections {
namespace {

constexpr std::string_view kStrategyPrefix = "collections.strategy.";
constexpr std::string_view kDefaultKey = "collections.strategy.default";
constexpr std::string_view kSegmentAttrKey = "collections.segment_attr";
constexpr std::string_view kSegmentPrefix = "collections.segment.";
constexpr std::array<std::string_view, 7> kActions = {"call",      "email", "letter", "manager",
                                                      "pre-legal", "legal", "agency"};

bool valid_name(std::string_view name) {
  return !name.empty() && name != "default" &&
         name.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789-_") == std::string::npos;
}

std::string key_of(std::string_view name) {
  return std::string(kStrategyPrefix) + std::string(name);
}

// The strategy a setting names, or a conflict naming the setting.
Strategy named(Tx& tx, std::string_view name, const std::string& where) {
  auto s = find_strategy(tx, name);
  if (!s)
    fail_conflict(where + " names the strategy '" + std::string(name) + "', which no " +
                  key_of(name) + " defines (`arctl collection strategies` lists them)");
  return *s;
}

bool defined(Tx& tx, std::string_view name) {
  return name == kStandard || tx.config(key_of(name)).has_value();
}

}  // namespace

std::vector<Step> parse_steps(std::string_view key, std::string_view text) {
  std::vector<Step> steps;
  auto bad = [&](const std::string& why) {
    fail_usage(std::string(key) + " must be ACTION@DAYS,... (actions call, email, letter, " +
               "manager, pre-legal, legal, agency; days past due from 1, ascending): " + why +
               " in '" + std::string(text) + "'");
  };
  std::string_view rest = text;
  for (;;) {
    const auto comma = rest.find(',');
    const auto item = rest.substr(0, comma);
    rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
    const auto at = item.find('@');
    if (at == std::string_view::npos) bad("'" + std::string(item) + "' has no @DAYS");
    const auto action = item.substr(0, at), days = item.substr(at + 1);
    if (std::find(kActions.begin(), kActions.end(), action) == kActions.end())
      bad("unknown action '" + std::string(action) + "'");
    if (days.empty() || days.size() > 4 ||
        days.find_first_not_of("0123456789") != std::string_view::npos)
      bad("'" + std::string(days) + "' is not a number of days");
    const int d = std::stoi(std::string(days));
    if (d < 1) bad("days start at 1");
    if (!steps.empty() && d <= steps.back().days) bad("days must ascend");
    steps.push_back({d, std::string(action)});
    if (comma == std::string_view::npos) break;
  }
  return steps;
}

std::string format_steps(const std::vector<Step>& steps) {
  std::string out;
  for (const auto& s : steps)
    out += (out.empty() ? "" : ",") + s.action + "@" + std::to_string(s.days);
  return out;
}

std::optional<Strategy> find_strategy(Tx& tx, std::string_view name) {
  if (!valid_name(name)) return std::nullopt;
  const auto key = key_of(name);
  const auto text = tx.config(key);
  if (!text && name != kStandard) return std::nullopt;
  try {
    return Strategy{std::string(name), parse_steps(key, text ? *text : kStandardSteps)};
  } catch (const Error& e) {
    // Stored before the check existed, or by hand: refuse to act on it.
    fail_conflict(e.what());
  }
}

std::vector<Strategy> all_strategies(Tx& tx) {
  std::vector<Strategy> out;
  bool standard = false;
  for (const auto& [key, value] : tx.config_list(kStrategyPrefix)) {
    const auto name = key.substr(kStrategyPrefix.size());
    if (!valid_name(name)) continue;
    standard = standard || name == kStandard;
    if (auto s = find_strategy(tx, name)) out.push_back(std::move(*s));
  }
  if (!standard) out.push_back(*find_strategy(tx, kStandard));
  std::sort(out.begin(), out.end(),
            [](const Strategy& a, const Strategy& b) { return a.name < b.name; });
  return out;
}

Assigned assigned_strategy(Tx& tx, const Customer& c) {
  if (auto it = c.attrs.find(std::string(kStrategyAttr));
      it != c.attrs.end() && !it->second.empty())
    return {named(tx, it->second, "customer " + c.id + "'s attribute strategy"), "customer"};
  if (const auto attr = tx.config(kSegmentAttrKey); attr && !attr->empty()) {
    if (auto it = c.attrs.find(*attr); it != c.attrs.end() && !it->second.empty()) {
      const auto key = std::string(kSegmentPrefix) + it->second;
      if (const auto name = tx.config(key)) return {named(tx, *name, key), "segment"};
    }
  }
  if (const auto name = tx.config(kDefaultKey); name && !name->empty())
    return {named(tx, *name, std::string(kDefaultKey)), "default"};
  return {*find_strategy(tx, kStandard), "built-in"};
}

Strategy strategy_for(Tx& tx, const Customer& c) {
  return assigned_strategy(tx, c).strategy;
}

std::optional<Step> step_due(const Strategy& s, int days_past_due) {
  std::optional<Step> due;
  for (const auto& step : s.steps)
    if (step.days <= days_past_due) due = step;
  return due;
}

void validate_strategy_config(Tx& tx, std::string_view key, std::string_view value) {
  auto must_name = [&] {
    if (!value.empty() && !defined(tx, value))
      fail_usage(std::string(key) + " names the strategy '" + std::string(value) + "', which no " +
                 key_of(value) + " defines");
  };
  if (key == kDefaultKey || key.rfind(kSegmentPrefix, 0) == 0) return must_name();
  if (key.rfind(kStrategyPrefix, 0) != 0) return;
  if (!valid_name(key.substr(kStrategyPrefix.size())))
    fail_usage("a strategy's name is lower-case letters, digits, - and _: " + std::string(key));
  parse_steps(key, value);
}

std::vector<ConfigKey> strategy_config_keys() {
  return {
      {std::string(kDefaultKey), "",
       "the strategy of customers with none of their own or of their segment; unset: none is set, "
       "the worklist uses standard and notices follow statements.notice.levels"},
      {key_of(kStandard), std::string(kStandardSteps), "the built-in strategy's steps"},
      {std::string(kStrategyPrefix) + "*", "",
       "a collection strategy: ACTION@DAYS,... by ascending days past due; actions call, email, "
       "letter, manager, pre-legal, legal, agency; notices follow its letter steps"},
      {std::string(kSegmentAttrKey), "",
       "the customer attribute whose value picks the strategy (collections.segment.<value>)"},
      {std::string(kSegmentPrefix) + "*", "",
       "the strategy of customers whose segment attribute has this value"},
  };
}

}  // namespace arctl::collections
