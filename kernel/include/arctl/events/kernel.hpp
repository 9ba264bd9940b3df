// The kernel's events: customers, documents, applications, the period lock,
// configuration and the ledger itself. Each struct is the payload of one
// journal event, with the JSON the journal holds (doc/events.md lists them).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "arctl/events.hpp"
#include "arctl/events/fields.hpp"
#include "arctl/model.hpp"

namespace arctl::events {

namespace detail {

inline Customer customer_from_json(const Json& j) {
  Customer c;
  c.id = fields::str(j, "id");
  c.name = fields::str(j, "name");
  c.currency = fields::currency(j);
  c.terms = fields::str(j, "terms");
  c.credit_limit = fields::opt_money(j, "credit_limit", c.currency);
  c.email = fields::str(j, "email");
  c.status = parse_customer_status(fields::str(j, "status"));
  c.attrs = fields::attrs(j, "attrs");
  return c;
}

inline DocStatus doc_status_from(std::string_view s) {
  for (auto st : {DocStatus::kOpen, DocStatus::kClosed, DocStatus::kVoid})
    if (s == to_string(st)) return st;
  return DocStatus::kOpen;
}

inline Document document_from_json(const Json& j) {
  Document d;
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
  return d;
}

inline Application application_from_json(const Json& j) {
  Application a;
  a.id = fields::u64(j, "id");
  a.from = fields::str(j, "from");
  a.to = fields::str(j, "to");
  a.amount = fields::money(j, "amount", fields::currency(j));
  a.date = fields::date(j, "date");
  a.reason = fields::str(j, "reason");
  a.reverses = fields::u64(j, "reverses");
  a.reversed_by = fields::u64(j, "reversed_by");
  return a;
}

}  // namespace detail

// A customer was added (customer add, import).
struct CustomerAdded {
  static constexpr std::string_view kName = "customer.added";
  Customer customer;  // the payload is its JSON: id, name, currency, terms, credit_limit, ...

  Json to_json() const { return arctl::to_json(customer); }
  static CustomerAdded from_json(const Json& j) { return {detail::customer_from_json(j)}; }
};

// A customer's details changed (customer update, import).
struct CustomerUpdated {
  static constexpr std::string_view kName = "customer.updated";
  Customer before;  // the customer before the change (JSON key "before")
  Customer after;   // the customer after it (JSON key "after")

  Json to_json() const {
    Json p;
    p["before"] = arctl::to_json(before);
    p["after"] = arctl::to_json(after);
    return p;
  }
  static CustomerUpdated from_json(const Json& j) {
    return {detail::customer_from_json(j.value("before", Json::object())),
            detail::customer_from_json(j.value("after", Json::object()))};
  }
};

// A document (invoice, credit note, receipt, ...) was posted.
struct DocumentPosted {
  static constexpr std::string_view kName = "document.posted";
  Document document;  // the payload is its JSON: id, kind, customer, issued, due, amount, ...

  Json to_json() const { return arctl::to_json(document); }
  static DocumentPosted from_json(const Json& j) { return {detail::document_from_json(j)}; }
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

  Json to_json() const {
    Json p;
    p["id"] = id;
    p["kind"] = arctl::to_string(kind);
    p["customer"] = customer;
    p["amount"] = amount.str();
    p["currency"] = std::string(amount.currency().code());
    p["date"] = format_date(date);
    if (document_date) p["document_date"] = format_date(*document_date);
    p["reason"] = reason;
    return p;
  }
  static DocumentVoided from_json(const Json& j) {
    return {fields::str(j, "id"),       parse_doc_kind(fields::str(j, "kind")),
            fields::str(j, "customer"), fields::money(j, "amount", fields::currency(j)),
            fields::date(j, "date"),    fields::opt_date(j, "document_date"),
            fields::str(j, "reason")};
  }
};

// A receipt in suspense was assigned to its customer.
struct DocumentAssigned {
  static constexpr std::string_view kName = "document.assigned";
  std::string id;                     // the receipt
  std::string customer;               // the customer it now belongs to
  Money amount;                       // the receipt's amount (with "currency")
  std::optional<Date> date;           // the day it is booked on; absent in old journals
  std::optional<Date> document_date;  // the receipt's date, when not `date`

  Json to_json() const {
    Json p;
    p["id"] = id;
    p["customer"] = customer;
    p["amount"] = amount.str();
    p["currency"] = std::string(amount.currency().code());
    if (date) p["date"] = format_date(*date);
    if (document_date) p["document_date"] = format_date(*document_date);
    return p;
  }
  static DocumentAssigned from_json(const Json& j) {
    return {fields::str(j, "id"), fields::str(j, "customer"),
            fields::money(j, "amount", fields::currency(j)), fields::opt_date(j, "date"),
            fields::opt_date(j, "document_date")};
  }
};

// A receipt moved from one customer to another.
struct DocumentReassigned {
  static constexpr std::string_view kName = "document.reassigned";
  std::string id;    // the receipt
  std::string from;  // the customer it belonged to
  std::string to;    // the customer it belongs to now
  Money amount;      // the receipt's amount (with "currency")
  Money open;        // its unapplied amount, which moved with it

