// Orders recorded against a customer's credit line and not yet invoiced
// (`credit order`), for plugins that weigh a credit hold by what it blocks:
// the worklist raises a customer on hold with orders waiting.
#pragma once

#include <string_view>

#include "arctl/api.hpp"
#include "arctl/ledger.hpp"

namespace arctl {

// Provided by the holds plugin.
class ARCTL_API OpenOrderService {
 public:
  static constexpr std::string_view kName = "open_orders";
  virtual ~OpenOrderService() = default;
  // The total of the customer's open orders, in its currency (zero when none).
  virtual Money open_orders(Tx& tx, std::string_view customer) = 0;
};

}  // namespace arctl
