// The in-process event bus. Publishing happens inside a write transaction;
// every subscriber runs inside it too, so its writes commit or roll back with
// the publisher's, and a subscriber vetoes by throwing arctl::Error.
#pragma once

#include <functional>
#include <list>
#include <string>
#include <string_view>
#include <vector>

#include "arctl/api.hpp"
#include "arctl/journal.hpp"

namespace arctl {

class Tx;

// Kernel event types; their typed payloads are in arctl/events/kernel.hpp.
namespace event {
inline constexpr std::string_view kCustomerAdded = "customer.added";
inline constexpr std::string_view kCustomerUpdated = "customer.updated";
inline constexpr std::string_view kDocumentPosted = "document.posted";
inline constexpr std::string_view kDocumentVoided = "document.voided";
inline constexpr std::string_view kDocumentAssigned = "document.assigned";
inline constexpr std::string_view kDocumentReassigned = "document.reassigned";
inline constexpr std::string_view kDocumentLinked = "document.linked";
inline constexpr std::string_view kApplicationMade = "application.made";
inline constexpr std::string_view kApplicationReversed = "application.reversed";
inline constexpr std::string_view kPeriodLocked = "period.locked";
inline constexpr std::string_view kPeriodReopened = "period.reopened";
inline constexpr std::string_view kConfigSet = "config.set";
inline constexpr std::string_view kConfigUnset = "config.unset";
inline constexpr std::string_view kLedgerCreated = "ledger.created";
}  // namespace event

using EventHandler = std::function<void(Tx&, const JournalEntry&)>;

class ARCTL_API EventBus {
 public:
  // `type` is an event type, or a prefix ending in '*' ("payment.*", "*").
  // `owner` names the subscriber (a plugin) in error messages.
  void subscribe(std::string type, std::string owner, EventHandler handler);
  // Subscribes to one typed event (a struct from arctl/events/*.hpp): the
  // handler gets the payload decoded by E::from_json, and the journal entry.
  // Cost: one decode per matching event. Prefer this to the string form,
  // which is for wildcard subscriptions.
  template <class E, class Fn>
  void on(std::string owner, Fn handler) {
    subscribe(std::string(E::kName), std::move(owner),
              [h = std::move(handler)](Tx& tx, const JournalEntry& e) {
                h(tx, E::from_json(e.payload), e);
              });
  }
  // Runs the matching handlers in subscription order. An exception from a
  // handler propagates (aborting the transaction); a non-arctl exception is
  // wrapped in an Error naming the owner. Nested publishing is allowed up to
  // a depth of 16.
  void dispatch(Tx& tx, const JournalEntry& entry);
  void clear() { subs_.clear(); }
  // The types (or patterns) subscribed to, in subscription order.
  std::vector<std::string> types() const;
  // For loading plugins as they are needed: `resolve` is called with an
  // event's type before its handlers run and may subscribe more (the plugin
  // host loads the plugins that subscribe to it); `rank` orders subscribers
  // by owner, so that handlers run in the order they would if every plugin
  // had been loaded first. Owners of equal rank keep subscription order.
  void set_loader(std::function<void(std::string_view type)> resolve,
                  std::function<int(std::string_view owner)> rank);

 private:
  struct Sub {
    std::string type;
    std::string owner;
    EventHandler handler;
    int rank = 0;
  };
  std::list<Sub> subs_;  // a list: subscribing while a handler runs moves no element
  std::function<void(std::string_view)> resolve_;
  std::function<int(std::string_view)> rank_;
  int depth_ = 0;
};

}  // namespace arctl
