// The date a command acts on, from its --date option: the two rules every
// command that posts or changes a document follows.
#pragma once

#include <string>

#include "arctl/context.hpp"
#include "arctl/date.hpp"
#include "arctl/error.hpp"
#include "arctl/ledger.hpp"

namespace arctl {

// A new document's date: OPTION as given, else the business date.
inline Date date_or_today(Context& ctx, const std::string& text, const char* option = "--date") {
  return text.empty() ? ctx.today() : for_option(option, [&] { return parse_date(text); });
}

// An action on existing documents: --date as given (the kernel refuses one in
// a locked period), else the business date moved out of a locked period
// (Tx::posting_date).
inline Date date_or_posting(Context& ctx, Tx& tx, const std::string& text) {
  return text.empty() ? tx.posting_date(ctx.today()) : date_or_today(ctx, text);
}

}  // namespace arctl
