// Payment behaviour: how a customer has paid, read before a call. Every
// figure is computed in integers from the ledger as of a date; the formulas
// are in kBehaviorFormulas (the help of `report behavior`).
#pragma once

#include <optional>
#include <string>

#include "arctl/followup.hpp"
#include "arctl/ledger.hpp"

namespace arctl::collections {

// The formulas, as `report behavior --help` prints them.
extern const char* const kBehaviorFormulas;

// One customer's figures as of `as_of` over the `months` months ending on it
// (as_of - months < day <= as_of), as a flat row: customer, name, currency,
// as_of, months, invoices_paid, amount_paid, avg_days_to_pay, avg_days_late,
// on_time_count_pct, on_time_amount_pct, add_last_3_months,
// add_prior_12_months, add_trend, trend, largest_invoice,
// largest_invoice_amount, disputes, broken_promises, last_payment_date,
// last_payment_amount. Disputes and broken promises come from `followup`
// (the disputes plugin; without it they are 0). Cost: the customer's
// documents and their applications, and its follow-up facts.
Json behavior_row(Tx& tx, const Customer& c, Date as_of, int months, FollowUpService* followup);

// `report behavior`: one row per customer (or only `customer`) that has any
// document dated on or before `as_of`. Error(kNotFound) for an unknown customer.
Json report_behavior(Tx& tx, std::optional<std::string> customer, Date as_of, int months,
                     FollowUpService* followup);

}  // namespace arctl::collections
