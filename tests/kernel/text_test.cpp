// text.hpp: control characters, whitespace folded to one line, UTF-8.
#include <doctest/doctest.h>

#include <string>

#include "arctl/text.hpp"

namespace arctl {
namespace {

using namespace std::string_literals;

TEST_CASE("control characters are found unless allowed") {
  CHECK(text::find_control("abc") == std::string_view::npos);
  CHECK(text::find_control("a\tb") == 1);
  CHECK_FALSE(text::has_control("a\tb", "\t"));
  CHECK(text::has_control("a\x7f"));
  CHECK(text::has_control("a\0b"s, "\t"));
}

TEST_CASE("runs of spaces and control characters fold to one space, none at the ends") {
  CHECK(text::fold_whitespace("  INV-1\n\t  paid \r\n") == "INV-1 paid");
  CHECK(text::fold_whitespace("\x01\x7f") == "");
  std::string out = "first";
  text::append_folded(out, "  second\nline ");
  CHECK(out == "first second line");
}

TEST_CASE("bad text is the first invalid UTF-8 sequence or disallowed control") {
  CHECK(text::find_bad_text("caf\xc3\xa9 ok", "") == std::string_view::npos);
  CHECK(text::find_bad_text("ab\xe9z", "") == 2);             // Latin-1
  CHECK(text::find_bad_text("ab\xc0\x80", "") == 2);          // overlong NUL
  CHECK(text::find_bad_text("ab\xed\xa0\x80", "") == 2);      // surrogate
  CHECK(text::find_bad_text("ab\xf4\x90\x80\x80", "") == 2);  // past U+10FFFF
  CHECK(text::find_bad_text("ab\xe2\x82", "") == 2);          // cut short
  CHECK(text::find_bad_text("a\nb", "\n") == std::string_view::npos);
  CHECK(text::find_bad_text("a\nb", "") == 1);
}

}  // namespace
}  // namespace arctl
