// Tx: configuration, counters, the period lock and plugin tables.
#include <algorithm>
#include <chrono>

#include "arctl/error.hpp"
#include "arctl/events/kernel.hpp"
#include "arctl/ledger.hpp"
#include "records.hpp"
#include "tables.hpp"

namespace arctl {
namespace {

void validate_config_key(std::string_view key) {
  const bool chars_ok = std::all_of(key.begin(), key.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '-' || c == '.';
  });
  const auto dot = key.find('.');
  if (!chars_ok || dot == std::string_view::npos || dot == 0 || key.back() == '.' ||
      key.find("..") != std::string_view::npos || key.size() > 200)
    fail(ErrorKind::kUsage, "invalid config key '" + std::string(key) +
                                "': use section.name with letters, digits, '_', '-'");
}

}  // namespace

std::optional<std::string> Tx::config(std::string_view key) {
  auto v = read_.get(tables::kConfig, key);
  if (!v) return std::nullopt;
  return std::string(*v);
}

std::string Tx::config_or(std::string_view key, std::string_view fallback) {
  auto v = config(key);
  return v ? *v : std::string(fallback);
}

void Tx::set_config(std::string_view key, std::string_view value) {
  validate_config_key(key);
  auto previous = config(key);
  if (previous && *previous == value) return;
  raw_write().put(tables::kConfig, key, value);
  publish(events::ConfigSet{std::string(key), std::string(value), previous});
}

bool Tx::unset_config(std::string_view key) {
  auto previous = config(key);
  if (!previous) return false;
  raw_write().del(tables::kConfig, key);
  publish(events::ConfigUnset{std::string(key), *previous});
  return true;
}

std::vector<std::pair<std::string, std::string>> Tx::config_list(std::string_view prefix) {
  std::vector<std::pair<std::string, std::string>> out;
  auto c = read_.cursor(tables::kConfig);
  for (bool ok = c->seek(prefix); ok; ok = c->next()) {
    if (c->key().substr(0, prefix.size()) != prefix) break;
    out.emplace_back(std::string(c->key()), std::string(c->value()));
  }
  return out;
}

std::uint64_t Tx::peek_counter(std::string_view name) {
  auto v = read_.get(tables::kCounters, name);
  return v ? KeyReader(*v).u64() : 0;
}

std::uint64_t Tx::next_counter(std::string_view name) {
  const auto n = peek_counter(name) + 1;
  raw_write().put(tables::kCounters, name, KeyBuilder().u64(n));
  return n;
}

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

PluginTable Tx::table(const PluginHandle& plugin, std::string_view name) {
  return PluginTable(*this, "x." + plugin.name() + "." + std::string(name));
}

std::optional<Bytes> PluginTable::get(BytesView key) {
  auto v = tx_.raw_read().get(table_, key);
  if (!v) return std::nullopt;
  return Bytes(*v);
}

void PluginTable::put(BytesView key, BytesView value) {
  tx_.raw_write().put(table_, key, value);
}

bool PluginTable::del(BytesView key) {
  return tx_.raw_write().del(table_, key);
}

void PluginTable::scan(BytesView prefix, const std::function<bool(BytesView, BytesView)>& fn) {
  auto c = tx_.raw_read().cursor(table_);
  for (bool ok = c->seek(prefix); ok; ok = c->next()) {
    if (c->key().substr(0, prefix.size()) != prefix) break;
    if (!fn(c->key(), c->value())) break;
  }
}

std::unique_ptr<Cursor> PluginTable::cursor() {
  return tx_.raw_read().cursor(table_);
}

}  // namespace arctl
