// What a collector needs to know about a customer's follow-up before calling:
// the last contact and the next action, promises due and broken, disputes
// and their SLAs. The disputes plugin owns these facts and provides the
// service; the collections worklist asks for it and does without it.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "arctl/api.hpp"
#include "arctl/date.hpp"
#include "arctl/ledger.hpp"
#include "arctl/money.hpp"

namespace arctl {

struct ARCTL_API FollowUpPromise {
  std::string id;
  std::string invoice;  // empty: on account
  Money amount;
  Date date{};     // promised to be paid by
  Date broken{};   // for a broken promise: the first day it was late (date + 1)
  Date checked{};  // for a broken promise: the day `promise check` judged it
};

struct ARCTL_API FollowUpDispute {
  std::string id;
  std::string invoice;
  Money amount;
  std::string level;  // the escalation level it is at
  Date level_since{};
  int sla_days = 0;       // of that level; 0: never overdue
  bool past_sla = false;  // more than sla_days since level_since, on as_of
};

// One customer's follow-up as of a business date: only what was recorded on
// or before it counts.
struct ARCTL_API FollowUpFacts {
  std::optional<Date> last_contact;  // the date of its latest activity
  // The next action of its latest activity (a later activity replaces an
  // earlier one's next action), and that activity's type.
  std::optional<Date> next_action;
  std::string next_action_type;
  std::vector<FollowUpPromise> promises_due;  // open, dated on or before as_of
  std::vector<FollowUpPromise> broken;        // every broken promise, oldest first
  std::vector<FollowUpDispute> disputes;      // open dispute cases (not collection cases)
  // The day each dispute case (not collection case) was opened, open or
  // resolved since, oldest first.
  std::vector<Date> disputes_opened;
};

// Provided by the disputes plugin.
class ARCTL_API FollowUpService {
 public:
  static constexpr std::string_view kName = "followup";
  virtual ~FollowUpService() = default;
  // The facts of `customer` as of `as_of`.
  // Cost: a range scan of that customer's activities, a scan of every
  // promise and of every case (the promise and case tables are keyed by id).
  virtual FollowUpFacts facts(Tx& tx, std::string_view customer, Date as_of) = 0;
  // The facts of every customer that has any, by customer id, as of `as_of`.
  // Cost: one scan each of the activity, promise and case tables.
  virtual std::map<std::string, FollowUpFacts> all_facts(Tx& tx, Date as_of) = 0;
};

}  // namespace arctl
