// Blocking and warning checks run by the close before it locks the period.
#include "close/close_checks.hpp"

#include "arctl/check.hpp"
#include "arctl/error.hpp"

namespace arctl {
namespace {

std::string level(Tx& tx, const std::string& name, const char* fallback) {
  auto v = tx.config_or("close.check." + name, fallback);
  if (v != "block" && v != "warn" && v != "off")
    fail(ErrorKind::kUsage,
         "config close.check." + name + " must be block, warn or off, not '" + v + "'");
  return v;
}

constexpr std::size_t kMaxListed = 50;

}  // namespace

std::vector<CheckOutcome> run_close_checks(Tx& tx, Date period_end, PluginHost* plugins) {
  std::vector<CheckOutcome> out;

  CheckOutcome ledger{"ledger", level(tx, "ledger", "block"), {}};
  if (ledger.level != "off")
    for (const auto& f : check_ledger_and_plugins(tx, plugins, kMaxListed).findings)
      ledger.issues.push_back(f.record + ": " + f.message);
  out.push_back(std::move(ledger));

  CheckOutcome suspense{"suspense", level(tx, "suspense", "warn"), {}};
  CheckOutcome unapplied{"unapplied", level(tx, "unapplied", "warn"), {}};
  const auto days_text = tx.config_or("close.unapplied_days", "30");
  int days = 0;
  try {
    days = std::stoi(days_text);
  } catch (const std::exception&) {
    fail(ErrorKind::kUsage,
         "config close.unapplied_days must be a number of days, not '" + days_text + "'");
  }
  const Date stale = period_end - std::chrono::days(days);
  tx.open_items(
      [&](const OpenItem& it) {
        if (it.kind != DocKind::kReceipt || it.issued > period_end) return true;
        const auto text = it.id + " " + it.open.str() + " " +
                          std::string(it.open.currency().code()) + " received " +
                          format_date(it.issued);
        if (it.customer.empty() && suspense.level != "off" && suspense.issues.size() < kMaxListed)
          suspense.issues.push_back(text + " has no customer");
        else if (!it.customer.empty() && it.issued < stale && unapplied.level != "off" &&
                 unapplied.issues.size() < kMaxListed)
          unapplied.issues.push_back(text + " from " + it.customer + " is still unapplied");
        return true;
      },
      std::nullopt, false, true);
  out.push_back(std::move(suspense));
  out.push_back(std::move(unapplied));
  return out;
}

Json check_json(const CheckOutcome& c) {
  return Json{
      {"check", c.name}, {"level", c.level}, {"passed", c.issues.empty()}, {"issues", c.issues}};
}

}  // namespace arctl
