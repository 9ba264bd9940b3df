// Tx: configuration, counters and the plugins' tables.
#include <algorithm>
#include <chrono>

#include "arctl/error.hpp"
#include "arctl/events/kernel.hpp"
#include "arctl/ledger.hpp"
#include "ledger/records.hpp"
#include "ledger/tables.hpp"

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
