// The collection activity log: what each customer was told, how, and what
// comes next. A customer's next action is the one on its latest activity.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "arctl/events/disputes.hpp"
#include "arctl/ledger.hpp"
#include "records.hpp"

namespace arctl::disputes {

Activity add_activity(Tx& tx, const PluginHandle& handle, const std::string& customer,
                      const std::string& type, const std::string& note,
                      std::optional<Date> next_action, Date today);
// Every activity (of one customer), by customer then entry order; with
// `due`, only each customer's latest activity whose next action is on or
// before `today`.
std::vector<Activity> list_activities(Tx& tx, const PluginHandle& handle,
                                      std::optional<std::string_view> customer, bool due,
                                      Date today);
Json activity_row(const Activity& a, Date today);

}  // namespace arctl::disputes
