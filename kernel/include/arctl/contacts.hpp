// Whom to write to about a customer: a contact's name, e-mail address and
// language for a role (billing, ap...). The collections plugin provides it
// from its contacts; without it, a consumer uses the customer's own e-mail.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "arctl/api.hpp"
#include "arctl/ledger.hpp"

namespace arctl {

struct ARCTL_API MailAddress {
  std::string name;      // display name, "" when none
  std::string email;     // never empty
  std::string language;  // "es", "es-MX"; "" when unknown
};

// Provided by the collections plugin.
class ARCTL_API ContactDirectory {
 public:
  static constexpr std::string_view kName = "contacts";
  virtual ~ContactDirectory() = default;
  // The primary contact of `role` with an e-mail address, else the primary
  // contact of any role with one (billing, ap, purchasing, owner, other),
  // else nullopt. Cost: a range scan of the customer's contacts.
  virtual std::optional<MailAddress> address_for(Tx& tx, std::string_view customer,
                                                 std::string_view role) = 0;
};

}  // namespace arctl
