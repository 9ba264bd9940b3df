// `report credits`: the open credit balances (unapplied cash, open credit
// notes and other credit documents) as of a date, each aged by its own date,
// and which of them to pay back.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "arctl/ledger.hpp"
#include "report_parts.hpp"

namespace arctl::statements {

// Days a credit must be older than to be a refund candidate.
inline constexpr std::string_view kRefundAfterKey = "report.credits.refund_after_days";
inline constexpr int kRefundAfterDefault = 60;

// config.set: a whole number of days from 0 to 3650, else Error(kConflict).
void validate_credits_config(std::string_view key, std::string_view value);

struct CreditsOptions {
  Date as_of{};
  Buckets buckets;
  std::optional<std::string> customer;
  int min_age = 0;  // only credits at least this many days old
};

// One row per open credit, by customer then date: customer, name, document,
// kind, issued, age_days, bucket, open, refundable, refund_candidate, reason.
// A credit is a refund candidate when its customer's open debits as of the
// date (for a group account's parent, with what its descendants' debits
// leave after their own credits) cannot absorb it (the oldest credits take
// them first) and it is older than report.credits.refund_after_days;
// `refundable` is the part the debits cannot absorb. Rows by customer id.
// Cost: one pass over the open items as of the date (with --customer, over
// its group's) and one scan of the customers.
Json report_credits(Tx& tx, const PluginHandle& h, const CreditsOptions& o);

}  // namespace arctl::statements
