// The statements plugin's configuration keys: aging, statements and notices.
#include "config_keys.hpp"

#include "credits.hpp"
#include "notices.hpp"
#include "statement.hpp"

namespace arctl::statements {

std::vector<ConfigKey> config_keys() {
  return {
      {"aging.buckets", "30,60,90,120", "the aging buckets' edges in days past due"},
      {std::string(kCompanyKey), "", "the sender on statements and notices (default company.name)"},
      {std::string(kAddressKey), "", "the sender's address (default company.address)"},
      {std::string(kRemitToKey), "",
       "where to send payment, printed on statements (default the sender)"},
      {"statements.notice.levels", std::string(kDefaultLevels),
       "the dunning levels: LEVEL:DAYS:NAME[:MINIMUM],... (days past due, template, minimum "
       "amount)"},
      {std::string(kRefundAfterKey), std::to_string(kRefundAfterDefault),
       "report credits: days a credit balance the customer's open debits cannot absorb must be "
       "older than to be a refund candidate"},
      {"close.send_statements", "false",
       "true: the close's statements step also e-mails each statement (mail plugin), queued in "
       "its transaction and sent after it commits"},
      {std::string(kPerCustomerKey), "true",
       "true: one notice per customer at its highest level; false: one per customer and level"},
  };
}

}  // namespace arctl::statements
