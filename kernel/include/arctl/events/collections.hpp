// The collections plugin's events: a customer's collection stage changed
// (escalated to pre-legal, legal, an agency, written off, or back to normal);
// its contacts added, changed and removed; a collector's target set.
// (Portfolio assignments change the customer: customer.updated.)
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

namespace detail {

// contact.added and contact.changed: the whole contact as it now stands.
template <class E>
auto contact_fields() {
  using namespace payload;
  return list<E>(field("customer", &E::customer), field("name", &E::name), field("role", &E::role),
                 field("email", &E::email), field("phone", &E::phone),
                 field("language", &E::language), field("preferred", &E::preferred),
                 field("primary", &E::primary));
}

}  // namespace detail

// A contact was added to a customer.
struct ContactAdded {
  static constexpr std::string_view kName = "contact.added";
  std::string customer;   // the customer
  std::string name;       // the contact's name, unique within the customer
  std::string role;       // billing, ap, purchasing, owner, other
  std::string email;      // empty when none
  std::string phone;      // empty when none
  std::string language;   // ISO 639-1, optionally -REGION; empty when none
  std::string preferred;  // call, email, letter
  bool primary = false;   // the primary contact of its role

  ARCTL_EVENT_FIELDS(ContactAdded, detail::contact_fields<E>())
};

// A contact's details changed (by edit, or it became or stopped being the
// primary contact of its role).
struct ContactChanged {
  static constexpr std::string_view kName = "contact.changed";
  std::string customer;   // the customer
  std::string name;       // the contact's name
  std::string role;       // billing, ap, purchasing, owner, other
  std::string email;      // empty when none
  std::string phone;      // empty when none
  std::string language;   // ISO 639-1, optionally -REGION; empty when none
  std::string preferred;  // call, email, letter
  bool primary = false;   // the primary contact of its role

  ARCTL_EVENT_FIELDS(ContactChanged, detail::contact_fields<E>())
};

// A contact was removed from a customer.
struct ContactRemoved {
  static constexpr std::string_view kName = "contact.removed";
  std::string customer;  // the customer
  std::string name;      // the contact's name
  std::string role;      // the role it had

  ARCTL_EVENT_FIELDS(ContactRemoved, field("customer", &E::customer), field("name", &E::name),
                     field("role", &E::role))
};

// A collector's cash target for a month was set or replaced.
struct TargetSet {
  static constexpr std::string_view kName = "target.set";
  std::string collector;  // the collector's name
  std::string period;     // the month, YYYY-MM
  Money amount;           // the target (with "currency")
  std::string previous;   // the amount it replaced; empty for a new target

  ARCTL_EVENT_FIELDS(TargetSet, field("collector", &E::collector), field("period", &E::period),
                     with_currency("amount", &E::amount), field("previous", &E::previous))
};

}  // namespace arctl::events
