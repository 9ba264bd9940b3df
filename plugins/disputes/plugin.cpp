// The disputes plugin: dispute cases and their escalation ladder, promises to
// pay, write-offs with four-eyes approval and the collection activity log.
#include <memory>

#include "arctl/error.hpp"
#include "arctl/events/kernel.hpp"
#include "arctl/followup.hpp"
#include "arctl/plugin.hpp"
#include "cases.hpp"
#include "commands.hpp"
#include "config_keys.hpp"
#include "deductions.hpp"
#include "index_check.hpp"
#include "promises.hpp"
#include "records.hpp"
#include "services.hpp"

namespace arctl::disputes {

std::shared_ptr<FollowUpService> make_followup_service(
    const PluginHandle*& handle);  // followup.cpp

class DisputesPlugin : public Plugin {
 public:
  PluginInfo info() const override {
    return {"disputes", "0.1.0",
            "Dispute cases with escalation SLAs, promises to pay, approved write-offs, "
            "collection activities"};
  }
  std::vector<ConfigKey> config_keys() const override { return disputes::config_keys(); }
  void init(const PluginHandle& handle) override { handle_ = &handle; }
  void register_commands(CLI::App& app, Context& ctx) override {
    ctx_ = &ctx;
    register_dispute(app, ctx, *handle_);
    register_promise(app, ctx, *handle_);
    register_writeoff(app, ctx, *handle_);
    register_activity(app, ctx, *handle_);
  }
  void subscribe(EventBus& bus) override {
    subscribe_deductions(bus, handle_);
    bus.on<events::ConfigSet>("disputes", [](Tx&, const events::ConfigSet& e, const JournalEntry&) {
      validate_config(e.key, e.value);
    });
    // An invoice under an open case is not voided behind the case's back: the
    // case is settled first, so that no one chases, and no ladder escalates,
    // a debt that no longer exists. Which outcome fits is for a person.
    bus.on<events::DocumentVoided>(
        "disputes", [this](Tx& tx, const events::DocumentVoided& e, const JournalEntry&) {
          std::string ids;
          for (const auto& c : Records(tx, *handle_).unresolved(e.customer, e.id))
            ids += (ids.empty() ? "" : ", ") + c.id;
          if (!ids.empty())
            fail_conflict("'" + e.id + "' is under open case " + ids +
                          ": settle it first (arctl dispute resolve ID --outcome ...), then void");
        });
  }
  void provide(Services& services) override {
    services.provide<DisputeService>(std::make_shared<DisputeServiceImpl>(handle_, ctx_));
    services.provide<PromiseService>(std::make_shared<PromiseServiceImpl>(handle_));
    services.provide<FollowUpService>(make_followup_service(handle_));
  }
  void check(Tx& tx, CheckReport& report) override { check_cases(tx, *handle_, report); }
  std::vector<CloseStep> close_steps() override {
    return {{"disputes.promises",
             "Mark promises to pay kept or broken",
             [this](Context&, Tx& tx, const CloseRun& run) { return check_promises(tx, run); },
             {"payments.auto"}},
            {"disputes.escalate",
             "Escalate dispute cases past their SLA",
             [this](Context&, Tx& tx, const CloseRun& run) { return escalate(tx, run); },
             {"disputes.promises"}}};
  }

 private:
  StepResult check_promises(Tx& tx, const CloseRun& run) {
    const auto checked = Promises(tx, *handle_).check(run.as_of);
    int kept = 0, broken = 0, open = 0;
    for (const auto& c : checked)
      (c.promise.status == "kept" ? kept : c.promise.status == "broken" ? broken : open)++;
    StepResult r;
    r.summary = std::to_string(kept) + " promises kept, " + std::to_string(broken) + " broken, " +
                std::to_string(open) + " still open";
    r.figures =
        Json{{"checked", checked.size()}, {"kept", kept}, {"broken", broken}, {"open", open}};
    return r;
  }
  StepResult escalate(Tx& tx, const CloseRun& run) {
    const auto moved = Cases(tx, *handle_).escalate_due(run.as_of);
    StepResult r;
    r.summary = std::to_string(moved.size()) + " cases escalated";
    r.figures = Json{{"escalated", moved.size()}};
    return r;
  }

  const PluginHandle* handle_ = nullptr;
  const Context* ctx_ = nullptr;  // the command line's, for the business date
};

}  // namespace arctl::disputes

ARCTL_PLUGIN(arctl::disputes::DisputesPlugin)
