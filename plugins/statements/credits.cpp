// Credit balances (credits.hpp): the open items are read in one pass; a
// customer's debits, and what its descendants' leave after their own
// credits, are what its credits could still be applied to.
#include "credits.hpp"

#include <algorithm>
#include <charconv>
#include <map>

#include "arctl/error.hpp"
#include "asof.hpp"
#include "groups.hpp"

namespace arctl::statements {
namespace {

int parse_refund_days(std::string_view value) {
  int days = -1;
  const auto* end = value.data() + value.size();
  const auto [p, ec] = std::from_chars(value.data(), end, days);
  if (ec != std::errc() || p != end || days < 0 || days > 3650)
    fail(ErrorKind::kConflict,
         std::string(kRefundAfterKey) + " must be a whole number of days from 0 to 3650, not '" +
             std::string(value) + "'",
         {"", 0, std::string(kRefundAfterKey)});
  return days;
}

struct Credit {
  OpenItem item;
  std::int64_t age = 0;
};

// One customer's open items as of the date, in one currency.
struct Open {
  Currency currency;
  std::int64_t debits = 0;
  std::vector<Credit> credits;  // oldest first
  std::int64_t credit_total = 0;
};

using Key = std::pair<std::string, std::string>;  // customer, currency

// What a customer's debits and its descendants' leave after their own
// credits: the most the customer's parent's credits could still pay.
// Bounded by the number of customers, so that a loop ends.
std::int64_t left_over(const std::map<Key, Open>& open,
                       const std::multimap<std::string, std::string>& children, const Key& k,
                       std::size_t depth = 0) {
  std::int64_t debits = 0, credits = 0;
  if (const auto it = open.find(k); it != open.end()) {
    debits = it->second.debits;
    credits = it->second.credit_total;
  }
  if (depth <= children.size()) {
    const auto [from, to] = children.equal_range(k.first);
    for (auto c = from; c != to; ++c)
      debits = checked_add(debits, left_over(open, children, {c->second, k.second}, depth + 1));
  }
  return std::max<std::int64_t>(0, debits - credits);
}

}  // namespace

void validate_credits_config(std::string_view key, std::string_view value) {
  if (key == kRefundAfterKey) parse_refund_days(value);
}

Json report_credits(Tx& tx, const PluginHandle& h, const CreditsOptions& o) {
  const auto setting = tx.config(std::string(kRefundAfterKey));
  const int after = setting ? parse_refund_days(*setting) : kRefundAfterDefault;
  const auto labels = o.buckets.labels();
  if (o.customer) tx.customer(*o.customer);
  // A parent's credits may pay its descendants' debits (group accounts).
  const auto children = children_by_parent(tx);
  std::map<Key, Open> open;
  AsOf asof(tx, h, o.as_of);
  const auto collect = [&](const OpenItem& it) {
    auto& c = open[{it.customer, code(it.open.currency())}];
    c.currency = it.open.currency();
    if (is_debit(it.kind)) {
      c.debits = checked_add(c.debits, it.open.minor());
    } else {
      c.credits.push_back({it, days_between(it.issued, o.as_of)});
      c.credit_total = checked_add(c.credit_total, it.open.minor());
    }
    return true;
  };
  if (o.customer) {
    for (const auto& member : group_members(tx, *o.customer))
      asof.open_items(collect, std::string_view(member));
  } else {
    asof.open_items(collect);
  }

  Json rows = Json::array();
  for (auto& [key, c] : open) {
    const auto& customer = key.first;
    if (o.customer && customer != *o.customer) continue;
    std::int64_t debits = c.debits;
    const auto [from, to] = children.equal_range(customer);
    for (auto child = from; child != to; ++child)
      debits = checked_add(debits, left_over(open, children, {child->second, key.second}));
    // The oldest credits are applied to the open debits first.
    std::stable_sort(c.credits.begin(), c.credits.end(), [](const Credit& a, const Credit& b) {
      return a.item.issued < b.item.issued;
    });
    std::string name;
    if (const auto found = tx.find_customer(customer)) name = found->name;
    for (const auto& credit : c.credits) {
      const auto amount = credit.item.open.minor();
      const auto absorbed = std::min(amount, debits);
      debits -= absorbed;
      const auto refundable = amount - absorbed;
      if (credit.age < o.min_age) continue;
      const bool old = credit.age > after;
      std::string reason;
      if (customer.empty())
        reason = "unassigned receipt: assign it to a customer first";
      else if (refundable == 0)
        reason = "the customer's open debits can absorb it: apply it";
      else if (!old)
        reason = "not older than " + std::to_string(after) + " days";
      else if (absorbed == 0)
        reason = "no open debits to apply it to";
      else
        reason = "exceeds the open debits by " + money_str(refundable, c.currency);
      Json j;
      j["customer"] = customer;
      j["name"] = name;
      j["document"] = credit.item.id;
      j["kind"] = to_string(credit.item.kind);
      j["issued"] = format_date(credit.item.issued);
      j["age_days"] = credit.age;
      j["bucket"] = labels[o.buckets.index(credit.age)];
      j["currency"] = key.second;
      j["open"] = money_str(amount, c.currency);
      j["refundable"] = money_str(refundable, c.currency);
      j["refund_candidate"] = !customer.empty() && refundable > 0 && old;
      j["reason"] = reason;
      rows.push_back(std::move(j));
    }
  }
  return rows;
}

}  // namespace arctl::statements
