// The collection activity log: what each customer was told, how, what came of
// it (a result code) and what comes next. A customer's next action is the one
// on its latest activity. A result that needs something (a promise, a dispute,
// a follow-up date) creates it in the activity's own transaction.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "arctl/events/disputes.hpp"
#include "arctl/ledger.hpp"
#include "records.hpp"

namespace arctl::disputes {

// The default of config activity.results.
inline constexpr const char* kDefaultResults =
    "no-answer,left-message,wrong-contact,promised,disputed,paid-claimed,refused,escalated";
inline constexpr const char* kNextActionTypes = "call, email, letter, visit, review";

// The codes of a value of activity.results: comma-separated, spaces dropped,
// each of lower-case letters, digits and '-'. Error(kConflict) otherwise.
std::vector<std::string> parse_result_codes(std::string_view text);

struct ActivityInput {
  std::string customer;
  std::string type;  // call, email, visit, letter
  std::string note;  // required without a result
  std::string result;
  std::string contact;
  std::optional<Date> next_action;
  std::string next_action_type;  // empty: call (with a next action)
  // --result promised: the promise (invoice optional)
  std::optional<std::string> promise_amount;
  std::optional<Date> promise_date;
  std::string invoice;  // also --result disputed
  // --result disputed: the dispute
  std::optional<std::string> amount;
  std::string reason;
};

// Validates and logs one activity, creating what its result needs. Errors:
// kUsage for a bad type, a missing note or a next-action type without a
// date; kConflict (exit 4) for an unknown result code, a result without what
// it needs, or a promise or dispute the promise and dispute code refuses, in
// which case nothing is written (the caller's transaction is abandoned).
Activity add_activity(Tx& tx, const PluginHandle& handle, const ActivityInput& in, Date today);
// Every activity (of one customer), by customer then entry order; with
// `due`, only each customer's latest activity whose next action is on or
// before `today`.
std::vector<Activity> list_activities(Tx& tx, const PluginHandle& handle,
                                      std::optional<std::string_view> customer, bool due,
                                      Date today);
// One row of `activity list`, also the activity.added payload. The fields
// after `actor` were added with result codes; events written before lack them.
Json activity_row(const Activity& a, Date today);

}  // namespace arctl::disputes
