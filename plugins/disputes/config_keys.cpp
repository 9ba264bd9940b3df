// The disputes plugin's configuration keys: cases, promises, write-offs and
// activity result codes.
#include "config_keys.hpp"

#include "activities.hpp"
#include "ladder.hpp"

namespace arctl::disputes {

std::vector<ConfigKey> config_keys() {
  return {
      {"dispute.series", "DSP-{YYYY}-{SEQ:05}", "numbering of dispute cases"},
      {"promise.series", "PTP-{YYYY}-{SEQ:05}", "numbering of promises to pay"},
      {"disputes.ladder", std::string(kDefaultLadder),
       "the escalation ladder: LEVEL:DAYS,... (days a case may stay at a level)"},
      {"disputes.owner.*", "", "disputes.owner.LEVEL: the owner given to cases entering LEVEL"},
      {"disputes.on_broken_promise", "escalate",
       "what a broken promise does to its case: escalate, open or none"},
      {"activity.results", kDefaultResults,
       "the result codes `activity add --result` accepts, CODE,CODE,... (promised, disputed "
       "and paid-claimed need a promise, a dispute, a follow-up date)"},
      {"writeoff.approval_limit", "1000.00",
       "an invoice's write-offs above this amount need two approvers"},
      {"writeoff.approval_limit_period", "5000.00",
       "a customer's write-offs in one calendar month above this amount need two approvers"},
      {"writeoff.approver_must_be_login", "false",
       "true: the approving actor must be the OS login of the person running arctl"},
      {"writeoff.proposal_series", "WOP-{YYYY}-{SEQ:05}", "numbering of write-off proposals"},
      {"writeoff.series", "WO-{YYYY}-{SEQ:06}", "numbering of approved write-off documents"},
  };
}

}  // namespace arctl::disputes
