// The payments plugin's events: receipts recorded, assigned, applied, paid
// short, returned, refunded, confirmed by the bank, moved and reversed.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "arctl/events/fields.hpp"

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

  Json to_json() const {
    Json p;
    p["id"] = id;
    p["customer"] = customer;
    p["amount"] = amount.str();
    p["currency"] = std::string(amount.currency().code());
    p["date"] = format_date(date);
    p["value_date"] = fields::or_null(value_date);
    p["held"] = held;
    p["ref"] = ref;
    return p;
  }
  static PaymentRecorded from_json(const Json& j) {
    return {fields::str(j, "id"),
            fields::str(j, "customer"),
            fields::money(j, "amount", fields::currency(j)),
            fields::date(j, "date"),
            fields::opt_date(j, "value_date"),
            fields::flag(j, "held"),
            fields::str(j, "ref")};
  }
};

// A held post-dated cheque was given its customer (a posted receipt in
// suspense is assigned with the kernel's document.assigned instead).
struct PaymentAssigned {
  static constexpr std::string_view kName = "payment.assigned";
  std::string id;        // the cheque
  std::string customer;  // its customer
  bool held = true;      // always true: the cheque is still held

  Json to_json() const { return Json{{"id", id}, {"customer", customer}, {"held", held}}; }
  static PaymentAssigned from_json(const Json& j) {
    return {fields::str(j, "id"), fields::str(j, "customer"), fields::flag(j, "held")};
  }
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

  Json to_json() const {
    Json p;
    p["receipt"] = receipt;
    p["invoice"] = invoice;
    p["customer"] = customer;
    p["amount"] = amount.str();
    p["currency"] = std::string(amount.currency().code());
    p["rule"] = rule;
    p["application"] = application;
    return p;
  }
  static PaymentApplied from_json(const Json& j) {
    return {fields::str(j, "receipt"),  fields::str(j, "invoice"),
            fields::str(j, "customer"), fields::money(j, "amount", fields::currency(j)),
            fields::str(j, "rule"),     fields::u64(j, "application")};
  }
};

namespace detail {

// The fields payment.short and payment.partial share, in their JSON order.
inline Json shortfall_json(const std::string& receipt, const std::string& invoice,
                           const std::string& customer, const Currency& c, Date date,
                           const std::string& why) {
  return Json{{"receipt", receipt},        {"invoice", invoice},
              {"customer", customer},      {"currency", std::string(c.code())},
              {"date", format_date(date)}, {"why", why}};
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

  Json to_json() const {
    Json p = detail::shortfall_json(receipt, invoice, customer, short_amount.currency(), date, why);
    p["short"] = short_amount.str();
    p["reason"] = reason;
    return p;
  }
  static PaymentShort from_json(const Json& j) {
    return {fields::str(j, "receipt"),  fields::str(j, "invoice"),
            fields::str(j, "customer"), fields::date(j, "date"),
            fields::str(j, "why"),      fields::money(j, "short", fields::currency(j)),
            fields::str(j, "reason")};
  }
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

  Json to_json() const {
    Json p = detail::shortfall_json(receipt, invoice, customer, paid.currency(), date, why);
    p["paid"] = paid.str();
    p["open"] = open.str();
    return p;
  }
  static PaymentPartial from_json(const Json& j) {
    const auto c = fields::currency(j);
    return {fields::str(j, "receipt"),  fields::str(j, "invoice"), fields::str(j, "customer"),
            fields::date(j, "date"),    fields::str(j, "why"),     fields::money(j, "paid", c),
            fields::money(j, "open", c)};
  }
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

  Json to_json() const {
    Json p;
    p["id"] = id;
    p["customer"] = customer;
    p["amount"] = amount.str();
    p["currency"] = std::string(amount.currency().code());
    p["reason"] = reason;
    p["date"] = format_date(date);
    p["return_document"] = return_document;
    p["fee_document"] = fee_document;
    p["reopened"] = reopened;
    return p;
  }
  static PaymentReturned from_json(const Json& j) {
    return {fields::str(j, "id"),
            fields::str(j, "customer"),
            fields::money(j, "amount", fields::currency(j)),
            fields::str(j, "reason"),
            fields::date(j, "date"),
            fields::str(j, "return_document"),
            fields::str(j, "fee_document"),
            fields::strings(j, "reopened")};
  }
};

// Credit was paid back to a customer.
struct PaymentRefunded {
  static constexpr std::string_view kName = "payment.refunded";
  std::string id;        // the refund document
  std::string customer;  // its customer
  Money amount;          // the amount paid back (with "currency")
  std::string method;    // how it was paid; empty: not said

  Json to_json() const {
    return Json{{"id", id},
                {"customer", customer},
                {"amount", amount.str()},
                {"currency", std::string(amount.currency().code())},
                {"method", method}};
  }
  static PaymentRefunded from_json(const Json& j) {
    return {fields::str(j, "id"), fields::str(j, "customer"),
            fields::money(j, "amount", fields::currency(j)), fields::str(j, "method")};
  }
};

// A receipt was matched to a line of a bank statement.
struct PaymentConfirmed {
  static constexpr std::string_view kName = "payment.confirmed";
  std::string id;        // the receipt
  std::string customer;  // its customer
  std::string bank_ref;  // the bank entry's reference
  Money amount;          // the receipt's amount (with "currency")
  Date date{};           // the day the bank booked it

  Json to_json() const {
    Json j;
    j["id"] = id;
    j["customer"] = customer;
    j["bank_ref"] = bank_ref;
    j["amount"] = amount.str();
    j["currency"] = std::string(amount.currency().code());
    j["date"] = format_date(date);
    return j;
  }
  static PaymentConfirmed from_json(const Json& j) {
    return {fields::str(j, "id"), fields::str(j, "customer"), fields::str(j, "bank_ref"),
            fields::money(j, "amount", fields::currency(j)), fields::date(j, "date")};
  }
};

namespace detail {

// The fields payment.reassigned and payment.reversed share, in their JSON order.
inline Json correction_json(const std::string& id, const Money& amount, const std::string& reason,
                            Date date, const std::vector<std::string>& reopened) {
  Json p;
  p["id"] = id;
  p["amount"] = amount.str();
  p["currency"] = std::string(amount.currency().code());
  p["reason"] = reason;
  p["date"] = format_date(date);
  p["reopened"] = reopened;
  return p;
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

  Json to_json() const {
    Json p = detail::correction_json(id, amount, reason, date, reopened);
    p["from"] = from;
    p["to"] = to;
    p["customer"] = to;
    return p;
  }
  static PaymentReassigned from_json(const Json& j) {
    return {fields::str(j, "id"),
            fields::money(j, "amount", fields::currency(j)),
            fields::str(j, "reason"),
            fields::date(j, "date"),
            fields::strings(j, "reopened"),
            fields::str(j, "from"),
            fields::str(j, "to")};
  }
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

  Json to_json() const {
    Json p = detail::correction_json(id, amount, reason, date, reopened);
    p["customer"] = customer;
    return p;
  }
  static PaymentReversed from_json(const Json& j) {
    return {fields::str(j, "id"),           fields::money(j, "amount", fields::currency(j)),
            fields::str(j, "reason"),       fields::date(j, "date"),
            fields::strings(j, "reopened"), fields::str(j, "customer")};
  }
};

}  // namespace arctl::events
