// The payments plugin's events: receipts recorded, assigned, applied, paid
// short, returned, refunded, confirmed by the bank, moved and reversed.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "arctl/events/payload.hpp"

namespace arctl::events {

// A receipt was recorded (or a post-dated cheque held until its value date).
struct PaymentRecorded {
  static constexpr std::string_view kName = "payment.recorded";
  std::string id;                  // the receipt
  std::string customer;            // its customer; empty: in suspense
  Money amount;                    // its amount (with "currency")
  Date date{};                     // the day it was received
  std::optional<Date> value_date;  // a post-dated cheque's value date; null: none
  bool held = false;               // true: held until the value date, not yet posted
  std::string ref;                 // the payer's reference

  ARCTL_EVENT_FIELDS(PaymentRecorded, field("id", &E::id), field("customer", &E::customer),
                     with_currency("amount", &E::amount), field("date", &E::date),
                     field("value_date", &E::value_date), field("held", &E::held),
                     field("ref", &E::ref))
};

// A held post-dated cheque was given its customer (a posted receipt in
// suspense is assigned with the kernel's document.assigned instead).
struct PaymentAssigned {
  static constexpr std::string_view kName = "payment.assigned";
  std::string id;        // the cheque
  std::string customer;  // its customer
  bool held = true;      // always true: the cheque is still held

  ARCTL_EVENT_FIELDS(PaymentAssigned, field("id", &E::id), field("customer", &E::customer),
                     field("held", &E::held))
};

// A receipt was applied to an invoice by the payments plugin.
struct PaymentApplied {
  static constexpr std::string_view kName = "payment.applied";
  std::string receipt;          // the receipt
  std::string invoice;          // the invoice (or debit note) it paid
  std::string customer;         // their customer
  Money amount;                 // the amount applied (with "currency")
  std::string rule;             // the matching rule: manual, reference, exact, ...
  std::uint64_t application{};  // the kernel application's id

  ARCTL_EVENT_FIELDS(PaymentApplied, field("receipt", &E::receipt), field("invoice", &E::invoice),
                     field("customer", &E::customer), with_currency("amount", &E::amount),
                     field("rule", &E::rule), field("application", &E::application))
};

namespace detail {

// The fields payment.short and payment.partial start with, in their JSON
// order; the currency is that of `amount`.
template <class E>
auto shortfall_fields(Money E::*amount) {
  using namespace payload;
  return list<E>(field("receipt", &E::receipt), field("invoice", &E::invoice),
                 field("customer", &E::customer), currency_of(amount), field("date", &E::date),
                 field("why", &E::why));
}

}  // namespace detail

// A receipt left an invoice open by more than the tolerance, and the rest is
// judged a deduction (the disputes plugin opens a case for it).
struct PaymentShort {
  static constexpr std::string_view kName = "payment.short";
  std::string receipt;   // the receipt
  std::string invoice;   // the invoice it paid short
  std::string customer;  // their customer
  Date date{};           // the receipt's date
  std::string why;       // how the shortfall was judged
  Money short_amount;    // what is left open (JSON key "short", with "currency")
  std::string reason;    // the deduction's reason code

  ARCTL_EVENT_FIELDS(PaymentShort, detail::shortfall_fields<E>(&E::short_amount),
                     field("short", &E::short_amount), field("reason", &E::reason))
};

// A receipt paid part of an invoice and the rest stays ordinary open debt.
struct PaymentPartial {
  static constexpr std::string_view kName = "payment.partial";
  std::string receipt;   // the receipt
  std::string invoice;   // the invoice it paid in part
  std::string customer;  // their customer
  Date date{};           // the receipt's date
  std::string why;       // how the shortfall was judged
  Money paid;            // what the receipt paid of it (with "currency")
  Money open;            // what is left open

  ARCTL_EVENT_FIELDS(PaymentPartial, detail::shortfall_fields<E>(&E::paid), field("paid", &E::paid),
                     field("open", &E::open))
};

// A receipt bounced: a payment_return document cancels it and its
// applications were reversed.
struct PaymentReturned {
  static constexpr std::string_view kName = "payment.returned";
  std::string id;                     // the receipt
  std::string customer;               // its customer
  Money amount;                       // its amount (with "currency")
  std::string reason;                 // why it was returned
  Date date{};                        // the return's date
  std::string return_document;        // the payment_return document
  std::string fee_document;           // the NSF fee debit note; empty: none
  std::vector<std::string> reopened;  // the invoices it had paid, open again

  ARCTL_EVENT_FIELDS(PaymentReturned, field("id", &E::id), field("customer", &E::customer),
                     with_currency("amount", &E::amount), field("reason", &E::reason),
                     field("date", &E::date), field("return_document", &E::return_document),
                     field("fee_document", &E::fee_document), field("reopened", &E::reopened))
};

// Credit was paid back to a customer.
struct PaymentRefunded {
  static constexpr std::string_view kName = "payment.refunded";
  std::string id;        // the refund document
  std::string customer;  // its customer
  Money amount;          // the amount paid back (with "currency")
  std::string method;    // how it was paid; empty: not said

  ARCTL_EVENT_FIELDS(PaymentRefunded, field("id", &E::id), field("customer", &E::customer),
                     with_currency("amount", &E::amount), field("method", &E::method))
};

// A receipt was matched to a line of a bank statement.
struct PaymentConfirmed {
  static constexpr std::string_view kName = "payment.confirmed";
  std::string id;        // the receipt
  std::string customer;  // its customer
  std::string bank_ref;  // the bank entry's reference
  Money amount;          // the receipt's amount (with "currency")
  Date date{};           // the day the bank booked it

  ARCTL_EVENT_FIELDS(PaymentConfirmed, field("id", &E::id), field("customer", &E::customer),
                     field("bank_ref", &E::bank_ref), with_currency("amount", &E::amount),
                     field("date", &E::date))
};

namespace detail {

// The fields payment.reassigned and payment.reversed start with, in their
// JSON order.
template <class E>
auto correction_fields() {
  using namespace payload;
  return list<E>(field("id", &E::id), with_currency("amount", &E::amount),
                 field("reason", &E::reason), field("date", &E::date),
                 field("reopened", &E::reopened));
}

}  // namespace detail

// A receipt was moved to another customer; its applications were reversed.
struct PaymentReassigned {
  static constexpr std::string_view kName = "payment.reassigned";
  std::string id;                     // the receipt
  Money amount;                       // its amount (with "currency")
  std::string reason;                 // why it was moved
  Date date{};                        // the correction's date
  std::vector<std::string> reopened;  // the invoices it had paid, open again
  std::string from;                   // the customer it belonged to; empty: suspense
  std::string to;                     // the customer it belongs to now (also "customer")

  ARCTL_EVENT_FIELDS(PaymentReassigned, detail::correction_fields<E>(), field("from", &E::from),
                     field("to", &E::to), copy("customer", &E::to))
};

// A receipt was reversed (entered in error): voided after its applications.
struct PaymentReversed {
  static constexpr std::string_view kName = "payment.reversed";
  std::string id;                     // the receipt
  Money amount;                       // its amount (with "currency")
  std::string reason;                 // why it was reversed
  Date date{};                        // the correction's date
  std::vector<std::string> reopened;  // the invoices it had paid, open again
  std::string customer;               // its customer

  ARCTL_EVENT_FIELDS(PaymentReversed, detail::correction_fields<E>(),
                     field("customer", &E::customer))
};

}  // namespace arctl::events
