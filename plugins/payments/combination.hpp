// The combination rule's search: sets of 2 to 4 open amounts that sum exactly
// to a receipt. It finds more than one set when there is more than one, so
// that the engine can refuse to choose between them.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace arctl::payments {

inline constexpr std::size_t kCombinationWindow = 40;
inline constexpr std::size_t kCombinationMaxItems = 4;

// Sets of indexes into `amounts` (each set ascending) whose amounts sum to
// `target`, smallest sets first and, within a size, in the order of their
// indexes (so the first set is the oldest when `amounts` is oldest first).
// Stops after `limit` sets. Equal amounts at different indexes are
// different sets.
// Cost: O(n^2 log n) for n amounts (n is at most kCombinationWindow); the
// scratch space is kept in the object between calls, so a run over many
// receipts allocates once.
class CombinationSearch {
 public:
  std::vector<std::vector<std::size_t>> find(const std::vector<std::int64_t>& amounts,
                                             std::int64_t target, std::size_t limit);

 private:
  struct PairSum {
    std::int64_t sum;
    std::size_t k, l;
    auto operator<=>(const PairSum&) const = default;
  };
  std::vector<std::pair<std::int64_t, std::size_t>> single_;
  std::vector<PairSum> pairs_;
};

}  // namespace arctl::payments
