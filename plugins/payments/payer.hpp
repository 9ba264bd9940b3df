// Who sent a receipt in suspense, from the open items its reference names:
// exactly one customer's, in the receipt's currency, or nobody (with the
// reason a person can act on).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "arctl/ledger.hpp"
#include "references.hpp"

namespace arctl::payments {

struct PayerFound {
  std::optional<std::string> customer;
  // When there is no customer: a review reason (review.hpp), what was seen,
  // and the candidates.
  const char* reason = nullptr;
  std::string detail;
  std::vector<std::vector<std::string>> candidates;
};

class PayerFinder {
 public:
  explicit PayerFinder(Tx& tx) : tx_(tx) {}

  // Declares the reference of a receipt that find() will be asked about, so
  // that the index of typed ids holds only the items that could be named.
  // Call it for every such receipt before the first find().
  void expect(std::string_view reference);

  // Ids written exactly as issued are looked up directly (one get each);
  // only when none is found are ids read as people type them, through an
  // index built once per finder: one scan of the open-items index, keeping
  // the items that share a number with an expected reference.
  PayerFound find(const Document& receipt);

 private:
  struct Item {
    std::string customer, id;
    Currency currency;
  };
  void build();

  Tx& tx_;
  std::vector<std::string> wanted_;  // digit runs of the expected references
  std::vector<Item> items_;
  IdIndex index_;
  bool built_ = false;
};

}  // namespace arctl::payments
