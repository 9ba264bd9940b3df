// Payment terms: a strict parser and the due/discount date rules.
#include "arctl/terms.hpp"

#include <charconv>

#include "arctl/error.hpp"

namespace arctl {
namespace {

constexpr const char* kForms =
    "netN, eom, eom+N, due-on-receipt, or 'P/D <one of those>' such as '2/10 net30'";

[[noreturn]] void bad(std::string_view text, std::string_view why) {
  fail(ErrorKind::kConflict, "invalid payment terms '" + std::string(text) +
                                 "': " + std::string(why) + " (use " + kForms + ")");
}

bool parse_days(std::string_view s, int& out) {
  if (s.empty() || s.size() > 3) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  std::from_chars(s.data(), s.data() + s.size(), out);
  return true;
}

}  // namespace

Terms Terms::parse(std::string_view text) {
  Terms t;
  t.text_ = std::string(text);
  std::string_view base = text;
  if (const auto space = text.find(' '); space != std::string_view::npos) {
    const auto discount = text.substr(0, space);
    base = text.substr(space + 1);
    const auto slash = discount.find('/');
    if (slash == std::string_view::npos) bad(text, "unknown form");
    try {
      t.discount_rate_ = Decimal::parse_percent(discount.substr(0, slash));
    } catch (const Error&) {
      bad(text, "the discount percentage is not a number");
    }
    if (t.discount_rate_.micros <= 0 || t.discount_rate_.micros >= Decimal::kScale)
      bad(text, "the discount must be between 0 and 100 percent");
    if (!parse_days(discount.substr(slash + 1), t.discount_days_))
      bad(text, "the discount days are not a whole number");
  }
  if (base == "due-on-receipt") {
    t.days_ = 0;
  } else if (base == "eom") {
    t.base_ = Base::kEndOfMonth;
  } else if (base.rfind("eom+", 0) == 0) {
    t.base_ = Base::kEndOfMonth;
    if (!parse_days(base.substr(4), t.days_)) bad(text, "eom+N needs a whole number of days");
  } else if (base.rfind("net", 0) == 0) {
    if (!parse_days(base.substr(3), t.days_)) bad(text, "netN needs a whole number of days");
  } else {
    bad(text, "unknown form");
  }
  if (t.has_discount() && t.discount_days_ > 0 && t.base_ == Base::kNet &&
      t.discount_days_ > t.days_)
    bad(text, "the discount period ends after the due date");
  return t;
}

Date Terms::due_date(Date issued) const {
  const Date base = base_ == Base::kEndOfMonth ? end_of_month(issued) : issued;
  return base + std::chrono::days(days_);
}

std::optional<Date> Terms::discount_date(Date issued) const {
  if (!has_discount()) return std::nullopt;
  return issued + std::chrono::days(discount_days_);
}

Money Terms::discount_amount(const Money& amount) const {
  if (!has_discount()) return Money::zero(amount.currency());
  return multiply(amount, discount_rate_);
}

}  // namespace arctl
