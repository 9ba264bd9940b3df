// Payment terms as data: when an invoice falls due and whether an early
// payment earns a discount. Shared by invoicing (due dates), payments (the
// discount window) and statements (forecasts).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "arctl/api.hpp"
#include "arctl/date.hpp"
#include "arctl/money.hpp"

namespace arctl {

// Accepted forms (lower case, exactly as written):
//   netN            due N days after the invoice date (0..999), e.g. net30
//   eom             due at the end of the invoice's month
//   eom+N           due N days after the end of the invoice's month
//   due-on-receipt  due on the invoice date
//   P/D BASE        BASE as above, and P percent off (up to 2 decimals) if
//                   paid within D days of the invoice date: "2/10 net30"
// Rule for eom+N: end of month first, then N calendar days, so eom+30 on
// 2026-01-15 is 2026-01-31 + 30 = 2026-03-02.
class ARCTL_API Terms {
 public:
  // Throws Error(kConflict) quoting the text and listing the accepted forms.
  static Terms parse(std::string_view text);

  Date due_date(Date issued) const;
  bool has_discount() const noexcept { return discount_days_ >= 0; }
  // The last day a discount can be taken (issued + D); only with a discount.
  std::optional<Date> discount_date(Date issued) const;
  // The discount on `amount`, rounded half away from zero; zero without one.
  Money discount_amount(const Money& amount) const;
  const std::string& text() const noexcept { return text_; }

 private:
  enum class Base { kNet, kEndOfMonth };
  std::string text_;
  Base base_ = Base::kNet;
  int days_ = 0;            // net days, or days after the end of the month
  int discount_days_ = -1;  // -1: no discount
  Decimal discount_rate_;   // 0.02 for 2%
};

}  // namespace arctl
