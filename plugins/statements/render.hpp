// Printable statements and notices: Mustache templates (text and HTML, found
// with Context::find_template so a ledger's templates/ overrides them) and PDF.
#pragma once

#include <string>
#include <string_view>

#include "arctl/context.hpp"
#include "statement.hpp"

namespace arctl::statements {

// statement.txt.mustache / statement.html.mustache. HTML escapes every field.
std::string statement_text(Context& ctx, const Statement& s, bool html);

// A PDF of the statement (libharu): the lines table breaks across pages with
// its header repeated; the last page carries the totals, aging and the slip.
std::string statement_pdf(const Statement& s);

// A plain-text letter (a past-due notice) as a PDF: its lines in a fixed-width
// font, wrapped at 95 columns, on as many A4 pages as it takes, each with
// `title` and "Page n of m" in the footer.
std::string letter_pdf(const std::string& title, const std::string& text);

// Pads or cuts `s` to `width` display columns (UTF-8 aware), left or right aligned.
std::string pad(std::string_view s, std::size_t width, bool right = false);

}  // namespace arctl::statements
