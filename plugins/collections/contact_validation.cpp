// Checks of what a contact is given (see contacts.hpp): a typo in an e-mail
// address or a phone number is caught when it is typed, not when a letter
// bounces or a call fails.
#include <algorithm>
#include <cctype>
#include <string_view>

#include "arctl/error.hpp"
#include "contacts.hpp"

namespace arctl::collections {
namespace {

[[noreturn]] void bad(const char* option, const std::string& message) {
  fail(ErrorKind::kConflict, message, {"", 0, option});
}

bool alnum(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0;
}
bool alpha(char c) {
  return std::isalpha(static_cast<unsigned char>(c)) != 0;
}

// The ISO 639-1 two-letter language codes.
constexpr std::string_view kIso6391 =
    "aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv "
    "cy da de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr "
    "ht hu hy hz ia id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw "
    "ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn no nr nv "
    "ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr "
    "ss st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi "
    "yo za zh zu";

bool valid_local(std::string_view s) {
  if (s.empty() || s.size() > 64 || s.front() == '.' || s.back() == '.') return false;
  if (s.find("..") != std::string_view::npos) return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return alnum(c) || std::string_view("!#$%&'*+/=?^_`{|}~.-").find(c) != std::string_view::npos;
  });
}

bool valid_domain(std::string_view s) {
  if (s.empty() || s.size() > 253) return false;
  std::string_view last;
  int labels = 0;
  while (true) {
    const auto dot = s.find('.');
    const auto label = s.substr(0, dot);
    if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-')
      return false;
    if (!std::all_of(label.begin(), label.end(), [](char c) { return alnum(c) || c == '-'; }))
      return false;
    ++labels;
    last = label;
    if (dot == std::string_view::npos) break;
    s.remove_prefix(dot + 1);
  }
  return labels >= 2 && last.size() >= 2 && std::all_of(last.begin(), last.end(), alpha);
}

}  // namespace

std::string valid_email(const std::string& text, const char* option) {
  const auto at = text.find('@');
  if (at == std::string::npos || text.find('@', at + 1) != std::string::npos || text.size() > 254 ||
      !valid_local(std::string_view(text).substr(0, at)) ||
      !valid_domain(std::string_view(text).substr(at + 1)))
    bad(option, "'" + text + "' is not an e-mail address (local@domain.tld, no spaces)");
  return text;
}

std::string valid_phone(const std::string& text, const char* option) {
  int digits = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (std::isdigit(static_cast<unsigned char>(c))) {
      ++digits;
    } else if (c == '+' ? i != 0 : std::string_view(" .-()").find(c) == std::string_view::npos) {
      bad(option, "'" + text +
                      "' is not a phone number (digits, an optional leading +, spaces, dots, "
                      "dashes, parentheses)");
    }
  }
  if (digits < 7 || digits > 15)
    bad(option,
        "'" + text + "' has " + std::to_string(digits) + " digits; a phone number has 7 to 15");
  return text;
}

std::string valid_language(const std::string& text, const char* option) {
  std::string lang = text.substr(0, text.find('-'));
  std::string region = text.size() > lang.size() ? text.substr(lang.size() + 1) : "";
  std::transform(lang.begin(), lang.end(), lang.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  std::transform(region.begin(), region.end(), region.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  const bool region_ok =
      text.size() == lang.size() ||
      (region.size() == 2 && std::all_of(region.begin(), region.end(), alpha)) ||
      (region.size() == 3 && std::all_of(region.begin(), region.end(), [](char c) {
         return std::isdigit(static_cast<unsigned char>(c)) != 0;
       }));
  const bool lang_ok = lang.size() == 2 && std::all_of(lang.begin(), lang.end(), alpha) &&
                       kIso6391.find(lang) != std::string_view::npos;
  if (!lang_ok || !region_ok)
    bad(option, "'" + text + "' is not a language: an ISO 639-1 code such as es or en-US");
  return region.empty() ? lang : lang + "-" + region;
}

std::string valid_role(const std::string& text, const char* option) {
  for (const char* r : {"billing", "ap", "purchasing", "owner", "other"})
    if (text == r) return text;
  bad(option, "'" + text + "' is not a role: billing, ap, purchasing, owner or other");
}

std::string valid_preferred(const std::string& text, const char* option) {
  if (text == "call" || text == "email" || text == "letter") return text;
  bad(option, "'" + text + "' is not a channel: call, email or letter");
}

}  // namespace arctl::collections
