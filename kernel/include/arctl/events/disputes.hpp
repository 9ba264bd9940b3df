// The disputes plugin's events: dispute and deduction cases, promises to pay,
// write-off proposals and collection activities.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "arctl/events/fields.hpp"

namespace arctl::events {

// Subscribing to every dispute case event at once (the string form of
// EventBus::subscribe).
inline constexpr std::string_view kAllDisputeEvents = "dispute.*";

namespace detail {

// The fields every case event starts with, in their JSON order.
inline Json case_json(const std::string& id, const std::string& customer,
                      const std::string& invoice) {
  Json p;
  p["id"] = id;
  p["customer"] = customer;
  p["invoice"] = invoice;
  return p;
}

}  // namespace detail

// A dispute or deduction case was opened.
struct DisputeOpened {
  static constexpr std::string_view kName = "dispute.opened";
  std::string id;          // the case
  std::string customer;    // its customer
  std::string invoice;     // the invoice disputed; empty: a collection case on account
  std::string kind;        // dispute, collection
  Money amount;            // the amount disputed (with "currency")
  std::string reason;      // quantity, price, ..., deduction, broken-promise
  std::string level;       // the escalation level it starts at
  std::string owner;       // who works it
  Date date{};             // the day it was opened
  std::string source;      // manual, or the event that opened it (payment.short, ...)
  std::string source_ref;  // what that event was about (the receipt, the promise)
  std::string note;        // the opening note

  Json to_json() const {
    Json p = detail::case_json(id, customer, invoice);
    p["kind"] = kind;
    p["amount"] = amount.str();
    p["currency"] = std::string(amount.currency().code());
    p["reason"] = reason;
    p["level"] = level;
    p["owner"] = owner;
    p["date"] = format_date(date);
    p["source"] = source;
    p["source_ref"] = source_ref;
    p["note"] = note;
    return p;
  }
  static DisputeOpened from_json(const Json& j) {
    return {fields::str(j, "id"),
            fields::str(j, "customer"),
            fields::str(j, "invoice"),
            fields::str(j, "kind"),
            fields::money(j, "amount", fields::currency(j)),
            fields::str(j, "reason"),
            fields::str(j, "level"),
            fields::str(j, "owner"),
            fields::date(j, "date"),
            fields::str(j, "source"),
            fields::str(j, "source_ref"),
            fields::str(j, "note")};
  }
};

// A note was added to a case.
struct DisputeNoted {
  static constexpr std::string_view kName = "dispute.noted";
  std::string id;        // the case
  std::string customer;  // its customer
  std::string invoice;   // its invoice
  std::string note;      // the note
  Date date{};           // the day of the note

  Json to_json() const {
    Json p = detail::case_json(id, customer, invoice);
    p["note"] = note;
    p["date"] = format_date(date);
    return p;
  }
  static DisputeNoted from_json(const Json& j) {
    return {fields::str(j, "id"), fields::str(j, "customer"), fields::str(j, "invoice"),
            fields::str(j, "note"), fields::date(j, "date")};
  }
};

// A case changed owner.
struct DisputeAssigned {
  static constexpr std::string_view kName = "dispute.assigned";
  std::string id;        // the case
  std::string customer;  // its customer
  std::string invoice;   // its invoice
  std::string from;      // the owner before
  std::string owner;     // the owner now
  Date date{};           // the day of the change

  Json to_json() const {
    Json p = detail::case_json(id, customer, invoice);
    p["from"] = from;
    p["owner"] = owner;
    p["date"] = format_date(date);
    return p;
  }
  static DisputeAssigned from_json(const Json& j) {
    return {fields::str(j, "id"),   fields::str(j, "customer"), fields::str(j, "invoice"),
            fields::str(j, "from"), fields::str(j, "owner"),    fields::date(j, "date")};
  }
};

// A case moved up the escalation ladder (by hand or past its level's SLA).
struct DisputeEscalated {
  static constexpr std::string_view kName = "dispute.escalated";
  std::string id;           // the case
  std::string customer;     // its customer
  std::string invoice;      // its invoice
  std::string from;         // the level it left
  std::string to;           // the level it reached
  std::string owner;        // the owner of the new level
  std::int64_t sla_days{};  // the SLA of the level it left, in days
  Date date{};              // the day of the escalation
  bool automatic = false;   // true: the close's escalation step, past the SLA
  std::string note;         // why

