// The dispute and promise services, and the check of this plugin's settings.
#include "services.hpp"

#include "activities.hpp"
#include "arctl/error.hpp"
#include "cases.hpp"
#include "ladder.hpp"

namespace arctl::disputes {
namespace {

const PluginHandle& need(const PluginHandle* h) {
  if (!h) fail(ErrorKind::kError, "the disputes plugin was used before it was initialised");
  return *h;
}

}  // namespace

Money DisputeServiceImpl::disputed(Tx& tx, const Document& d) {
  return Cases(tx, need(handle_)).disputed(d);
}

std::map<std::string, Money> DisputeServiceImpl::disputed_documents(
    Tx& tx, std::optional<std::string_view> customer) {
  Cases cases(tx, need(handle_));
  std::map<std::string, Money> out;
  const auto latest = cases.store().latest_case_date();
  if (ctx_ && !(latest && *latest <= ctx_->today())) {
    const Date as_of = ctx_->today();
    cases.store().for_each_case([&](const Case& c) {
      if (c.kind != "dispute" || c.invoice.empty() || (customer && c.customer != *customer) ||
          c.opened > as_of || (c.status == "resolved" && c.resolved <= as_of))
        return true;
      auto [it, fresh] = out.try_emplace(c.invoice, Money::zero(c.amount.currency()));
      it->second += c.amount;
      return true;
    });
    return out;
  }
  for (const auto& c : cases.store().unresolved(customer)) {
    if (c.kind != "dispute" || c.invoice.empty() || out.count(c.invoice)) continue;
    const auto amount = cases.disputed(tx.document(c.invoice));
    if (amount.is_positive()) out.emplace(c.invoice, amount);
  }
  return out;
}

std::vector<PromiseToPay> PromiseServiceImpl::open_promises(
    Tx& tx, std::optional<std::string_view> customer) {
  std::vector<PromiseToPay> out;
  Records(tx, need(handle_)).for_each_promise([&](const Promise& p) {
    if (p.status == "open" && (!customer || p.customer == *customer))
      out.push_back({p.id, p.customer, p.invoice, p.amount, p.date, p.status});
    return true;
  });
  return out;
}

void validate_config(const std::string& key, const std::string& value) {
  if (key == "disputes.ladder") {
    Ladder::parse(value);
  } else if (key == "disputes.on_broken_promise") {
    if (value != "escalate" && value != "open" && value != "none")
      fail(ErrorKind::kConflict, "must be escalate, open or none, not '" + value + "'",
           {"", 0, key});
  } else if (key == "writeoff.approval_limit" || key == "writeoff.approval_limit_period") {
    const auto limit = Decimal::parse(value);
    if (limit.micros < 0) fail(ErrorKind::kConflict, "must not be negative", {"", 0, key});
  } else if (key == "activity.results") {
    for_option(key.c_str(), [&] { return parse_result_codes(value); });
  } else if (key == "writeoff.approver_must_be_login") {
    if (value != "true" && value != "false")
      fail(ErrorKind::kConflict, "must be true or false, not '" + value + "'", {"", 0, key});
  }
}

}  // namespace arctl::disputes
