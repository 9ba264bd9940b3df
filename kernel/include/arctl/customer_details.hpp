// What a plugin adds to `customer show`: contacts, collection stage, payment
// habits. The command asks for this service and merges what it returns; with
// no provider loaded it shows the kernel's fields only.
#pragma once

#include <string_view>

#include "arctl/api.hpp"
#include "arctl/date.hpp"
#include "arctl/ledger.hpp"
#include "arctl/model.hpp"

namespace arctl {

class ARCTL_API CustomerDetails {
 public:
  static constexpr std::string_view kName = "customer_details";
  virtual ~CustomerDetails() = default;
  // Adds the provider's sections (new keys) to `out`, the customer's JSON,
  // as of the business date `as_of`. Runs in the command's read transaction.
  virtual void add(Tx& tx, const Customer& c, Date as_of, Json& out) = 0;
};

}  // namespace arctl
