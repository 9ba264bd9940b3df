// Sorted (amount, index) vectors rather than hash maps: no allocation per
// receipt, and every index with an equal amount is found.
#include "combination.hpp"

#include <algorithm>

namespace arctl::payments {

std::vector<std::vector<std::size_t>> CombinationSearch::find(
    const std::vector<std::int64_t>& amounts, std::int64_t target, std::size_t limit) {
  std::vector<std::vector<std::size_t>> out;
  const auto n = amounts.size();
  if (n < 2 || limit == 0) return out;
  single_.clear();
  for (std::size_t i = 0; i < n; ++i)
    single_.emplace_back(amounts[i], i);
  std::sort(single_.begin(), single_.end());
  // Every index after `after` whose amount is `v`, in index order, until
  // `visit` returns false.
  const auto each_after = [&](std::int64_t v, std::size_t after, auto&& visit) {
    for (auto it = std::lower_bound(single_.begin(), single_.end(), std::pair{v, after + 1});
         it != single_.end() && it->first == v; ++it)
      if (!visit(it->second)) return false;
    return true;
  };
  const auto add = [&](std::vector<std::size_t> set) {
    out.push_back(std::move(set));
    return out.size() < limit;
  };
  for (std::size_t i = 0; i < n; ++i)
    if (!each_after(target - amounts[i], i, [&](std::size_t j) { return add({i, j}); })) return out;
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = i + 1; j < n; ++j)
      if (!each_after(target - amounts[i] - amounts[j], j, [&](std::size_t k) {
            return add({i, j, k});
          }))
        return out;
  pairs_.clear();
  for (std::size_t k = 0; k < n; ++k)
    for (std::size_t l = k + 1; l < n; ++l)
      pairs_.push_back({amounts[k] + amounts[l], k, l});
  std::sort(pairs_.begin(), pairs_.end());
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = i + 1; j < n; ++j) {
      const auto want = target - amounts[i] - amounts[j];
      for (auto it = std::lower_bound(pairs_.begin(), pairs_.end(), PairSum{want, j + 1, 0});
           it != pairs_.end() && it->sum == want; ++it)
        if (!add({i, j, it->k, it->l})) return out;
    }
  return out;
}

}  // namespace arctl::payments
