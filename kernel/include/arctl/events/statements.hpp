// The statements plugin's events: dunning notices sent, invoices excluded
// from or included in dunning, and the month-end aging snapshot.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "arctl/events/payload.hpp"

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

  ARCTL_EVENT_FIELDS(NoticeSent, field("customer", &E::customer), field("level", &E::level),
                     field("name", &E::name), field("invoices", &E::invoices),
                     with_currency("amount", &E::amount), field("date", &E::date),
                     field("file", &E::file), field("run", &E::run))
};

namespace detail {

// notice.excluded and notice.included.
template <class E>
auto dunning_fields() {
  using namespace payload;
  return list<E>(field("invoice", &E::invoice), field("customer", &E::customer),
                 field("reason", &E::reason));
}

}  // namespace detail

// An invoice was marked do-not-dun.
struct NoticeExcluded {
  static constexpr std::string_view kName = "notice.excluded";
  std::string invoice;   // the invoice
  std::string customer;  // its customer
  std::string reason;    // why it is not dunned

  ARCTL_EVENT_FIELDS(NoticeExcluded, detail::dunning_fields<E>())
};

// A do-not-dun mark was removed from an invoice.
struct NoticeIncluded {
  static constexpr std::string_view kName = "notice.included";
  std::string invoice;   // the invoice
  std::string customer;  // its customer
  std::string reason;    // why it is dunned again

  ARCTL_EVENT_FIELDS(NoticeIncluded, detail::dunning_fields<E>())
};

// The month-end close took the aging, DSO and CEI snapshot of a period.
struct StatementsSnapshot {
  static constexpr std::string_view kName = "statements.snapshot";
  std::string period;  // the period closed, "2026-10"
  Date as_of{};        // the aging's as-of date
  Json figures;        // dso, dso_countback, cei and ar (open total per currency)

  ARCTL_EVENT_FIELDS(StatementsSnapshot, field("period", &E::period), field("as_of", &E::as_of),
                     field("figures", &E::figures))
};

}  // namespace arctl::events