  Json to_json() const {
    Json p = detail::case_json(id, customer, invoice);
    p["from"] = from;
    p["to"] = to;
    p["owner"] = owner;
    p["sla_days"] = sla_days;
    p["date"] = format_date(date);
    p["automatic"] = automatic;
    p["note"] = note;
    return p;
  }
  static DisputeEscalated from_json(const Json& j) {
    return {fields::str(j, "id"),
            fields::str(j, "customer"),
            fields::str(j, "invoice"),
            fields::str(j, "from"),
            fields::str(j, "to"),
            fields::str(j, "owner"),
            j.value("sla_days", std::int64_t{0}),
            fields::date(j, "date"),
            fields::flag(j, "automatic"),
            fields::str(j, "note")};
  }
};

// A case was resolved. Not typed yet; fields: id, customer, invoice,
// outcome, amount, disputed, currency, date, and per outcome note,
// write_off, proposal, credit_note, replacement, ...
struct DisputeResolved : JsonPayload<DisputeResolved> {
  static constexpr std::string_view kName = "dispute.resolved";
};

// A deduction case was lowered: later payments left less of the invoice open.
struct DisputeReduced {
  static constexpr std::string_view kName = "dispute.reduced";
  std::string id;        // the case
  std::string customer;  // its customer
  std::string invoice;   // its invoice
  Money from;            // the amount disputed before (with "currency")
  Money to;              // the amount disputed now
  Date date{};           // the day of the change
  std::string note;      // what paid it

  Json to_json() const {
    Json p = detail::case_json(id, customer, invoice);
    p["from"] = from.str();
    p["to"] = to.str();
    p["currency"] = std::string(to.currency().code());
    p["date"] = format_date(date);
    p["note"] = note;
    return p;
  }
  static DisputeReduced from_json(const Json& j) {
    const auto c = fields::currency(j);
    return {fields::str(j, "id"),        fields::str(j, "customer"), fields::str(j, "invoice"),
            fields::money(j, "from", c), fields::money(j, "to", c),  fields::date(j, "date"),
            fields::str(j, "note")};
  }
};

// A promise to pay was recorded. Not typed yet; fields: the promise's row
// (id, customer, invoice, amount, currency, date, paid, status, ...).
struct PromiseAdded : JsonPayload<PromiseAdded> {
  static constexpr std::string_view kName = "promise.added";
};

namespace detail {

template <class E>
Json promise_json(const E& e) {
  Json j;
  j["id"] = e.id;
  j["customer"] = e.customer;
  j["invoice"] = e.invoice;
  j["amount"] = e.amount.str();
  j["currency"] = std::string(e.amount.currency().code());
  j["date"] = format_date(e.date);
  j["paid"] = e.paid.str();
  j["checked"] = format_date(e.checked);
  return j;
}

template <class E>
E promise_event(const Json& j) {
  const auto c = fields::currency(j);
  return {fields::str(j, "id"),          fields::str(j, "customer"), fields::str(j, "invoice"),
          fields::money(j, "amount", c), fields::date(j, "date"),    fields::money(j, "paid", c),
          fields::date(j, "checked")};
}

}  // namespace detail

// A promise to pay was kept: paid in full by its date.
struct PromiseKept {
  static constexpr std::string_view kName = "promise.kept";
  std::string id;        // the promise
  std::string customer;  // who promised
  std::string invoice;   // the invoice promised; empty: on account
  Money amount;          // the amount promised (with "currency")
  Date date{};           // the day it was promised for
  Money paid;            // what was paid towards it
  Date checked{};        // the day it was judged

  Json to_json() const { return detail::promise_json(*this); }
  static PromiseKept from_json(const Json& j) { return detail::promise_event<PromiseKept>(j); }
};

// A promise to pay was broken: its date passed before it was paid in full.
struct PromiseBroken {
  static constexpr std::string_view kName = "promise.broken";
  std::string id;        // the promise
  std::string customer;  // who promised
  std::string invoice;   // the invoice promised; empty: on account
  Money amount;          // the amount promised (with "currency")
  Date date{};           // the day it was promised for
  Money paid;            // what was paid towards it
  Date checked{};        // the day it was judged broken

  Json to_json() const { return detail::promise_json(*this); }
  static PromiseBroken from_json(const Json& j) { return detail::promise_event<PromiseBroken>(j); }
};

namespace detail {

// The fields every write-off event starts with, in their JSON order.
inline Json proposal_json(const std::string& id, const std::string& invoice,
                          const std::string& customer, const Money& amount) {
  Json j;
  j["id"] = id;
  j["invoice"] = invoice;
  j["customer"] = customer;
  j["amount"] = amount.str();
  j["currency"] = std::string(amount.currency().code());
  return j;
}

}  // namespace detail

// A write-off was proposed; it is posted once approved.
struct WriteoffProposed {
  static constexpr std::string_view kName = "writeoff.proposed";
  std::string id;                        // the proposal
  std::string invoice;                   // the invoice to write off
  std::string customer;                  // its customer
  Money amount;                          // the amount (with "currency")
  std::string reason;                    // why
  std::string dispute;                   // the case it resolves; empty: none
  std::string proposed_by;               // who proposed it
  std::uint64_t approvals_required = 1;  // approvals it needs
  Date date{};                           // the day it was proposed

