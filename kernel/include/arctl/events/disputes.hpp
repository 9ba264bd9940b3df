// The disputes plugin's events: dispute and deduction cases, promises to pay,
// write-off proposals and collection activities.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "arctl/events/payload.hpp"

namespace arctl::events {

// Subscribing to every dispute case event at once (the string form of
// EventBus::subscribe).
inline constexpr std::string_view kAllDisputeEvents = "dispute.*";

namespace detail {

// The fields every case event starts with, in their JSON order.
template <class E>
auto case_fields() {
  using namespace payload;
  return list<E>(field("id", &E::id), field("customer", &E::customer),
                 field("invoice", &E::invoice));
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

  ARCTL_EVENT_FIELDS(DisputeOpened, detail::case_fields<E>(), field("kind", &E::kind),
                     with_currency("amount", &E::amount), field("reason", &E::reason),
                     field("level", &E::level), field("owner", &E::owner), field("date", &E::date),
                     field("source", &E::source), field("source_ref", &E::source_ref),
                     field("note", &E::note))
};

// A note was added to a case.
struct DisputeNoted {
  static constexpr std::string_view kName = "dispute.noted";
  std::string id;        // the case
  std::string customer;  // its customer
  std::string invoice;   // its invoice
  std::string note;      // the note
  Date date{};           // the day of the note

  ARCTL_EVENT_FIELDS(DisputeNoted, detail::case_fields<E>(), field("note", &E::note),
                     field("date", &E::date))
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

  ARCTL_EVENT_FIELDS(DisputeAssigned, detail::case_fields<E>(), field("from", &E::from),
                     field("owner", &E::owner), field("date", &E::date))
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

  ARCTL_EVENT_FIELDS(DisputeEscalated, detail::case_fields<E>(), field("from", &E::from),
                     field("to", &E::to), field("owner", &E::owner),
                     field("sla_days", &E::sla_days), field("date", &E::date),
                     field("automatic", &E::automatic), field("note", &E::note))
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

  ARCTL_EVENT_FIELDS(DisputeReduced, detail::case_fields<E>(), field("from", &E::from),
                     field("to", &E::to), currency_of(&E::to), field("date", &E::date),
                     field("note", &E::note))
};

// A promise to pay was recorded. Not typed yet; fields: the promise's row
// (id, customer, invoice, amount, currency, date, paid, status, ...).
struct PromiseAdded : JsonPayload<PromiseAdded> {
  static constexpr std::string_view kName = "promise.added";
};

namespace detail {

// promise.kept and promise.broken.
template <class E>
auto promise_fields() {
  using namespace payload;
  return list<E>(field("id", &E::id), field("customer", &E::customer),
                 field("invoice", &E::invoice), with_currency("amount", &E::amount),
                 field("date", &E::date), field("paid", &E::paid), field("checked", &E::checked));
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

  ARCTL_EVENT_FIELDS(PromiseKept, detail::promise_fields<E>())
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

  ARCTL_EVENT_FIELDS(PromiseBroken, detail::promise_fields<E>())
};

namespace detail {

// The fields every write-off event starts with, in their JSON order.
template <class E>
auto proposal_fields() {
  using namespace payload;
  return list<E>(field("id", &E::id), field("invoice", &E::invoice),
                 field("customer", &E::customer), with_currency("amount", &E::amount));
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

  ARCTL_EVENT_FIELDS(WriteoffProposed, detail::proposal_fields<E>(), field("reason", &E::reason),
                     field("dispute", &E::dispute), field("proposed_by", &E::proposed_by),
                     field("approvals_required", &E::approvals_required), field("date", &E::date))
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

  ARCTL_EVENT_FIELDS(WriteoffApproved, detail::proposal_fields<E>(),
                     field("approver", &E::approver), field("login", &E::login),
                     field("approvals", &E::approvals),
                     field("approvals_required", &E::approvals_required), field("date", &E::date))
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

  ARCTL_EVENT_FIELDS(WriteoffRejected, detail::proposal_fields<E>(),
                     field("rejected_by", &E::rejected_by), field("reason", &E::reason),
                     field("dispute", &E::dispute), field("date", &E::date))
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

  ARCTL_EVENT_FIELDS(WriteoffPosted, detail::proposal_fields<E>(), field("document", &E::document),
                     field("proposed_by", &E::proposed_by), field("approved_by", &E::approved_by),
                     field("approver_logins", &E::approver_logins), field("dispute", &E::dispute),
                     field("date", &E::date))
};

// A collection activity (call, email, letter) was logged. Not typed yet;
// fields: id, customer, date, type, note, next_action, due, actor, result,
// contact, next_action_type, promise and dispute (the ids the result created).
struct ActivityAdded : JsonPayload<ActivityAdded> {
  static constexpr std::string_view kName = "activity.added";
};

}  // namespace arctl::events
