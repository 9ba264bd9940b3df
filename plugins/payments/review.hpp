// The review queue: every receipt that `payment auto` left with money
// unapplied, with the reason a person can act on and, where the engine saw
// more than one answer, the candidates it would not choose between.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "arctl/ledger.hpp"

namespace arctl::payments {

// The reasons, as `payment list --review` prints them.
inline constexpr const char* kNoCustomer = "no customer";
inline constexpr const char* kNoMatch = "no match";
inline constexpr const char* kAmbiguousReference = "ambiguous reference";
inline constexpr const char* kAmbiguousAmount = "ambiguous amount";
inline constexpr const char* kPossibleDuplicate = "possible duplicate";
inline constexpr const char* kCurrencyMismatch = "currency mismatch";
inline constexpr const char* kReviewReasons[] = {kNoCustomer,         kNoMatch,
                                                 kAmbiguousReference, kAmbiguousAmount,
                                                 kPossibleDuplicate,  kCurrencyMismatch};

struct ReviewItem {
  std::string receipt;
  std::string reason;  // one of kReviewReasons
  std::string detail;  // one sentence: what the engine saw
  // Each candidate is a set of document ids that would have matched.
  std::vector<std::vector<std::string>> candidates;
  Date examined{};  // the business date of the run that left it
};

// The queue lives in the payments plugin's table "review", one entry per
// receipt id; `payment auto` rewrites the entry of every receipt it examines.
class ReviewQueue {
 public:
  ReviewQueue(Tx& tx, const PluginHandle& handle) : table_(tx.table(handle, "review")) {}

  // Cost: one put.
  void put(const ReviewItem& item);
  // Cost: one delete. Removing an entry that is not there does nothing.
  void remove(const std::string& receipt);
  // Cost: one get.
  std::optional<ReviewItem> get(const std::string& receipt);
  // Every entry in receipt id order. Cost: one scan of the queue.
  std::vector<ReviewItem> all();

 private:
  PluginTable table_;
};

Json to_json(const ReviewItem& item);

}  // namespace arctl::payments
