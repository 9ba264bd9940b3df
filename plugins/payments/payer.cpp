// Suspense receipts: the payer from the reference.
#include "payer.hpp"

#include <algorithm>

#include "review.hpp"

namespace arctl::payments {
namespace {

std::string joined(const std::vector<std::string>& ids) {
  std::string out;
  for (const auto& id : ids)
    out += (out.empty() ? "" : ", ") + id;
  return out;
}

// Words of a reference text that could be ids exactly as issued.
std::vector<std::string> exact_words(std::string_view text) {
  const auto id_char = [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '_' || c == '/' || c == '.' || c == '#';
  };
  std::vector<std::string> out;
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && !id_char(text[i]))
      ++i;
    std::size_t j = i;
    while (j < text.size() && id_char(text[j]))
      ++j;
    auto t = text.substr(i, j - i);
    while (!t.empty() && (t.back() == '.' || t.back() == '/'))
      t.remove_suffix(1);
    if (!t.empty() && t.front() == '#') t.remove_prefix(1);
    if (!t.empty()) out.emplace_back(t);
    i = j;
  }
  return out;
}

void add_once(std::vector<std::string>& v, const std::string& s) {
  if (std::find(v.begin(), v.end(), s) == v.end()) v.push_back(s);
}

}  // namespace

void PayerFinder::expect(std::string_view reference) {
  for (auto& run : digit_runs(reference))
    wanted_.push_back(std::move(run));
}

void PayerFinder::build() {
  if (built_) return;
  built_ = true;
  std::sort(wanted_.begin(), wanted_.end());
  wanted_.erase(std::unique(wanted_.begin(), wanted_.end()), wanted_.end());
  tx_.open_items(
      [&](const OpenItem& it) {
        if (it.customer.empty() || !shares_digits(it.id, wanted_)) return true;
        index_.add(it.id, items_.size());
        items_.push_back({it.customer, it.id, it.open.currency()});
        return true;
      },
      std::nullopt, true, false);
}

PayerFound PayerFinder::find(const Document& receipt) {
  const auto cur = receipt.amount.currency();
  std::vector<std::string> customers, other_currency;
  PayerFound out;
  for (const auto& w : exact_words(receipt.ref)) {
    auto doc = tx_.find_document(w);
    if (!doc || !is_debit(doc->kind) || doc->customer.empty() || !doc->open.is_positive()) continue;
    if (doc->amount.currency() == cur)
      add_once(customers, doc->customer);
    else
      add_once(other_currency, doc->id);
  }
  if (customers.empty() && other_currency.empty()) {
    build();
    // Applications made earlier in the same run count: read the item again.
    const auto live = [&](std::size_t i) { return tx_.document(items_[i].id).open.is_positive(); };
    for (const auto& values : index_.named(receipt.ref, live)) {
      if (values.size() > 1) {
        out.reason = kAmbiguousReference;
        out.detail = "the reference reads as " + std::to_string(values.size()) + " open items";
        for (auto i : values)
          out.candidates.push_back({items_[i].customer + ":" + items_[i].id});
        return out;
      }
      const auto& item = items_[values[0]];
      if (item.currency == cur)
        add_once(customers, item.customer);
      else
        add_once(other_currency, item.id);
    }
  }
  if (customers.size() == 1) {
    out.customer = customers[0];
  } else if (customers.size() > 1) {
    out.reason = kAmbiguousReference;
    out.detail = "the reference names open items of " + std::to_string(customers.size()) +
                 " customers: " + joined(customers);
    for (const auto& c : customers)
      out.candidates.push_back({c});
  } else if (!other_currency.empty()) {
    out.reason = kCurrencyMismatch;
    out.detail =
        "the reference names " + joined(other_currency) + ", not in " + std::string(cur.code());
    out.candidates.push_back(other_currency);
  } else {
    out.reason = kNoCustomer;
    out.detail = receipt.ref.empty() ? "no reference to identify the payer by; assign it by hand"
                                     : "the reference names no open item; assign it by hand";
  }
  return out;
}

}  // namespace arctl::payments
