// Past-due notices (dunning): levels configured as data, the highest level
// sent per invoice recorded in this plugin's table (journaled as notice.sent)
// so that no level is ever sent twice for the same invoice.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "arctl/context.hpp"
#include "arctl/services.hpp"

namespace arctl::statements {

inline constexpr std::string_view kNoticeSent = "notice.sent";
inline constexpr std::string_view kNoticeExcluded = "notice.excluded";
inline constexpr std::string_view kNoticeIncluded = "notice.included";
inline constexpr std::string_view kDefaultLevels =
    "1:1:reminder,2:15:reminder,3:30:final,4:60:pre-legal";

struct NoticeLevel {
  int level = 0;
  int days = 0;         // days past due at which it is sent
  std::string name;     // reminder, final, pre-legal...
  std::string minimum;  // least total past due for the notice to go out ("" = any)
};
// config statements.notice.levels: "LEVEL:DAYS:NAME[:MINIMUM],..."; Error(kUsage) when malformed.
std::vector<NoticeLevel> parse_levels(std::string_view text);

struct NoticeItem {
  std::string document, issued, due;
  std::int64_t open = 0, days_past_due = 0;
  int previous_level = 0;
};

struct Notice {
  std::string customer, name, email;
  NoticeLevel level;
  Currency currency;
  std::int64_t total = 0;
  std::vector<NoticeItem> items;
  std::string file;  // relative to the output directory
  std::string text;  // rendered
};

struct NoticeRun {
  std::vector<Notice> notices;
  std::uint64_t skipped_do_not_dun = 0, skipped_disputed = 0, skipped_minimum = 0;
};

// Finds what is due as of `as_of`, renders it, records the levels and emits
// one notice.sent per notice. The caller writes the files.
NoticeRun run_notices(Context& ctx, Tx& tx, const PluginHandle& h, Date as_of);
// Writes each notice's text under `dir`.
void write_notices(const NoticeRun& run, const std::filesystem::path& dir);
Json notice_rows(const NoticeRun& run);

// What has been sent: one row per invoice with its highest level.
Json notice_list(Tx& tx, const PluginHandle& h, const std::optional<std::string>& customer);

// Marks an invoice do-not-dun (or clears the mark); journaled.
void set_excluded(Tx& tx, const PluginHandle& h, const std::string& invoice, bool excluded,
                  const std::string& reason);

}  // namespace arctl::statements
