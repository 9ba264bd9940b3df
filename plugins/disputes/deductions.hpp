// Deduction cases follow the money on their invoice: a short payment opens
// one, later applications lower it or close it as `paid`.
#pragma once

#include <string_view>

#include "arctl/events.hpp"
#include "arctl/ledger.hpp"

namespace arctl::disputes {

// The payments plugin's events this plugin reacts to, named here only.
// payment.short {receipt, invoice, customer, short, currency, date}
inline constexpr std::string_view kPaymentShort = "payment.short";

// Subscribes the handlers below. `handle` is read when an event arrives,
// since the host sets it in init().
void subscribe_deductions(EventBus& bus, const PluginHandle* const& handle);

// payment.short: opens a `deduction` case for the short amount not already
// under dispute, or notes the short payment on the case that already covers it.
void on_payment_short(Tx& tx, const PluginHandle& handle, const Json& payload);

// application.made {id, from, to, amount, date, customer, ...}: keeps the
// open deduction cases of invoice `to` within what is still open, newest
// first; one lowered to nothing is closed as `paid`. Manual disputes are a
// customer's claim, not a shortfall, and are left as they are.
// Cost: one prefix scan of the invoice's unresolved cases (the index); the
// two documents are read only when a deduction case is open on the invoice.
void on_application_made(Tx& tx, const PluginHandle& handle, const Json& payload);

}  // namespace arctl::disputes
