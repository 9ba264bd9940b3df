// Range scans on PostgreSQL: keyset pagination (WHERE k > last ORDER BY k
// LIMIT n), pages growing from a few rows (most seeks read a handful) to a
// bounded size, so a scan of a million entries holds one page in memory.
#include <algorithm>
#include <map>
#include <optional>

#include "store/pg_store.hpp"

namespace arctl::pg {
namespace {

class PgCursor final : public Cursor {
 public:
  PgCursor(Source& source, std::string_view table) : source_(source), table_(table) {}

  bool seek(BytesView key) override {
    limit_ = kFirstPageRows;
    return fetch(true, key, true);
  }
  bool first() override {
    limit_ = kFirstPageRows;
    return fetch(true, {}, true);
  }
  bool last() override {
    limit_ = kFirstPageRows;
    return fetch(false, {}, true);
  }
  bool next() override { return step(true); }
  bool prev() override { return step(false); }
  bool valid() const override { return pos_ == Pos::kOn; }
  BytesView key() const override { return valid() ? BytesView(key_) : BytesView{}; }
  BytesView value() const override { return valid() ? BytesView(value_) : BytesView{}; }

 private:
  enum class Pos : std::uint8_t { kUnset, kOn, kAfterEnd, kBeforeBegin };

  // Reads a page in `forward` order from `bound` (no bound when empty and
  // inclusive), and stands on its first row.
  bool fetch(bool forward, BytesView bound, bool inclusive) {
    const std::string bound_copy(bound);
    const bool unbounded = bound_copy.empty() && inclusive;
    std::vector<std::pair<std::string, std::string>> rows;
    std::optional<std::string> far;
    if (forward) {
      // Through the transaction's Reader, which may know the page already.
      std::string from = bound_copy;
      if (!inclusive) from.push_back('\0');  // the smallest key after the bound
      auto page = source_.forward(table_, from, limit_);
      rows = std::move(page.rows);
      far = std::move(page.far);
    } else {
      std::string sql = "SELECT k, v FROM " + source_.kv() + " WHERE tbl = $1";
      std::vector<BytesView> params{table_};
      if (!unbounded) {
        sql += inclusive ? " AND k <= $2" : " AND k < $2";
        params.emplace_back(bound_copy);
      }
      sql += " ORDER BY k DESC LIMIT " + std::to_string(limit_);
      const auto r = source_.query(sql, params);
      for (int i = 0; i < r.rows(); ++i)
        rows.emplace_back(std::string(r.get(i, 0)), std::string(r.get(i, 1)));
      if (r.rows() == limit_) far = rows.back().first;
    }
    gen_ = source_.write_gen(table_);
    full_ = far.has_value();
    // The page covers the keys between the bound and its last server row (or
    // the end of the table when the server had no more): the transaction's
    // unsent writes in that range are merged in.
    std::map<std::string, std::string, std::less<>> merged;
    for (auto& [k, v] : rows)
      merged.emplace(std::move(k), std::move(v));
    std::optional<std::string> near;
    if (!unbounded) near = bound_copy;
    const auto apply = [&](BytesView k, const std::optional<std::string>& v) {
      if (v)
        merged.insert_or_assign(std::string(k), *v);
      else if (auto it = merged.find(k); it != merged.end())
        merged.erase(it);
    };
    if (forward)
      source_.pending(table_, near, inclusive, far, true, apply);
    else
      source_.pending(table_, far, true, near, inclusive, apply);
    page_.clear();
    page_.reserve(merged.size());
    for (auto& [k, v] : merged)
      page_.emplace_back(k, std::move(v));
    if (!forward) std::reverse(page_.begin(), page_.end());
    // Every row of a full page deleted by this transaction: read on.
    if (page_.empty() && full_) return fetch(forward, *far, false);
    forward_ = forward;
    idx_ = 0;
    limit_ = std::min(limit_ * 4, kMaxPageRows);
    return stand();
  }

  bool stand() {
    if (idx_ >= page_.size()) {
      pos_ = forward_ ? Pos::kAfterEnd : Pos::kBeforeBegin;
      return false;
    }
    key_ = page_[idx_].first;
    value_ = page_[idx_].second;
    pos_ = Pos::kOn;
    return true;
  }

  bool step(bool forward) {
    switch (pos_) {
      case Pos::kOn:
        break;
      case Pos::kAfterEnd:
        return forward ? false : last();
      case Pos::kBeforeBegin:
        return forward ? first() : false;
      case Pos::kUnset:
        return forward ? first() : last();
    }
    // Our own writes since the page was read may have added or removed
    // entries after this one: read again from here, as a B-tree cursor would.
    if (gen_ != source_.write_gen(table_) || forward != forward_)
      return fetch(forward, key_, false);
    if (++idx_ < page_.size()) return stand();
    if (!full_) {
      pos_ = forward ? Pos::kAfterEnd : Pos::kBeforeBegin;
      return false;
    }
    return fetch(forward, key_, false);
  }

  Source& source_;
  std::string table_;
  std::vector<std::pair<std::string, std::string>> page_;
  std::size_t idx_ = 0;
  bool forward_ = true;
  bool full_ = false;
  int limit_ = kFirstPageRows;
  std::uint64_t gen_ = 0;
  Pos pos_ = Pos::kUnset;
  std::string key_;
  std::string value_;
};

}  // namespace

std::unique_ptr<Cursor> make_cursor(Source& source, std::string_view table) {
  return std::make_unique<PgCursor>(source, table);
}

}  // namespace arctl::pg