  Json to_json() const {
    Json j = detail::proposal_json(id, invoice, customer, amount);
    j["reason"] = reason;
    j["dispute"] = dispute;
    j["proposed_by"] = proposed_by;
    j["approvals_required"] = approvals_required;
    j["date"] = format_date(date);
    return j;
  }
  static WriteoffProposed from_json(const Json& j) {
    return {fields::str(j, "id"),          fields::str(j, "invoice"),
            fields::str(j, "customer"),    fields::money(j, "amount", fields::currency(j)),
            fields::str(j, "reason"),      fields::str(j, "dispute"),
            fields::str(j, "proposed_by"), fields::u64(j, "approvals_required"),
            fields::date(j, "date")};
  }
};

// A write-off proposal was approved by one approver.
struct WriteoffApproved {
  static constexpr std::string_view kName = "writeoff.approved";
  std::string id;                        // the proposal
  std::string invoice;                   // its invoice
  std::string customer;                  // its customer
  Money amount;                          // its amount (with "currency")
  std::string approver;                  // who approved (declared actor)
  std::string login;                     // the operating-system login that ran it
  std::uint64_t approvals = 0;           // approvals so far
  std::uint64_t approvals_required = 1;  // approvals it needs
  Date date{};                           // the day of the approval

  Json to_json() const {
    Json j = detail::proposal_json(id, invoice, customer, amount);
    j["approver"] = approver;
    j["login"] = login;
    j["approvals"] = approvals;
    j["approvals_required"] = approvals_required;
    j["date"] = format_date(date);
    return j;
  }
  static WriteoffApproved from_json(const Json& j) {
    return {fields::str(j, "id"),        fields::str(j, "invoice"),
            fields::str(j, "customer"),  fields::money(j, "amount", fields::currency(j)),
            fields::str(j, "approver"),  fields::str(j, "login"),
            fields::u64(j, "approvals"), fields::u64(j, "approvals_required"),
            fields::date(j, "date")};
  }
};

// A write-off proposal was rejected.
struct WriteoffRejected {
  static constexpr std::string_view kName = "writeoff.rejected";
  std::string id;           // the proposal
  std::string invoice;      // its invoice
  std::string customer;     // its customer
  Money amount;             // its amount (with "currency")
  std::string rejected_by;  // who rejected it
  std::string reason;       // why
  std::string dispute;      // the case it was to resolve; empty: none
  Date date{};              // the day of the rejection

  Json to_json() const {
    Json j = detail::proposal_json(id, invoice, customer, amount);
    j["rejected_by"] = rejected_by;
    j["reason"] = reason;
    j["dispute"] = dispute;
    j["date"] = format_date(date);
    return j;
  }
  static WriteoffRejected from_json(const Json& j) {
    return {fields::str(j, "id"),          fields::str(j, "invoice"),
            fields::str(j, "customer"),    fields::money(j, "amount", fields::currency(j)),
            fields::str(j, "rejected_by"), fields::str(j, "reason"),
            fields::str(j, "dispute"),     fields::date(j, "date")};
  }
};

// An approved write-off was posted as a write_off document applied to its
// invoice.
struct WriteoffPosted {
  static constexpr std::string_view kName = "writeoff.posted";
  std::string id;                            // the proposal
  std::string invoice;                       // its invoice
  std::string customer;                      // its customer
  Money amount;                              // its amount (with "currency")
  std::string document;                      // the write_off document
  std::string proposed_by;                   // who proposed it
  std::vector<std::string> approved_by;      // who approved it
  std::vector<std::string> approver_logins;  // their operating-system logins
  std::string dispute;                       // the case it resolves; empty: none
  Date date{};                               // the day it was posted

  Json to_json() const {
    Json j = detail::proposal_json(id, invoice, customer, amount);
    j["document"] = document;
    j["proposed_by"] = proposed_by;
    j["approved_by"] = approved_by;
    j["approver_logins"] = approver_logins;
    j["dispute"] = dispute;
    j["date"] = format_date(date);
    return j;
  }
  static WriteoffPosted from_json(const Json& j) {
    return {fields::str(j, "id"),
            fields::str(j, "invoice"),
            fields::str(j, "customer"),
            fields::money(j, "amount", fields::currency(j)),
            fields::str(j, "document"),
            fields::str(j, "proposed_by"),
            fields::strings(j, "approved_by"),
            fields::strings(j, "approver_logins"),
            fields::str(j, "dispute"),
            fields::date(j, "date")};
  }
};

// A collection activity (call, email, letter) was logged. Not typed yet;
// fields: id, customer, date, type, note, next_action, due, actor.
struct ActivityAdded : JsonPayload<ActivityAdded> {
  static constexpr std::string_view kName = "activity.added";
};

}  // namespace arctl::events
