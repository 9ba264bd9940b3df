// Tx: the period lock, reopening, and the date an action posts on.
#include <chrono>

#include "arctl/error.hpp"
#include "arctl/events/kernel.hpp"
#include "arctl/ledger.hpp"
#include "ledger/records.hpp"
#include "ledger/tables.hpp"

namespace arctl {

std::optional<Date> Tx::lock_date() {
  auto v = read_.get(tables::kMeta, tables::kMetaLock);
  if (!v) return std::nullopt;
  return KeyReader(*v).date();
}

std::optional<Date> Tx::latest_activity() {
  auto v = read_.get(tables::kMeta, tables::kMetaActivity);
  if (!v) return std::nullopt;
  return KeyReader(*v).date();
}

void Tx::note_activity(Date d) {
  const auto current = latest_activity();
  if (current && *current >= d) return;
  raw_write().put(tables::kMeta, tables::kMetaActivity, KeyBuilder().date(d));
}

void Tx::check_not_locked(Date d, std::string_view what) {
  const auto lock = lock_date();
  if (lock && d <= *lock)
    fail(ErrorKind::kPeriodLocked, std::string(what) + " is dated " + format_date(d) +
                                       ", on or before the period lock date " + format_date(*lock) +
                                       " (arctl period reopen --reason ... to change it)");
}

Date Tx::posting_date(Date wanted) {
  const auto lock = lock_date();
  if (!lock || wanted > *lock) return wanted;
  const Date first_open = *lock + std::chrono::days(1);
  const auto& today = ledger_.session().today;
  return today && *today > first_open ? *today : first_open;
}

void Tx::lock_period(Date through) {
  const auto previous = lock_date();
  if (previous && through < *previous)
    fail_conflict("the period is already locked through " + format_date(*previous) +
                  "; a lock date can only move forward (reopen to move it back)");
  if (previous && through == *previous) return;
  raw_write().put(tables::kMeta, tables::kMetaLock, KeyBuilder().date(through));
  publish(events::PeriodLocked{through, previous});
}

void Tx::reopen_period(std::string_view reason, std::optional<Date> new_lock) {
  if (reason.empty()) fail_usage("reopening a period needs a --reason");
  const auto previous = lock_date();
  if (!previous) fail_conflict("no period is locked");
  if (new_lock && *new_lock >= *previous)
    fail_conflict("reopening must move the lock date back, before " + format_date(*previous));
  if (new_lock)
    raw_write().put(tables::kMeta, tables::kMetaLock, KeyBuilder().date(*new_lock));
  else
    raw_write().del(tables::kMeta, tables::kMetaLock);
  publish(events::PeriodReopened{*previous, new_lock, std::string(reason)});
}

}  // namespace arctl
