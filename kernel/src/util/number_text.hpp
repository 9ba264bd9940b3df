// The written form that amounts and decimal numbers share ("-1,234.50"): one
// strict reader for both, so they accept and refuse the same text with the
// same words.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace arctl::number_text {

inline bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

// Error messages quote the input; a pasted paragraph should not flood the terminal.
inline std::string quoted(std::string_view text) {
  constexpr std::size_t kMaxQuoted = 64;
  if (text.size() <= kMaxQuoted) return "'" + std::string(text) + "'";
  return "'" + std::string(text.substr(0, kMaxQuoted)) + "...'";
}

// Integer digits with an optional thousands separator: "1,234,567" has a first
// group of one to three digits and then groups of exactly three.
inline bool valid_grouping(std::string_view digits) {
  const auto first = digits.find(',');
  if (first == std::string_view::npos) return true;
  if (first == 0 || first > 3) return false;
  for (std::size_t i = first; i < digits.size(); i += 4) {
    if (digits[i] != ',' || digits.size() - i < 4) return false;
    for (std::size_t k = i + 1; k <= i + 3; ++k) {
      if (!is_digit(digits[k])) return false;
    }
  }
  return true;
}

struct Parts {
  bool negative = false;
  std::string_view whole;  // digits, with ',' between groups when allowed
  std::string_view frac;   // digits after '.', empty when there is no '.'
};

// Splits "-12.5" (or "1,234.5" when `commas`) into its parts. `reject(why)`
// must throw; it is called with the first problem found, in reading order.
template <class Reject>
Parts split(std::string_view text, bool commas, Reject&& reject) {
  if (text.empty()) reject("empty");
  Parts p;
  std::size_t pos = 0;
  p.negative = text[0] == '-';
  if (p.negative) pos = 1;
  if (pos == text.size()) reject("no digits");
  if (!is_digit(text[pos])) {
    if (text[pos] == '.') reject("digits required before '.'");
    reject(std::string("unexpected character '") + text[pos] + "'");
  }
  const std::size_t whole_start = pos;
  while (pos < text.size() && (is_digit(text[pos]) || (commas && text[pos] == ',')))
    ++pos;
  p.whole = text.substr(whole_start, pos - whole_start);
  if (!valid_grouping(p.whole)) reject("thousands separators must split groups of three digits");
  if (pos < text.size() && text[pos] == '.') {
    const std::size_t frac_start = ++pos;
    while (pos < text.size() && is_digit(text[pos]))
      ++pos;
    p.frac = text.substr(frac_start, pos - frac_start);
    if (p.frac.empty()) reject("digits required after '.'");
  }
  if (pos < text.size()) reject(std::string("unexpected character '") + text[pos] + "'");
  return p;
}

}  // namespace arctl::number_text
