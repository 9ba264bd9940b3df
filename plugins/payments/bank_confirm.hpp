// Bank lines that confirm receipts keyed by hand: when the statement arrives
// after an analyst recorded the money, its line is linked to that receipt
// instead of booking the same money a second time.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "bank.hpp"
#include "payments.hpp"

namespace arctl::payments {

// Config payments.bank_match_days: how many days a keyed receipt's date may
// lie before or after the bank's booking date. Default 3.
// Errors: kConflict naming the key when it is not a whole number 0-365.
int bank_match_days(Tx& tx);

// The keyed receipts of `customer` that `line` may confirm, in date order:
// receipts that are not bank lines (no bank_ref attribute), not linked to one
// (no bank_ref link), not void and not returned; same amount and currency;
// dated (value date if any) within `days` of the booking date; the same
// reference where both have one (same_reference) and the same cheque number
// where both have one (same_check_no).
// Cost: one range scan of the customer's documents over 2*days+1 days; no
// full scan.
std::vector<std::string> confirmable_receipts(Tx& tx, const std::string& customer,
                                              const BankCredit& line, int days);

// True when the keyed reference's words, compared without regard to case,
// appear one after another in the bank's text. Words are runs of letters and
// digits; spaces and punctuation only separate them, so "INV 2026-14" is in
// "Payment inv-2026-14 thanks" but "14" is not in "2014". A keyed reference
// without any word counts as none.
bool same_reference(std::string_view keyed, std::string_view bank_text);

// Cheque numbers compare exactly after leading zeros are dropped.
bool same_check_no(std::string_view a, std::string_view b);

// Links keyed receipt `id` to the bank line: the link bank_ref (journaled),
// the entry reference remembered so that a re-import is unchanged, and the
// event payment.confirmed.
void confirm_receipt(Tx& tx, Payments& p, const std::string& id, const BankCredit& line);

// The keyed receipt that bank entry `entry_ref` confirmed, if any.
// Cost: one get.
std::optional<std::string> confirmed_receipt(Tx& tx, Payments& p, const std::string& entry_ref);

}  // namespace arctl::payments
