// Adding and listing collection activities, with their result codes.
#include "activities.hpp"

#include <algorithm>

#include "arctl/error.hpp"
#include "cases.hpp"
#include "promises.hpp"

namespace arctl::disputes {

namespace {

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& s : items)
    out += (out.empty() ? "" : ", ") + s;
  return out;
}

bool valid_code(std::string_view c) {
  return !c.empty() && std::all_of(c.begin(), c.end(), [](char ch) {
    return (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '-';
  });
}

// What each result code needs, checked before anything is written.
void check_result(const ActivityInput& in, const std::vector<std::string>& codes) {
  if (in.result.empty()) {
    if (in.promise_amount || in.promise_date || in.amount || !in.reason.empty() ||
        !in.invoice.empty())
      fail_usage(
          "--promise-amount, --promise-date, --invoice, --amount and --reason go with "
          "--result promised or disputed");
    return;
  }
  if (std::find(codes.begin(), codes.end(), in.result) == codes.end())
    fail_conflict("unknown result '" + in.result + "'; the result codes are " + joined(codes) +
                  " (config activity.results)");
  const bool promised = in.result == "promised", disputed = in.result == "disputed";
  if (!promised && (in.promise_amount || in.promise_date))
    fail_usage("--promise-amount and --promise-date go with --result promised");
  if (!disputed && (in.amount || !in.reason.empty()))
    fail_usage("--amount and --reason go with --result disputed");
  if (!promised && !disputed && !in.invoice.empty())
    fail_usage("--invoice goes with --result promised or disputed");
  if (promised && (!in.promise_amount || !in.promise_date))
    fail_conflict("--result promised needs the promise: --promise-amount X --promise-date D");
  if (disputed && (in.invoice.empty() || !in.amount || in.reason.empty()))
    fail_conflict("--result disputed needs the dispute: --invoice INV --amount X --reason R");
  if (disputed && !valid_reason(in.reason))
    fail_conflict("--reason must be one of " + std::string(kReasons));
  if (in.result == "paid-claimed" && !in.next_action)
    fail_conflict("--result paid-claimed needs a follow-up date: --next-action D");
}

}  // namespace

std::vector<std::string> parse_result_codes(std::string_view text) {
  std::vector<std::string> codes;
  std::string item;
  auto take = [&] {
    if (!valid_code(item))
      fail_conflict("result code '" + item +
                    "' must be lower-case letters, digits and '-' (list: CODE,CODE,...)");
    if (std::find(codes.begin(), codes.end(), item) == codes.end()) codes.push_back(item);
    item.clear();
  };
  for (char ch : text) {
    if (ch == ',')
      take();
    else if (ch != ' ')
      item += ch;
  }
  take();
  return codes;
}

Activity add_activity(Tx& tx, const PluginHandle& handle, const ActivityInput& in, Date today) {
  if (in.type != "call" && in.type != "email" && in.type != "visit" && in.type != "letter")
    fail_usage("--type must be call, email, visit or letter");
  if (in.note.empty() && in.result.empty()) fail_usage("an activity needs a --note or a --result");
  if (!in.next_action_type.empty() && !in.next_action)
    fail_usage("--next-action-type goes with --next-action");
  const auto nat = in.next_action_type.empty() ? std::string("call") : in.next_action_type;
  if (nat != "call" && nat != "email" && nat != "letter" && nat != "visit" && nat != "review")
    fail_usage("--next-action-type must be one of " + std::string(kNextActionTypes));
  const auto customer = tx.customer(in.customer).id;
  check_result(in, parse_result_codes(tx.config_or("activity.results", kDefaultResults)));
  if (in.next_action && *in.next_action < today)
    fail_conflict("--next-action " + format_date(*in.next_action) + " is before " +
                  format_date(today));
  Activity a;
  a.customer = customer;
  a.type = in.type;
  a.note = in.note;
  a.date = today;
  a.next_action = in.next_action;
  a.next_action_type = in.next_action ? nat : "";
  a.actor = tx.ledger().session().actor;
  a.result = in.result;
  a.contact = in.contact;
  if (in.result == "promised") {
    a.promise =
        Promises(tx, handle)
            .add(a.customer, *in.promise_amount, *in.promise_date, in.invoice, in.note, today)
            .id;
  } else if (in.result == "disputed") {
    const auto d = tx.document(in.invoice);
    if (d.customer != a.customer)
      fail_conflict("'" + d.id + "' belongs to '" + d.customer + "', not '" + a.customer + "'");
    OpenInput o;
    o.invoice = d.id;
    o.amount = *in.amount;
    o.reason = in.reason;
    o.note = in.note;
    o.date = today;
    a.dispute = Cases(tx, handle).open(o).id;
  }
  a.seq = tx.next_counter("disputes.activity");
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
  j["result"] = a.result;
  j["contact"] = a.contact;
  j["next_action_type"] = a.next_action_type;
  j["promise"] = a.promise;
  j["dispute"] = a.dispute;
  return j;
}

}  // namespace arctl::disputes