  Json to_json() const {
    Json p;
    p["id"] = id;
    p["from"] = from;
    p["to"] = to;
    p["amount"] = amount.str();
    p["currency"] = std::string(amount.currency().code());
    p["open"] = open.str();
    return p;
  }
  static DocumentReassigned from_json(const Json& j) {
    const auto c = fields::currency(j);
    return {fields::str(j, "id"), fields::str(j, "from"), fields::str(j, "to"),
            fields::money(j, "amount", c), fields::money(j, "open", c)};
  }
};

// A link on a document was set or removed (rebilled_by, returned_by, ...).
struct DocumentLinked {
  static constexpr std::string_view kName = "document.linked";
  std::string id;     // the document
  std::string key;    // the link's name
  std::string value;  // the linked document; empty: the link was removed

  Json to_json() const {
    Json p;
    p["id"] = id;
    p["key"] = key;
    p["value"] = value;
    return p;
  }
  static DocumentLinked from_json(const Json& j) {
    return {fields::str(j, "id"), fields::str(j, "key"), fields::str(j, "value")};
  }
};

namespace detail {

template <class E>
Json application_json(const E& e) {
  Json p = arctl::to_json(e.application);
  p["customer"] = e.customer;
  if (e.document_date) p["document_date"] = format_date(*e.document_date);
  return p;
}

template <class E>
E application_event(const Json& j) {
  return {application_from_json(j), fields::str(j, "customer"),
          fields::opt_date(j, "document_date")};
}

}  // namespace detail

// A credit document was applied to a debit document.
struct ApplicationMade {
  static constexpr std::string_view kName = "application.made";
  Application application;            // the payload is its JSON: id, from, to, amount, date, ...
  std::string customer;               // the customer of `from`
  std::optional<Date> document_date;  // when the documents are in a locked period

  Json to_json() const { return detail::application_json(*this); }
  static ApplicationMade from_json(const Json& j) {
    return detail::application_event<ApplicationMade>(j);
  }
};

// An application was undone by a reversing application.
struct ApplicationReversed {
  static constexpr std::string_view kName = "application.reversed";
  Application application;            // the reversal's JSON; `reverses` names the original
  std::string customer;               // the customer of `from`
  std::optional<Date> document_date;  // the original's date, when in a locked period

  Json to_json() const { return detail::application_json(*this); }
  static ApplicationReversed from_json(const Json& j) {
    return detail::application_event<ApplicationReversed>(j);
  }
};

// The period was locked through a date: nothing may be dated on or before it.
struct PeriodLocked {
  static constexpr std::string_view kName = "period.locked";
  Date through{};                // the new lock date
  std::optional<Date> previous;  // the lock date before; null: none

  Json to_json() const {
    Json p;
    p["through"] = format_date(through);
    p["previous"] = fields::or_null(previous);
    return p;
  }
  static PeriodLocked from_json(const Json& j) {
    return {fields::date(j, "through"), fields::opt_date(j, "previous")};
  }
};

// A locked period was reopened.
struct PeriodReopened {
  static constexpr std::string_view kName = "period.reopened";
  Date previous{};           // the lock date before
  std::optional<Date> lock;  // the new lock date; null: no lock
  std::string reason;        // why it was reopened

  Json to_json() const {
    Json p;
    p["previous"] = format_date(previous);
    p["lock"] = fields::or_null(lock);
    p["reason"] = reason;
    return p;
  }
  static PeriodReopened from_json(const Json& j) {
    return {fields::date(j, "previous"), fields::opt_date(j, "lock"), fields::str(j, "reason")};
  }
};

// A configuration key was set (plugins veto bad values by throwing).
struct ConfigSet {
  static constexpr std::string_view kName = "config.set";
  std::string key;                      // the key, "<area>.<name>"
  std::string value;                    // its new value
  std::optional<std::string> previous;  // its value before; null: it was not set

  Json to_json() const {
    Json p;
    p["key"] = key;
    p["value"] = value;
    p["previous"] = fields::or_null(previous);
    return p;
  }
  static ConfigSet from_json(const Json& j) {
    return {fields::str(j, "key"), fields::str(j, "value"), fields::opt_str(j, "previous")};
  }
};

// A configuration key was removed.
struct ConfigUnset {
  static constexpr std::string_view kName = "config.unset";
  std::string key;       // the key
  std::string previous;  // its value before

  Json to_json() const {
    Json p;
    p["key"] = key;
    p["previous"] = previous;
    return p;
  }
  static ConfigUnset from_json(const Json& j) {
    return {fields::str(j, "key"), fields::str(j, "previous")};
  }
};

// The ledger was created (arctl init): the journal's first event.
struct LedgerCreated {
  static constexpr std::string_view kName = "ledger.created";
  Currency currency;  // the ledger's currency
  int format = 1;     // the ledger format version

  Json to_json() const {
    Json p;
    p["currency"] = std::string(currency.code());
    p["format"] = format;
    return p;
  }
  static LedgerCreated from_json(const Json& j) {
    return {fields::currency(j), j.value("format", 1)};
  }
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
