// Adding and listing collection activities.
#include "activities.hpp"

#include "arctl/error.hpp"

namespace arctl::disputes {

Activity add_activity(Tx& tx, const PluginHandle& handle, const std::string& customer,
                      const std::string& type, const std::string& note,
                      std::optional<Date> next_action, Date today) {
  if (type != "call" && type != "email" && type != "visit" && type != "letter")
    fail_usage("--type must be call, email, visit or letter");
  if (note.empty()) fail_usage("an activity needs a --note");
  if (next_action && *next_action < today)
    fail_conflict("--next-action " + format_date(*next_action) + " is before " +
                  format_date(today));
  Activity a;
  a.customer = tx.customer(customer).id;
  a.seq = tx.next_counter("disputes.activity");
  a.type = type;
  a.note = note;
  a.date = today;
  a.next_action = next_action;
  a.actor = tx.ledger().session().actor;
  Records(tx, handle).put_activity(a);
  tx.publish(events::ActivityAdded{{activity_row(a, today)}});
  return a;
}

std::vector<Activity> list_activities(Tx& tx, const PluginHandle& handle,
                                      std::optional<std::string_view> customer, bool due,
                                      Date today) {
  if (customer) tx.customer(*customer);
  std::vector<Activity> all;
  Records(tx, handle).for_each_activity(customer, [&](const Activity& a) {
    all.push_back(a);
    return true;
  });
  if (!due) return all;
  std::vector<Activity> out;
  for (std::size_t i = 0; i < all.size(); ++i) {
    const bool latest = i + 1 == all.size() || all[i + 1].customer != all[i].customer;
    if (latest && all[i].next_action && *all[i].next_action <= today) out.push_back(all[i]);
  }
  return out;
}

Json activity_row(const Activity& a, Date today) {
  Json j;
  j["id"] = a.seq;
  j["customer"] = a.customer;
  j["date"] = format_date(a.date);
  j["type"] = a.type;
  j["note"] = a.note;
  j["next_action"] = a.next_action ? format_date(*a.next_action) : "";
  j["due"] = a.next_action && *a.next_action <= today;
  j["actor"] = a.actor;
  return j;
}

}  // namespace arctl::disputes
