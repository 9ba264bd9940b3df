// The statements plugin's events: dunning notices sent, invoices excluded
// from or included in dunning, and the month-end aging snapshot.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "arctl/events/fields.hpp"

namespace arctl::events {

// A dunning notice was written for a customer.
struct NoticeSent {
  static constexpr std::string_view kName = "notice.sent";
  std::string customer;               // the customer
  std::int64_t level = 0;             // the dunning level
  std::string name;                   // the level's name: reminder, final, ...
  std::vector<std::string> invoices;  // the invoices it names
  Money amount;                       // their open total (with "currency")
  Date date{};                        // the as-of date of the run
  std::string file;                   // the letter's file name
  std::uint64_t run = 0;              // the notice run's number

  Json to_json() const {
    return Json{{"customer", customer},
                {"level", level},
                {"name", name},
                {"invoices", invoices},
                {"amount", amount.str()},
                {"currency", std::string(amount.currency().code())},
                {"date", format_date(date)},
                {"file", file},
                {"run", run}};
  }
  static NoticeSent from_json(const Json& j) {
    return {fields::str(j, "customer"),
            j.value("level", std::int64_t{0}),
            fields::str(j, "name"),
            fields::strings(j, "invoices"),
            fields::money(j, "amount", fields::currency(j)),
            fields::date(j, "date"),
            fields::str(j, "file"),
            fields::u64(j, "run")};
  }
};

namespace detail {

template <class E>
E dunning_event(const Json& j) {
  return {fields::str(j, "invoice"), fields::str(j, "customer"), fields::str(j, "reason")};
}

}  // namespace detail

// An invoice was marked do-not-dun.
struct NoticeExcluded {
  static constexpr std::string_view kName = "notice.excluded";
  std::string invoice;   // the invoice
  std::string customer;  // its customer
  std::string reason;    // why it is not dunned

  Json to_json() const {
    return Json{{"invoice", invoice}, {"customer", customer}, {"reason", reason}};
  }
  static NoticeExcluded from_json(const Json& j) {
    return detail::dunning_event<NoticeExcluded>(j);
  }
};

// A do-not-dun mark was removed from an invoice.
struct NoticeIncluded {
  static constexpr std::string_view kName = "notice.included";
  std::string invoice;   // the invoice
  std::string customer;  // its customer
  std::string reason;    // why it is dunned again

  Json to_json() const {
    return Json{{"invoice", invoice}, {"customer", customer}, {"reason", reason}};
  }
  static NoticeIncluded from_json(const Json& j) {
    return detail::dunning_event<NoticeIncluded>(j);
  }
};

// The month-end close took the aging, DSO and CEI snapshot of a period.
struct StatementsSnapshot {
  static constexpr std::string_view kName = "statements.snapshot";
  std::string period;  // the period closed, "2026-10"
  Date as_of{};        // the aging's as-of date
  Json figures;        // dso, dso_countback, cei and ar (open total per currency)

  Json to_json() const {
    return Json{{"period", period}, {"as_of", format_date(as_of)}, {"figures", figures}};
  }
  static StatementsSnapshot from_json(const Json& j) {
    return {fields::str(j, "period"), fields::date(j, "as_of"), j.value("figures", Json::object())};
  }
};

}  // namespace arctl::events
