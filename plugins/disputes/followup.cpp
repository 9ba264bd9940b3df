// The follow-up service (arctl/followup.hpp): a customer's last contact and
// next action, promises due and broken and open disputes against their SLA,
// as of a business date, for the collections worklist.
#include <algorithm>
#include <memory>

#include "arctl/error.hpp"
#include "arctl/followup.hpp"
#include "cases.hpp"
#include "records.hpp"

namespace arctl::disputes {
namespace {

class FollowUpServiceImpl : public FollowUpService {
 public:
  explicit FollowUpServiceImpl(const PluginHandle*& handle) : handle_(handle) {}

  FollowUpFacts facts(Tx& tx, std::string_view customer, Date as_of) override {
    auto all = gather(tx, customer, as_of);
    auto it = all.find(std::string(customer));
    return it == all.end() ? FollowUpFacts{} : std::move(it->second);
  }
  std::map<std::string, FollowUpFacts> all_facts(Tx& tx, Date as_of) override {
    return gather(tx, std::nullopt, as_of);
  }

 private:
  const PluginHandle& handle() const {
    if (!handle_) fail(ErrorKind::kError, "the disputes plugin was used before it was initialised");
    return *handle_;
  }

  // Everything recorded after `as_of` is left out, so that a past date sees
  // what a collector saw that day: an activity logged later, a promise made
  // later, a case opened later; a promise or case closed later is still open.
  std::map<std::string, FollowUpFacts> gather(Tx& tx, std::optional<std::string_view> only,
                                              Date as_of) {
    std::map<std::string, FollowUpFacts> out;
    Cases cases(tx, handle());
    Records& records = cases.store();
    // Activities come by customer, then in entry order: the last one on or
    // before as_of is the latest contact and carries the next action.
    records.for_each_activity(only, [&](const Activity& a) {
      if (a.date > as_of) return true;
      auto& f = out[a.customer];
      if (!f.last_contact || a.date >= *f.last_contact) {
        f.last_contact = a.date;
        f.next_action = a.next_action;
        // The type the collector gave the next action, else the activity's own.
        f.next_action_type = !a.next_action               ? ""
                             : a.next_action_type.empty() ? a.type
                                                          : a.next_action_type;
      }
      return true;
    });
    records.for_each_promise([&](const Promise& p) {
      if ((only && p.customer != *only) || p.made > as_of) return true;
      const bool closed_by_then = p.status != "open" && p.checked <= as_of;
      FollowUpPromise fp{p.id, p.invoice, p.amount, p.date, {}, {}};
      if (closed_by_then && p.status == "broken") {
        fp.broken = p.date + std::chrono::days(1);
        fp.checked = p.checked;
        out[p.customer].broken.push_back(fp);
      } else if (!closed_by_then && p.date <= as_of) {
        out[p.customer].promises_due.push_back(fp);
      }
      return true;
    });
    records.for_each_case([&](const Case& c) {
      if (c.kind != "dispute" || (only && c.customer != *only) || c.opened > as_of) return true;
      out[c.customer].disputes_opened.push_back(c.opened);
      if (c.status == "resolved" && c.resolved <= as_of) return true;
      FollowUpDispute d{c.id, c.invoice, c.amount, c.level, c.level_since, 0, false};
      d.sla_days = cases.ladder().sla(c.level);
      d.past_sla = cases.ladder().overdue(c.level, c.level_since, as_of);
      out[c.customer].disputes.push_back(std::move(d));
      return true;
    });
    for (auto& [id, f] : out) {
      std::sort(f.broken.begin(), f.broken.end(),
                [](const auto& x, const auto& y) { return x.date < y.date; });
      std::sort(f.disputes_opened.begin(), f.disputes_opened.end());
    }
    return out;
  }

  const PluginHandle*& handle_;  // set by init(), after provide()
};

}  // namespace

std::shared_ptr<FollowUpService> make_followup_service(const PluginHandle*& handle) {
  return std::make_shared<FollowUpServiceImpl>(handle);
}

}  // namespace arctl::disputes
