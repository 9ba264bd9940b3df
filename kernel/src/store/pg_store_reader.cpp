// What a PostgreSQL transaction has read, kept as key ranges known in full, so
// that a close or a statement run, which reads the same customers' entries
// step after step, asks the server once rather than each time.
#include <algorithm>
#include <limits>

#include "store/pg_store.hpp"

namespace arctl::pg {
namespace {

// Point reads fetch a window of keys from the one asked for: small at first,
// growing while reads keep landing in the last window (a walk in key order).
constexpr int kFirstWindow = 16;
constexpr int kMaxWindow = 1024;
// A table missed by seeks and point reads 32 times in one transaction is
// fetched whole if it has at most 64 entries per miss so far (2,048), again
// at 128 misses (8,192 entries), and at 512 (kWholeRows): a failed attempt
// costs about as much as the misses before it, and a mid-sized table that a
// command reads a little of is not fetched for nothing.
constexpr int kFirstWholeAttempt = 32;
constexpr int kWholeRowsPerMiss = 64;
constexpr int kWholeRows = 20000;
// Pages of at most this many rows are kept; a scan's larger pages are not.
constexpr int kKeptPageRows = 64;
// Past this many kept rows, everything kept is dropped.
constexpr std::size_t kMaxRows = 250000;

// The smallest key after `key`: keys compare as bytes, shorter first.
std::string successor(BytesView key) {
  std::string s(key);
  s.push_back('\0');
  return s;
}

// a <= b, where nullopt is past every key.
bool not_after(const std::optional<std::string>& a, const std::optional<std::string>& b) {
  return !b || (a && *a <= *b);
}

}  // namespace

std::optional<Reader::Range> Reader::covering(const Table& t, BytesView key) {
  auto it = t.ranges.upper_bound(key);
  if (it == t.ranges.begin()) return std::nullopt;
  --it;
  if (it->second && BytesView(*it->second) < key) return std::nullopt;
  return it;
}

Reader::Table& Reader::table_of(std::string_view table) {
  auto it = tables_.find(table);
  if (it == tables_.end()) it = tables_.emplace(std::string(table), Table{}).first;
  return it->second;
}

void Reader::add(std::string_view table, const std::string& from,
                 const std::optional<std::string>& far,
                 std::vector<std::pair<std::string, std::string>>&& rows) {
  if (rows_ + rows.size() > kMaxRows) clear();
  auto& t = table_of(table);
  for (auto& [k, v] : rows)
    if (t.rows.emplace(std::move(k), std::move(v)).second) ++rows_;
  // Merge [from, far] with the ranges it overlaps or touches.
  std::string lo = from;
  std::optional<std::string> hi = far;
  auto it = t.ranges.upper_bound(lo);
  if (it != t.ranges.begin()) {
    const auto before = std::prev(it);
    if (!before->second || successor(*before->second) >= lo) {
      lo = before->first;
      if (not_after(hi, before->second)) hi = before->second;
      it = t.ranges.erase(before);
    }
  }
  while (it != t.ranges.end() && (!hi || it->first <= successor(*hi))) {
    if (not_after(hi, it->second)) hi = it->second;
    it = t.ranges.erase(it);
  }
  t.ranges.emplace(std::move(lo), std::move(hi));
}

void Reader::wrote(std::string_view table, BytesView key, const std::optional<std::string>& value) {
  const auto it = tables_.find(table);
  if (it == tables_.end()) return;
  auto& t = it->second;
  if (!covering(t, key)) return;
  if (value) {
    if (t.rows.insert_or_assign(std::string(key), *value).second) ++rows_;
  } else if (const auto row = t.rows.find(key); row != t.rows.end()) {
    t.rows.erase(row);
    --rows_;
  }
}

void Reader::clear() {
  tables_.clear();
  rows_ = 0;
}

Page Reader::query(Conn& conn, const std::string& kv, std::string_view table,
                   const std::string& from, int limit) {
  std::string sql = "SELECT k, v FROM " + kv + " WHERE tbl = $1";
  std::vector<BytesView> params{table};
  if (!from.empty()) {
    sql += " AND k >= $2";
    params.emplace_back(from);
  }
  sql += " ORDER BY k LIMIT " + std::to_string(limit);
  const auto r = conn.exec_prepared(sql, params);
  Page page;
  page.rows.reserve(static_cast<std::size_t>(r.rows()));
  for (int i = 0; i < r.rows(); ++i)
    page.rows.emplace_back(std::string(r.get(i, 0)), std::string(r.get(i, 1)));
  if (r.rows() == limit) page.far = page.rows.back().first;
  return page;
}

bool Reader::missed(Conn& conn, const std::string& kv, std::string_view table, Table& t) {
  if (t.next_whole == 0) t.next_whole = kFirstWholeAttempt;
  if (++t.misses < t.next_whole) return false;
  const int most = std::min(t.misses * kWholeRowsPerMiss, kWholeRows);
  t.next_whole = most == kWholeRows ? std::numeric_limits<int>::max() : t.misses * 4;
  auto page = query(conn, kv, table, {}, most + 1);
  if (page.far) return false;  // too large to keep whole, yet
  add(table, {}, std::nullopt, std::move(page.rows));
  return true;
}

std::optional<BytesView> Reader::get(Conn& conn, const std::string& kv, std::string_view table,
                                     BytesView key) {
  auto* t = &table_of(table);
  const auto answer = [&]() -> std::optional<BytesView> {
    const auto row = t->rows.find(key);
    if (row == t->rows.end()) return std::nullopt;
    return BytesView(row->second);
  };
  if (covering(*t, key)) {
    if (t->window && key >= BytesView(t->window_lo) &&
        (!t->window_hi || key <= BytesView(*t->window_hi)))
      t->window_used = true;
    return answer();
  }
  if (missed(conn, kv, table, *t)) {
    t = &table_of(table);  // add() may have dropped what was kept
    return answer();
  }
  const int window =
      t->window && t->window_used ? std::min(t->window * 4, kMaxWindow) : kFirstWindow;
  auto page = query(conn, kv, table, std::string(key), window);
  std::optional<std::string> hi = page.far;
  add(table, std::string(key), page.far, std::move(page.rows));
  t = &table_of(table);
  t->window = window;
  t->window_used = false;
  t->window_lo = std::string(key);
  t->window_hi = std::move(hi);
  return answer();
}

Page Reader::forward(Conn& conn, const std::string& kv, std::string_view table,
                     const std::string& from, int limit) {
  auto* t = &table_of(table);
  const auto known = [&]() -> std::optional<Page> {
    const auto range = covering(*t, from);
    if (!range) return std::nullopt;
    Page page;
    const auto& hi = (*range)->second;
    for (auto it = t->rows.lower_bound(from); it != t->rows.end() && (!hi || it->first <= *hi);
         ++it) {
      if (static_cast<int>(page.rows.size()) == limit) break;
      page.rows.emplace_back(it->first, it->second);
    }
    if (static_cast<int>(page.rows.size()) == limit)
      page.far = page.rows.back().first;
    else
      page.far = hi;
    return page;
  };
  if (auto page = known()) return std::move(*page);
  if (limit <= kKeptPageRows && missed(conn, kv, table, *t)) {
    t = &table_of(table);
    return std::move(*known());
  }
  auto page = query(conn, kv, table, from, limit);
  if (limit <= kKeptPageRows) {
    auto copy = page.rows;
    add(table, from, page.far, std::move(copy));
  }
  return page;
}

}  // namespace arctl::pg
