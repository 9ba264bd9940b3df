// Linking bank lines to the receipts keyed by hand before the statement came.
#include "bank_confirm.hpp"

#include <cctype>
#include <charconv>
#include <chrono>

#include "arctl/error.hpp"

namespace arctl::payments {
namespace {

constexpr std::string_view kDaysKey = "payments.bank_match_days";
constexpr int kMaxDays = 365;

// Runs of ASCII letters and digits, lower-cased; bytes of multi-byte UTF-8
// characters belong to words too, compared as they are.
std::vector<std::string> words(std::string_view text) {
  std::vector<std::string> out;
  std::string word;
  for (char ch : std::string(text) + " ") {
    const auto c = static_cast<unsigned char>(ch);
    if (std::isalnum(c) || c >= 0x80) {
      word += static_cast<char>(std::tolower(c));
    } else if (!word.empty()) {
      out.push_back(std::move(word));
      word.clear();
    }
  }
  return out;
}

std::string_view without_leading_zeros(std::string_view s) {
  while (s.size() > 1 && s.front() == '0')
    s.remove_prefix(1);
  return s;
}

}  // namespace

int bank_match_days(Tx& tx) {
  return days_setting(tx, kDaysKey, 3, kMaxDays);
}

bool same_reference(std::string_view keyed, std::string_view bank_text) {
  const auto want = words(keyed);
  const auto have = words(bank_text);
  if (want.empty() || have.empty()) return true;  // one of them has no reference
  for (std::size_t i = 0; i + want.size() <= have.size(); ++i) {
    std::size_t k = 0;
    while (k < want.size() && have[i + k] == want[k])
      ++k;
    if (k == want.size()) return true;
  }
  return false;
}

bool same_check_no(std::string_view a, std::string_view b) {
  if (a.empty() || b.empty()) return true;  // one of them has no cheque number
  return without_leading_zeros(a) == without_leading_zeros(b);
}

std::vector<std::string> confirmable_receipts(Tx& tx, const std::string& customer,
                                              const BankCredit& line, int days) {
  std::vector<std::string> out;
  const auto span = std::chrono::days(days);
  tx.documents_of(customer, line.booked - span, line.booked + span, [&](const Document& d) {
    if (d.kind != DocKind::kReceipt || d.status == DocStatus::kVoid) return true;
    if (d.attrs.count("bank_ref") || d.links.count("bank_ref") || d.links.count("returned_by"))
      return true;
    if (!(d.amount.currency() == line.amount.currency()) || !(d.amount == line.amount)) return true;
    const auto check = d.attrs.find("check_no");
    if (!same_check_no(check == d.attrs.end() ? "" : check->second, line.check_no)) return true;
    if (!same_reference(d.ref, line.remittance)) return true;
    out.push_back(d.id);
    return true;
  });
  return out;
}

void confirm_receipt(Tx& tx, Payments& p, const std::string& id, const BankCredit& line) {
  const auto d = tx.document(id);
  tx.set_link(id, "bank_ref", line.entry_ref);
  p.bank_link_table(tx).put(line.entry_ref, id);
  tx.publish(events::PaymentConfirmed{id, d.customer, line.entry_ref, d.amount, line.booked});
}

std::optional<std::string> confirmed_receipt(Tx& tx, Payments& p, const std::string& entry_ref) {
  if (auto id = p.bank_link_table(tx).get(entry_ref)) return std::string(*id);
  return std::nullopt;
}

}  // namespace arctl::payments
