// The collections plugin's events: a customer's collection stage changed
// (escalated to pre-legal, legal, an agency, written off, or back to normal).
#pragma once

#include <string>
#include <string_view>

#include "arctl/events/payload.hpp"

namespace arctl::events {

// A customer's collection stage changed.
struct CollectionStageChanged {
  static constexpr std::string_view kName = "collection.stage_changed";
  std::string customer;  // the customer
  std::string from;      // the stage before: normal, pre-legal, legal, agency, written-off
  std::string to;        // the stage now
  std::string agency;    // the collection agency (stage agency), else empty
  std::string reason;    // why, as given
  Money open;            // the customer's open receivable at the change (with "currency")
  Date date{};           // the business day of the change

  ARCTL_EVENT_FIELDS(CollectionStageChanged, field("customer", &E::customer),
                     field("from", &E::from), field("to", &E::to), field("agency", &E::agency),
                     field("reason", &E::reason), with_currency("open", &E::open),
                     field("date", &E::date))
};

}  // namespace arctl::events
