// Text rules shared by the readers and validators: what a control character
// is, whitespace folded to one line, and UTF-8 validation. Header-only.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace arctl::text {

// An ASCII control character: below 0x20, or DEL.
constexpr bool is_control(unsigned char c) noexcept {
  return c < 0x20 || c == 0x7f;
}

// The offset of the first control character of `s` that is not in `allowed`
// (e.g. "\t" for a free-text field), or npos. Cost: one pass over `s`.
inline std::size_t find_control(std::string_view s, std::string_view allowed = {}) noexcept {
  for (std::size_t i = 0; i < s.size(); ++i)
    if (is_control(static_cast<unsigned char>(s[i])) && allowed.find(s[i]) == allowed.npos)
      return i;
  return std::string_view::npos;
}

inline bool has_control(std::string_view s, std::string_view allowed = {}) noexcept {
  return find_control(s, allowed) != std::string_view::npos;
}

// Appends `s` as one line: runs of spaces and control characters become one
// space, none at either end of what `s` adds; a non-empty `out` gets a space
// before the first word. Bank files indent, wrap and quote free text; the
// ledger wants it on one line.
inline void append_folded(std::string& out, std::string_view s) {
  bool space = !out.empty();
  for (const unsigned char ch : s) {
    if (ch <= 0x20 || ch == 0x7f) {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += static_cast<char>(ch);
  }
}

inline std::string fold_whitespace(std::string_view s) {
  std::string out;
  append_folded(out, s);
  return out;
}

// Validates UTF-8 one byte at a time, rejecting overlong forms, surrogates,
// code points above U+10FFFF and sequences cut short (for streaming readers).
class Utf8Checker {
 public:
  // False when `b` cannot come next.
  bool feed(unsigned char b) noexcept {
    if (remaining_ > 0) {
      if (b < lo_ || b > hi_) return false;
      lo_ = 0x80;
      hi_ = 0xbf;
      --remaining_;
      return true;
    }
    if (b < 0x80) return true;
    lo_ = 0x80;
    hi_ = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) {
      remaining_ = 1;
    } else if (b >= 0xe0 && b <= 0xef) {
      remaining_ = 2;
      if (b == 0xe0) lo_ = 0xa0;
      if (b == 0xed) hi_ = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      remaining_ = 3;
      if (b == 0xf0) lo_ = 0x90;
      if (b == 0xf4) hi_ = 0x8f;
    } else {
      return false;
    }
    return true;
  }
  // True inside a multi-byte sequence: at the end of input, a truncated one.
  bool mid_sequence() const noexcept { return remaining_ > 0; }

 private:
  int remaining_ = 0;
  unsigned char lo_ = 0x80;
  unsigned char hi_ = 0xbf;
};

// The offset of the first byte of `s` that is not valid UTF-8 (the lead byte
// of a bad or truncated sequence) or is a control character not in
// `allowed_controls`, or npos. Cost: one pass over `s`.
inline std::size_t find_bad_text(std::string_view s, std::string_view allowed_controls) noexcept {
  Utf8Checker utf8;
  std::size_t lead = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (!utf8.mid_sequence()) {
      lead = i;
      if (is_control(c) && allowed_controls.find(s[i]) == allowed_controls.npos) return i;
    }
    if (!utf8.feed(c)) return lead;
  }
  return utf8.mid_sequence() ? lead : std::string_view::npos;
}

}  // namespace arctl::text
