// The kernel's events: customers, documents, applications, the period lock,
// configuration and the ledger itself. Each struct is the payload of one
// journal event, with the JSON the journal holds (doc/events.md lists them).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "arctl/events.hpp"
#include "arctl/events/payload.hpp"
#include "arctl/model.hpp"

namespace arctl::events {

namespace detail {

// The kernel's entities read back from their JSON (arctl::to_json).
struct EntityReader {
  static void get(const Json& j, Customer& c) {
    c.id = fields::str(j, "id");
    c.name = fields::str(j, "name");
    c.currency = fields::currency(j);
    c.terms = fields::str(j, "terms");
    c.credit_limit = fields::opt_money(j, "credit_limit", c.currency);
    c.email = fields::str(j, "email");
    c.status = parse_customer_status(fields::str(j, "status"));
    c.attrs = fields::attrs(j, "attrs");
  }

  static void get(const Json& j, Document& d) {
    d.id = fields::str(j, "id");
    d.kind = parse_doc_kind(fields::str(j, "kind"));
    d.customer = fields::str(j, "customer");
    d.issued = fields::date(j, "issued");
    d.due = fields::date(j, "due");
    const auto c = fields::currency(j);
    d.amount = fields::money(j, "amount", c);
    d.open = fields::money(j, "open", c);
    d.status = doc_status_from(fields::str(j, "status"));
    d.ref = fields::str(j, "ref");
    d.memo = fields::str(j, "memo");
    d.attrs = fields::attrs(j, "attrs");
    d.links = fields::attrs(j, "links");
  }

  static void get(const Json& j, Application& a) {
    a.id = fields::u64(j, "id");
    a.from = fields::str(j, "from");
    a.to = fields::str(j, "to");
    a.amount = fields::money(j, "amount", fields::currency(j));
    a.date = fields::date(j, "date");
    a.reason = fields::str(j, "reason");
    a.reverses = fields::u64(j, "reverses");
    a.reversed_by = fields::u64(j, "reversed_by");
  }

  static DocStatus doc_status_from(std::string_view s) {
    for (auto st : {DocStatus::kOpen, DocStatus::kClosed, DocStatus::kVoid})
      if (s == to_string(st)) return st;
    return DocStatus::kOpen;
  }
};

}  // namespace detail

namespace payload {

// The entities in a payload have the JSON of their command output, one
// encoder for both; EntityReader reads it back.
template <>
struct Object<Customer> : Entity<Customer, detail::EntityReader> {};
template <>
struct Object<Document> : Entity<Document, detail::EntityReader> {};
template <>
struct Object<Application> : Entity<Application, detail::EntityReader> {};

}  // namespace payload

// A customer was added (customer add, import).
struct CustomerAdded {
  static constexpr std::string_view kName = "customer.added";
  Customer customer;  // the payload is its JSON: id, name, currency, terms, credit_limit, ...

  ARCTL_EVENT_FIELDS(CustomerAdded, spread(&E::customer))
};

// A customer's details changed (customer update, import).
struct CustomerUpdated {
  static constexpr std::string_view kName = "customer.updated";
  Customer before;  // the customer before the change (JSON key "before")
  Customer after;   // the customer after it (JSON key "after")

  ARCTL_EVENT_FIELDS(CustomerUpdated, field("before", &E::before), field("after", &E::after))
};

// A document (invoice, credit note, receipt, ...) was posted.
struct DocumentPosted {
  static constexpr std::string_view kName = "document.posted";
  Document document;  // the payload is its JSON: id, kind, customer, issued, due, amount, ...

  ARCTL_EVENT_FIELDS(DocumentPosted, spread(&E::document))
};

// A document was voided: its open amount went to zero.
struct DocumentVoided {
  static constexpr std::string_view kName = "document.voided";
  std::string id;                     // the document
  DocKind kind = DocKind::kInvoice;   // its kind
  std::string customer;               // its customer
  Money amount;                       // its amount (with "currency")
  Date date{};                        // the day the void is booked on
  std::optional<Date> document_date;  // the document's date, when in a locked period
  std::string reason;                 // why it was voided

  ARCTL_EVENT_FIELDS(DocumentVoided, field("id", &E::id), field("kind", &E::kind),
                     field("customer", &E::customer), with_currency("amount", &E::amount),
                     field("date", &E::date),
                     field_as<IfSet<Date>>("document_date", &E::document_date),
                     field("reason", &E::reason))
};

// A receipt in suspense was assigned to its customer.
struct DocumentAssigned {
  static constexpr std::string_view kName = "document.assigned";
  std::string id;                     // the receipt
  std::string customer;               // the customer it now belongs to
  Money amount;                       // the receipt's amount (with "currency")
  std::optional<Date> date;           // the day it is booked on; absent in old journals
  std::optional<Date> document_date;  // the receipt's date, when not `date`

