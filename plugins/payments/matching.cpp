// The matching engine behind `payment auto`.
#include "matching.hpp"

#include <algorithm>

#include "arctl/error.hpp"
#include "arctl/numbering.hpp"

namespace arctl::payments {
namespace {

struct OpenDebit {
  std::string id;
  Date issued{}, due{};
  Money open;
  // Early-payment terms, read from the document the first time rule 2 needs
  // them and kept for the customer's other receipts.
  bool terms_loaded = false;
  bool untouched = false;  // nothing applied yet: a discount may still apply
  // From the open-items index when it says (it does for every entry written
  // since it holds the date); otherwise read with the terms.
  bool discount_known = false;
  std::optional<Date> discount_date;
  Money discounted;  // amount less discount
  Money discount;
};

bool id_char(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '_' || c == '/' || c == '.' || c == '#';
}

// Words of a reference text that could be document ids, in order.
std::vector<std::string> tokens(std::string_view text) {
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

class Engine {
 public:
  Engine(Tx& tx, Payments& p, const AutoOptions& o) : tx_(tx), p_(p), o_(o) {
    oldest_first_ = tx.config_or("payments.oldest_first", "false") == "true";
    tolerance_text_ = tx.config_or("payments.write_off_tolerance", "0");
  }

  AutoResult run() {
    r_.released_postdated = p_.release_postdated(tx_, o_.today).size();
    // Receipts to work on, grouped by customer (suspense first, key "").
    std::vector<OpenItem> receipts;
    tx_.open_items(
        [&](const OpenItem& it) {
          if (it.kind == DocKind::kReceipt) receipts.push_back(it);
          return true;
        },
        o_.customer ? std::optional<std::string_view>(*o_.customer) : std::nullopt, false, true);
    if (o_.customer) {
      // Suspense receipts that name this customer's invoices belong to it too.
      tx_.open_items(
          [&](const OpenItem& it) {
            if (it.kind == DocKind::kReceipt) receipts.push_back(it);
            return true;
          },
          std::string_view(), false, true);
    }
    std::stable_sort(receipts.begin(), receipts.end(), [](const OpenItem& a, const OpenItem& b) {
      return std::tie(a.customer, a.issued, a.id) < std::tie(b.customer, b.issued, b.id);
    });
    for (const auto& it : receipts) {
      // What is left of the receipt after every rule (rules only consume
      // the receipt being matched, never another one).
      Money left = it.open;
      if (it.issued <= o_.today) {
        ++r_.receipts_seen;
        applied_ = Money::zero(it.open.currency());
        match(it);
        left -= applied_;
      }
      if (!left.is_positive()) continue;
      ++r_.unapplied_receipts;
      add(r_.unapplied, left);
    }
    return std::move(r_);
  }

 private:
  static void add(std::map<std::string, Money>& m, const Money& v) {
    auto [it, fresh] = m.try_emplace(std::string(v.currency().code()), v);
    if (!fresh) it->second += v;
  }

  std::vector<OpenDebit>& debits_of(const std::string& customer) {
    if (customer != loaded_) {
      loaded_ = customer;
      debits_.clear();
      tx_.open_items(
          [&](const OpenItem& it) {
            OpenDebit d;
            d.id = it.id;
            d.issued = it.issued;
            d.due = it.due;
            d.open = it.open;
            d.discount_known = it.discount_known;
            d.discount_date = it.discount_date;
            debits_.push_back(std::move(d));
            return true;
          },
          std::string_view(customer), true, false);
    }
    return debits_;
  }

  OpenDebit* find_debit(const std::string& customer, const std::string& id) {
    for (auto& d : debits_of(customer))
      if (d.id == id && d.open.is_positive()) return &d;
    return nullptr;
  }

  void applied(const std::string& rule, const Money& amount, bool first_for_receipt) {
    auto& t = r_.by_rule[rule];
    ++t.applications;
    if (first_for_receipt) ++t.receipts;
    add(t.amount, amount);
  }

  // `amount` by value: callers often pass `d.open`, which this decrements.
  void apply(const Document& receipt, OpenDebit& d, const Money amount, Date date,
             const std::string& rule, std::string& last_rule) {
    p_.apply(tx_, Payments::Known{receipt.id, receipt.customer, receipt.issued, d.id, d.issued},
             amount, date, rule);
    applied_ += amount;
    d.open -= amount;
    d.untouched = false;
    applied(rule, amount, last_rule != rule);
    last_rule = rule;
  }

  Money tolerance(const Currency& c) { return Money::parse(tolerance_text_, c); }

  void load_terms(OpenDebit& d) {
    if (d.terms_loaded) return;
    d.terms_loaded = true;
    const auto doc = tx_.document(d.id);
    d.untouched = doc.open == doc.amount;
    d.discount_date.reset();  // the document has the last word
    auto dd = doc.attrs.find("discount_date");
    auto da = doc.attrs.find("discount_amount");
    if (dd == doc.attrs.end() || da == doc.attrs.end()) return;
    d.discount_date = parse_date(dd->second);
    d.discount = Money::parse(da->second, doc.amount.currency());
    d.discounted = doc.amount - d.discount;
  }

  // Closes `d` with a document of `kind` for what is left open on it.
  void settle(OpenDebit& d, const std::string& customer, DocKind kind, const Money amount,
              Date date, const std::string& why) {
    Document doc;
    const auto series = kind == DocKind::kDiscount
                            ? tx_.config_or("discount.series", "DSC-{YYYY}-{SEQ:06}")
                            : tx_.config_or("write_off.series", "WO-{YYYY}-{SEQ:06}");
    doc.id = next_number(tx_, series, date);
    doc.kind = kind;
    doc.customer = customer;
    doc.issued = doc.due = std::max(date, d.issued);
    doc.amount = amount;
    doc.memo = why;
    doc.attrs["for"] = d.id;
    tx_.post(doc);
    tx_.apply(doc.id, d.id, amount, doc.issued,
              kind == DocKind::kDiscount ? "discount-booked" : "write-off");
    d.open -= amount;
    if (kind == DocKind::kWriteOff) ++r_.write_offs;
  }

  void match(const OpenItem& item) {
    auto receipt = tx_.document(item.id);
    Money remaining = receipt.open;
    const Date date = receipt.issued;
    std::string last_rule;
    std::vector<OpenDebit*> referenced;

    // Rule 1: references.
    const auto words = tokens(receipt.ref);
    if (receipt.customer.empty()) {
      for (const auto& w : words) {
        auto doc = tx_.find_document(w);
        if (!doc || !is_debit(doc->kind) || doc->customer.empty() || !doc->open.is_positive() ||
            !(doc->amount.currency() == receipt.amount.currency()))
          continue;
        tx_.assign_customer(receipt.id, doc->customer);
        receipt = tx_.document(item.id);
        break;
      }
      if (receipt.customer.empty()) return;  // stays in suspense
    }
    const auto& customer = receipt.customer;
    for (const auto& w : words) {
      if (!remaining.is_positive()) break;
      auto* d = find_debit(customer, w);
      if (!d || std::find(referenced.begin(), referenced.end(), d) != referenced.end()) continue;
      const auto take = std::min(remaining, d->open);
      apply(receipt, *d, take, date, "reference", last_rule);
      remaining -= take;
      referenced.push_back(d);
    }
    if (!referenced.empty() && !remaining.is_positive()) {
      for (auto* d : referenced) {
        if (!d->open.is_positive()) continue;
        if (d->open <= tolerance(d->open.currency())) {
          settle(*d, customer, DocKind::kWriteOff, d->open, date,
                 "short payment within tolerance on " + receipt.id);
        } else {
          ++r_.shorts;
          tx_.emit(kPaymentShort, Json{{"receipt", receipt.id},
                                       {"invoice", d->id},
                                       {"customer", customer},
                                       {"short", d->open.str()},
                                       {"currency", std::string(d->open.currency().code())},
                                       {"date", format_date(date)}});
        }
      }
      return;
    }
    if (!remaining.is_positive()) return;

    auto& debits = debits_of(customer);
    // Rule 2: one item, exactly, after a discount, or within tolerance.
    for (auto& d : debits) {
      if (d.open == remaining) {
        apply(receipt, d, remaining, date, "exact", last_rule);
        return;
      }
    }
    for (auto& d : debits) {
      // A discount is positive and only on an untouched item, so the
      // discounted amount is below what is open: an item no larger than the
      // receipt cannot match, and its document need not be read.
      if (!d.open.is_positive() || d.open <= remaining) continue;
      if (d.discount_known && (!d.discount_date || date > *d.discount_date)) continue;
      load_terms(d);
      if (!d.discount_date || !d.untouched || date > *d.discount_date) continue;
      if (d.discounted == remaining) {
        apply(receipt, d, remaining, date, "discount", last_rule);
        settle(d, customer, DocKind::kDiscount, d.discount, date, "early-payment discount");
        return;
      }
    }
    const auto tol = tolerance(remaining.currency());
    if (tol.is_positive()) {
      for (auto& d : debits) {
        if (d.open > remaining && d.open - remaining <= tol) {
          apply(receipt, d, remaining, date, "exact", last_rule);
          settle(d, customer, DocKind::kWriteOff, d.open, date,
                 "short payment within tolerance on " + receipt.id);
          return;
        }
      }
    }
    // Rule 3: a combination of 2..4 of the oldest 40.
    if (auto combo = combination(debits, remaining)) {
      for (auto* d : *combo)
        apply(receipt, *d, d->open, date, "combination", last_rule);
      return;
    }
    // Rule 4: oldest first.
    if (oldest_first_) {
      for (auto& d : debits) {
        if (!remaining.is_positive()) break;
        if (!d.open.is_positive()) continue;
        const auto take = std::min(remaining, d.open);
        apply(receipt, d, take, date, "oldest", last_rule);
        remaining -= take;
      }
    }
  }

  std::optional<std::vector<OpenDebit*>> combination(std::vector<OpenDebit>& debits,
                                                     const Money& target) {
    auto& window = window_;
    window.clear();
    for (auto& d : debits)
      if (d.open.is_positive() && d.open < target && window.size() < kCombinationWindow)
        window.push_back(&d);
    const auto n = window.size();
    if (n < 2) return std::nullopt;
    const auto t = target.minor();
    const auto amount = [&](std::size_t i) { return window[i]->open.minor(); };
    // Smallest set first; within a size, the first found scanning oldest
    // first. Sorted (amount, index) vectors instead of hash maps: no
    // allocation per receipt, and equal amounts are each found.
    auto& single = single_;
    single.clear();
    for (std::size_t i = 0; i < n; ++i)
      single.emplace_back(amount(i), i);
    std::sort(single.begin(), single.end());
    // The oldest item after `after` with this amount, or n.
    const auto find_after = [&](std::int64_t v, std::size_t after) -> std::size_t {
      auto it = std::lower_bound(single.begin(), single.end(), std::pair{v, after + 1});
      return it != single.end() && it->first == v ? it->second : n;
    };
    for (std::size_t i = 0; i < n; ++i)
      if (const auto j = find_after(t - amount(i), i); j < n)
        return std::vector{window[i], window[j]};
    for (std::size_t i = 0; i < n; ++i)
      for (std::size_t j = i + 1; j < n; ++j)
        if (const auto k = find_after(t - amount(i) - amount(j), j); k < n)
          return std::vector{window[i], window[j], window[k]};
    auto& pairs = pairs_;
    pairs.clear();
    for (std::size_t k = 0; k < n; ++k)
      for (std::size_t l = k + 1; l < n; ++l)
        pairs.push_back({amount(k) + amount(l), k, l});
    std::sort(pairs.begin(), pairs.end());
    for (std::size_t i = 0; i < n; ++i)
      for (std::size_t j = i + 1; j < n; ++j) {
        const auto want = t - amount(i) - amount(j);
        auto it = std::lower_bound(pairs.begin(), pairs.end(), PairSum{want, j + 1, 0});
        if (it != pairs.end() && it->sum == want)
          return std::vector{window[i], window[j], window[it->k], window[it->l]};
      }
    return std::nullopt;
  }

  struct PairSum {
    std::int64_t sum;
    std::size_t k, l;
    auto operator<=>(const PairSum&) const = default;
  };
  // Scratch space of combination(), kept between receipts.
  std::vector<OpenDebit*> window_;
  std::vector<std::pair<std::int64_t, std::size_t>> single_;
  std::vector<PairSum> pairs_;

  Tx& tx_;
  Payments& p_;
  const AutoOptions& o_;
  bool oldest_first_ = false;
  std::string tolerance_text_;
  std::string loaded_ = "\x01";
  std::vector<OpenDebit> debits_;
  Money applied_;  // of the receipt being matched
  AutoResult r_;
};

Json money_map(const std::map<std::string, Money>& m) {
  Json j = Json::object();
  for (const auto& [cur, v] : m)
    j[cur] = v.str();
  return j;
}

}  // namespace

Json AutoResult::to_json() const {
  Json j;
  j["receipts"] = receipts_seen;
  j["released_postdated"] = released_postdated;
  Json rules = Json::array();
  for (const char* rule : {"reference", "exact", "discount", "combination", "oldest"}) {
    auto it = by_rule.find(rule);
    Json row;
    row["rule"] = rule;
    row["receipts"] = it == by_rule.end() ? 0 : it->second.receipts;
    row["applications"] = it == by_rule.end() ? 0 : it->second.applications;
    row["amount"] = it == by_rule.end() ? Json::object() : money_map(it->second.amount);
    rules.push_back(std::move(row));
  }
  j["rules"] = rules;
  j["write_offs"] = write_offs;
  j["short_payments"] = shorts;
  j["unapplied_receipts"] = unapplied_receipts;
  j["unapplied"] = money_map(unapplied);
  return j;
}

AutoResult run_auto(Tx& tx, Payments& payments, const AutoOptions& options) {
  return Engine(tx, payments, options).run();
}

}  // namespace arctl::payments
