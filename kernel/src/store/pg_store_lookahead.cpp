// Point reads with read-ahead: one statement answers the key asked for and
// the keys after it, in windows that grow while reads keep landing in them
// (a listing walking a table in key order) and stay small otherwise.
#include <algorithm>

#include "store/pg_store.hpp"

namespace arctl::pg {
namespace {

constexpr int kFirstWindow = 16;
constexpr int kMaxWindow = 1024;

}  // namespace

std::optional<BytesView> Lookahead::get(Conn& conn, const std::string& kv, std::string_view table,
                                        BytesView key) {
  auto it = windows_.find(table);
  if (it != windows_.end()) {
    auto& w = it->second;
    if (key >= BytesView(w.lo) && (!w.hi || key <= BytesView(*w.hi))) {
      w.used = true;
      const auto row = w.rows.find(key);
      if (row == w.rows.end()) return std::nullopt;
      return BytesView(row->second);
    }
  } else {
    it = windows_.emplace(std::string(table), Window{}).first;
  }
  auto& w = it->second;
  w.size = w.used ? std::min(w.size * 4, kMaxWindow) : kFirstWindow;
  w.used = false;
  const auto r = conn.exec_prepared("SELECT k, v FROM " + kv +
                                        " WHERE tbl = $1 AND k >= $2 ORDER BY k LIMIT " +
                                        std::to_string(w.size),
                                    {table, key});
  w.rows.clear();
  for (int i = 0; i < r.rows(); ++i)
    w.rows.emplace(std::string(r.get(i, 0)), std::string(r.get(i, 1)));
  w.lo = std::string(key);
  if (r.rows() == w.size)
    w.hi = std::string(r.get(r.rows() - 1, 0));
  else
    w.hi.reset();
  const auto row = w.rows.find(key);
  if (row == w.rows.end()) return std::nullopt;
  return BytesView(row->second);
}

}  // namespace arctl::pg
