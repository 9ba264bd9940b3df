// The review queue's table and its encoding.
#include "review.hpp"

#include "arctl/error.hpp"

namespace arctl::payments {
namespace {

// Bounds a corrupt count to what one entry can hold, so that it is reported
// as a corrupt entry rather than exhausting memory.
constexpr std::uint64_t kMaxCandidates = 1000;

Bytes encode(const ReviewItem& r) {
  Encoder e(1);
  e.str(r.reason).str(r.detail).date(r.examined).u64(r.candidates.size());
  for (const auto& set : r.candidates) {
    e.u64(set.size());
    for (const auto& id : set)
      e.str(id);
  }
  return std::move(e).bytes();
}

ReviewItem decode(const std::string& receipt, BytesView v, const std::string& table) {
  Decoder d(v, 1);
  ReviewItem r;
  r.receipt = receipt;
  r.reason = d.str();
  r.detail = d.str();
  r.examined = d.date();
  const auto sets = d.u64();
  if (sets > kMaxCandidates)
    fail(ErrorKind::kError, "corrupt entry '" + receipt + "' in table " + table);
  for (std::uint64_t i = 0; i < sets; ++i) {
    const auto n = d.u64();
    if (n > kMaxCandidates)
      fail(ErrorKind::kError, "corrupt entry '" + receipt + "' in table " + table);
    auto& set = r.candidates.emplace_back();
    for (std::uint64_t k = 0; k < n; ++k)
      set.push_back(d.str());
  }
  return r;
}

}  // namespace

void ReviewQueue::put(const ReviewItem& item) {
  table_.put(item.receipt, encode(item));
}

void ReviewQueue::remove(const std::string& receipt) {
  table_.del(receipt);
}

std::optional<ReviewItem> ReviewQueue::get(const std::string& receipt) {
  auto v = table_.get(receipt);
  if (!v) return std::nullopt;
  return decode(receipt, *v, table_.name());
}

std::vector<ReviewItem> ReviewQueue::all() {
  std::vector<ReviewItem> out;
  table_.scan({}, [&](BytesView k, BytesView v) {
    out.push_back(decode(std::string(k), v, table_.name()));
    return true;
  });
  return out;
}

Json to_json(const ReviewItem& item) {
  Json sets = Json::array();
  for (const auto& s : item.candidates)
    sets.push_back(s);
  return Json{{"reason", item.reason},
              {"detail", item.detail},
              {"candidates", sets},
              {"examined", format_date(item.examined)}};
}

}  // namespace arctl::payments
