// Past-due notices (dunning): levels configured as data, one letter per
// customer (or per customer and level) planned and rendered from the open
// items, and the levels sent recorded per invoice so no level goes twice.
//
// A letter must never be recorded as sent without its file. The kernel has no
// after-commit hook, so `notice run` works in three steps: plan and render the
// letters in a read transaction; write them into a staging directory inside
// --out (notice_files.hpp); then, in the write transaction, plan again and
// record exactly what was staged (a different plan is a conflict, so a retry
// cannot record other letters than the staged ones). Only after the commit are
// the staged files renamed into place. A failure before the commit leaves no
// file and no record; the letters' text is also kept per run, so
// `notice reprint` can write them again if the final rename ever fails.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "arctl/context.hpp"
#include "arctl/events/statements.hpp"
#include "arctl/services.hpp"

namespace arctl::statements {

inline constexpr std::string_view kDefaultLevels =
    "1:1:reminder,2:15:reminder,3:30:final,4:60:pre-legal";
inline constexpr std::string_view kPerCustomerKey = "notices.per_customer";

struct NoticeLevel {
  int level = 0;
  int days = 0;         // days past due at which it is sent
  std::string name;     // reminder, final, pre-legal...
  std::string minimum;  // least total past due for the notice to go out ("" = any)
  std::string tmpl;     // its template; "" = notice-LEVEL.txt.mustache
};
// config statements.notice.levels: "LEVEL:DAYS:NAME[:MINIMUM],..."; Error(kUsage) when malformed.
std::vector<NoticeLevel> parse_levels(std::string_view text);
// config notices.per_customer (default true); Error(kUsage) unless true/false/yes/no/1/0.
bool per_customer(Tx& tx);
void validate_notice_config(std::string_view key, std::string_view value);

struct NoticeItem {
  std::string document, issued, due;
  std::int64_t open = 0, days_past_due = 0;
  int previous_level = 0;  // recorded before this letter
};

struct Notice {
  std::string customer, name, email;
  NoticeLevel level;
  Currency currency;
  std::int64_t total = 0;
  std::vector<NoticeItem> items;
  std::string file;  // relative to the output directory
  std::string text;  // rendered
  std::uint64_t run = 0;
  // A collection stage's own letter (level 0, named for the stage): the
  // stage change it is for, recorded per customer instead of item levels.
  std::uint64_t stage_change = 0;
  std::string agency;
  bool operator==(const Notice& o) const;  // same letter: customer, level, items, file, text
};

struct NoticeRun {
  std::uint64_t id = 0;  // 0 until recorded
  std::vector<Notice> notices;
  std::uint64_t skipped_do_not_dun = 0, skipped_disputed = 0, skipped_minimum = 0;
};

// Finds what is due as of `as_of` and renders the letters. Reads only.
// With the collections plugin loaded (arctl/collection_policy.hpp), a
// customer in pre-legal or later gets its stage's own letter once per stage
// change instead of routine notices, and a customer with a strategy set is
// dunned at its strategy's letter steps instead of the levels.
// Cost: one pass over the open items (as of the date) plus a point read per
// past-due item; renders one template per letter.
NoticeRun plan_notices(Context& ctx, Tx& tx, const PluginHandle& h, Date as_of);

// The level recorded for `invoice`, 0 if it was never noticed. Cost: one point read.
int recorded_level(Tx& tx, const PluginHandle& h, const std::string& invoice);
// The stage change whose letter `customer` was last sent, 0 if none. Cost: one point read.
std::uint64_t recorded_stage_letter(Tx& tx, const PluginHandle& h, const std::string& customer);

// Plans again in the write transaction `tx` and records that plan: a new run
// id, each listed invoice's level, the letters' text, one notice.sent per
// letter. Errors: kConflict if the plan differs from `staged` (the ledger
// changed since it was made); nothing is then recorded.
NoticeRun record_notices(Context& ctx, Tx& tx, const PluginHandle& h, Date as_of,
                         const NoticeRun& staged);
// Plans and records in one step, for the close (which writes its own files).
NoticeRun run_notices(Context& ctx, Tx& tx, const PluginHandle& h, Date as_of);

// Rows of `notice run` and `notice reprint`: customer, level, name, invoices,
// amount, currency, file, run.
Json notice_rows(const std::vector<Notice>& notices);

// What has been sent: one row per invoice with its highest level and the run
// of the last letter at that level.
Json notice_list(Tx& tx, const PluginHandle& h, const std::optional<std::string>& customer);

// The letter last sent for `invoice` at its recorded level, as it was written.
// Errors: kNotFound if the invoice was never noticed or was noticed before
// letters were kept.
Notice letter_of_invoice(Tx& tx, const PluginHandle& h, const std::string& invoice);
// Every letter of run `run`, in file order. Errors: kNotFound if there is none.
std::vector<Notice> letters_of_run(Tx& tx, const PluginHandle& h, std::uint64_t run);

// Marks an invoice do-not-dun (or clears the mark); journaled.
void set_excluded(Tx& tx, const PluginHandle& h, const std::string& invoice, bool excluded,
                  const std::string& reason);

}  // namespace arctl::statements