  ARCTL_EVENT_FIELDS(DocumentAssigned, field("id", &E::id), field("customer", &E::customer),
                     with_currency("amount", &E::amount), field_as<IfSet<Date>>("date", &E::date),
                     field_as<IfSet<Date>>("document_date", &E::document_date))
};

// A receipt moved from one customer to another.
struct DocumentReassigned {
  static constexpr std::string_view kName = "document.reassigned";
  std::string id;    // the receipt
  std::string from;  // the customer it belonged to
  std::string to;    // the customer it belongs to now
  Money amount;      // the receipt's amount (with "currency")
  Money open;        // its unapplied amount, which moved with it

  ARCTL_EVENT_FIELDS(DocumentReassigned, field("id", &E::id), field("from", &E::from),
                     field("to", &E::to), with_currency("amount", &E::amount),
                     field("open", &E::open))
};

// A link on a document was set or removed (rebilled_by, returned_by, ...).
struct DocumentLinked {
  static constexpr std::string_view kName = "document.linked";
  std::string id;     // the document
  std::string key;    // the link's name
  std::string value;  // the linked document; empty: the link was removed

  ARCTL_EVENT_FIELDS(DocumentLinked, field("id", &E::id), field("key", &E::key),
                     field("value", &E::value))
};

namespace detail {

// application.made and application.reversed: the application's keys, then
// its customer and the locked documents' date.
template <class E>
auto application_fields() {
  using namespace payload;
  return list<E>(spread(&E::application), field("customer", &E::customer),
                 field_as<IfSet<Date>>("document_date", &E::document_date));
}

}  // namespace detail

// A credit document was applied to a debit document.
struct ApplicationMade {
  static constexpr std::string_view kName = "application.made";
  Application application;            // the payload is its JSON: id, from, to, amount, date, ...
  std::string customer;               // the customer of `from`
  std::optional<Date> document_date;  // when the documents are in a locked period

  ARCTL_EVENT_FIELDS(ApplicationMade, detail::application_fields<E>())
};

// An application was undone by a reversing application.
struct ApplicationReversed {
  static constexpr std::string_view kName = "application.reversed";
  Application application;            // the reversal's JSON; `reverses` names the original
  std::string customer;               // the customer of `from`
  std::optional<Date> document_date;  // the original's date, when in a locked period

  ARCTL_EVENT_FIELDS(ApplicationReversed, detail::application_fields<E>())
};

// The period was locked through a date: nothing may be dated on or before it.
struct PeriodLocked {
  static constexpr std::string_view kName = "period.locked";
  Date through{};                // the new lock date
  std::optional<Date> previous;  // the lock date before; null: none

  ARCTL_EVENT_FIELDS(PeriodLocked, field("through", &E::through), field("previous", &E::previous))
};

// A locked period was reopened.
struct PeriodReopened {
  static constexpr std::string_view kName = "period.reopened";
  Date previous{};           // the lock date before
  std::optional<Date> lock;  // the new lock date; null: no lock
  std::string reason;        // why it was reopened

  ARCTL_EVENT_FIELDS(PeriodReopened, field("previous", &E::previous), field("lock", &E::lock),
                     field("reason", &E::reason))
};

// A configuration key was set (plugins veto bad values by throwing).
struct ConfigSet {
  static constexpr std::string_view kName = "config.set";
  std::string key;                      // the key, "<area>.<name>"
  std::string value;                    // its new value
  std::optional<std::string> previous;  // its value before; null: it was not set

  ARCTL_EVENT_FIELDS(ConfigSet, field("key", &E::key), field("value", &E::value),
                     field("previous", &E::previous))
};

// A configuration key was removed.
struct ConfigUnset {
  static constexpr std::string_view kName = "config.unset";
  std::string key;       // the key
  std::string previous;  // its value before

  ARCTL_EVENT_FIELDS(ConfigUnset, field("key", &E::key), field("previous", &E::previous))
};

// The ledger was created (arctl init): the journal's first event.
struct LedgerCreated {
  static constexpr std::string_view kName = "ledger.created";
  Currency currency;  // the ledger's currency
  int format = 1;     // the ledger format version

  ARCTL_EVENT_FIELDS(LedgerCreated, field("currency", &E::currency), field("format", &E::format))
};

static_assert(CustomerAdded::kName == event::kCustomerAdded);
static_assert(CustomerUpdated::kName == event::kCustomerUpdated);
static_assert(DocumentPosted::kName == event::kDocumentPosted);
static_assert(DocumentVoided::kName == event::kDocumentVoided);
static_assert(DocumentAssigned::kName == event::kDocumentAssigned);
static_assert(DocumentReassigned::kName == event::kDocumentReassigned);
static_assert(DocumentLinked::kName == event::kDocumentLinked);
static_assert(ApplicationMade::kName == event::kApplicationMade);
static_assert(ApplicationReversed::kName == event::kApplicationReversed);
static_assert(PeriodLocked::kName == event::kPeriodLocked);
static_assert(PeriodReopened::kName == event::kPeriodReopened);
static_assert(ConfigSet::kName == event::kConfigSet);
static_assert(ConfigUnset::kName == event::kConfigUnset);
static_assert(LedgerCreated::kName == event::kLedgerCreated);

}  // namespace arctl::events
