// Deduction cases follow the money on their invoice: a short payment opens
// one, later applications lower it or close it as `paid`, and the reversal or
// reassignment of the receipt that caused it closes it as `cancelled`.
#pragma once

#include <string_view>

#include "arctl/events.hpp"
#include "arctl/events/kernel.hpp"
#include "arctl/events/payments.hpp"
#include "arctl/ledger.hpp"

namespace arctl::disputes {

// Subscribes the handlers below. `handle` is read when an event arrives,
// since the host sets it in init().
void subscribe_deductions(EventBus& bus, const PluginHandle* const& handle);

// payment.short: opens a `deduction` case for the short amount not already
// under dispute, or notes the short payment on the case that already covers it.
void on_payment_short(Tx& tx, const PluginHandle& handle, const events::PaymentShort& e);

// application.made: keeps the
// open deduction cases of invoice `to` within what is still open, newest
// first; one lowered to nothing is closed as `paid`. Manual disputes are a
// customer's claim, not a shortfall, and are left as they are.
// Cost: one prefix scan of the invoice's unresolved cases (the index); the
// two documents are read only when a deduction case is open on the invoice.
void on_application_made(Tx& tx, const PluginHandle& handle, const events::ApplicationMade& e);

// payment.reversed / payment.reassigned: the open deduction cases opened by
// that receipt are closed as `cancelled` (the shortfall never happened).
// `customer` is the one the receipt belonged to; `what` says what happened,
// `reason` why, on `date`.
// Cost: one prefix scan of that customer's unresolved cases.
void on_receipt_withdrawn(Tx& tx, const PluginHandle& handle, const std::string& customer,
                          const std::string& receipt, const std::string& what,
                          const std::string& reason, Date date);

}  // namespace arctl::disputes
