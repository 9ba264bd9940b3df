// Deduction or partial payment: the rule and the checks of its settings.
#include "shortfall.hpp"

#include <algorithm>
#include <cctype>

#include "arctl/error.hpp"

namespace arctl::payments {
namespace {

__extension__ typedef __int128 Wide;

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

std::vector<std::string> words_of(std::string_view text, bool comma_only) {
  std::vector<std::string> out;
  std::string w;
  for (char c : std::string(text) + ",") {
    const bool part = comma_only ? c != ',' : std::isalnum(static_cast<unsigned char>(c)) != 0;
    if (part) {
      if (!(comma_only && w.empty() && c == ' ')) w += c;
      continue;
    }
    while (!w.empty() && w.back() == ' ')
      w.pop_back();
    if (!w.empty()) out.push_back(lower(w));
    w.clear();
  }
  return out;
}

// A bad setting is an error on its key, saying what the value must be.
[[noreturn]] void refuse(const std::string& key, const std::string& why) {
  fail(ErrorKind::kConflict, why, {"", 0, key});
}

// `value` read by `parse` (Decimal::parse or Decimal::parse_percent); text it
// refuses is reported as `why`.
Decimal parse_setting(const std::string& key, const std::string& value,
                      Decimal (*parse)(std::string_view), const std::string& why) {
  try {
    return parse(value);
  } catch (const Error&) {
    refuse(key, why);
  }
}

std::int64_t percent_micros(const std::string& key, const std::string& value) {
  const auto why = "must be a percentage from 0 to 100, not '" + value + "'";
  const auto d = parse_setting(key, value, Decimal::parse_percent, why);
  if (d.micros < 0 || d.micros > Decimal::kScale) refuse(key, why);
  return d.micros;
}

void check_amount(const std::string& key, const std::string& value) {
  const auto d = parse_setting(key, value, Decimal::parse,
                               "must be an amount such as 250.00, not '" + value + "'");
  if (d.micros < 0) refuse(key, "must not be negative");
}

}  // namespace

ShortfallPolicy ShortfallPolicy::load(Tx& tx) {
  ShortfallPolicy p;
  if (auto v = tx.config("payments.deduction_max_pct"))
    p.max_pct_micros_ = percent_micros("payments.deduction_max_pct", *v);
  if (auto v = tx.config("payments.deduction_max_amount"); v && !v->empty()) {
    check_amount("payments.deduction_max_amount", *v);
    p.max_amount_ = *v;
  }
  p.keywords_ =
      words_of(tx.config_or("payments.deduction_keywords", kDefaultDeductionKeywords), true);
  return p;
}

ShortfallVerdict ShortfallPolicy::judge(const Document& receipt, const Money& open,
                                        const Money& before) const {
  ShortfallVerdict v;
  if (auto r = receipt.attrs.find("short_reason"); r != receipt.attrs.end() && !r->second.empty()) {
    v.deduction = true;
    v.reason = r->second;
    v.why = "the payer gave the reason '" + r->second + "'";
    return v;
  }
  for (const auto& w : words_of(receipt.ref, false))
    if (std::find(keywords_.begin(), keywords_.end(), w) != keywords_.end()) {
      v.deduction = true;
      v.reason = w;
      v.why = "the remittance says '" + w + "'";
      return v;
    }
  // open / before <= pct, in integers: open * 10^6 <= pct_micros * before.
  const auto lhs = static_cast<Wide>(open.minor()) * Decimal::kScale;
  const auto rhs = static_cast<Wide>(max_pct_micros_) * before.minor();
  const bool small_share = lhs <= rhs;
  const bool under_cap = !max_amount_ || open <= Money::parse(*max_amount_, open.currency());
  const auto pct = Decimal{max_pct_micros_ * 100}.str() + "%";
  if (small_share && under_cap) {
    v.deduction = true;
    v.reason = "small shortfall";
    v.why = "the shortfall " + open.str() + " is no more than " + pct + " of " + before.str() +
            (max_amount_ ? " and no more than " + *max_amount_ : std::string());
    return v;
  }
  v.why = "the shortfall " + open.str() + " is more than " +
          (small_share ? "payments.deduction_max_amount " + *max_amount_
                       : pct + " of " + before.str()) +
          " and no reason was given: a partial payment";
  return v;
}

void validate_payments_config(const std::string& key, const std::string& value) {
  if (key == "payments.deduction_max_pct") {
    percent_micros(key, value);
  } else if (key == "payments.deduction_max_amount") {
    if (!value.empty()) check_amount(key, value);
  } else if (key == "payments.oldest_first") {
    if (value != "true" && value != "false")
      fail(ErrorKind::kConflict, "must be true or false, not '" + value + "'", {"", 0, key});
  } else if (key == "payments.deduction_keywords") {
    if (words_of(value, true).empty())
      fail(ErrorKind::kConflict, "must list at least one word, separated by commas", {"", 0, key});
  }
}

}  // namespace arctl::payments
