// The matching engine behind `payment auto`. Every decision about a receipt
// (its customer, its items, whether it is ambiguous) is taken
// before anything is written for it, so a receipt either is applied as a
// whole or goes to the review queue untouched.
#include "matching.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <span>

#include "arctl/error.hpp"
#include "arctl/numbering.hpp"
#include "arctl/terms.hpp"
#include "payer.hpp"
#include "review.hpp"
#include "shortfall.hpp"

namespace arctl::payments {
namespace {

struct OpenDebit {
  std::string id;
  std::string customer;  // the receipt's own, or a descendant's (group accounts)
  Date issued{}, due{};
  Money open;
  // Early-payment terms, read from the document the first time a rule needs
  // them and kept for the customer's other receipts.
  bool terms_loaded = false;
  // From the open-items index when it says (it does for every entry written
  // since it holds the date); otherwise read with the terms.
  bool discount_known = false;
  std::optional<Date> discount_date;
  Money amount;          // the document's amount
  Money whole_discount;  // the discount on the whole amount, as invoiced
  std::string terms;     // the document's terms text
};

std::vector<std::string> split_ids(const std::string& text) {
  std::vector<std::string> out;
  std::size_t i = 0;
  while (i <= text.size()) {
    const auto j = std::min(text.find(',', i), text.size());
    if (j > i) out.push_back(text.substr(i, j - i));
    i = j + 1;
  }
  return out;
}

class Engine {
 public:
  Engine(Tx& tx, Payments& p, const AutoOptions& o)
      : tx_(tx), p_(p), o_(o), queue_(tx, p.handle()), shortfall_(ShortfallPolicy::load(tx)) {
    oldest_first_ = tx.config_or("payments.oldest_first", "false") == "true";
    tolerance_text_ = tx.config_or("payments.write_off_tolerance", "0");
    grace_ = std::chrono::days(days_setting(tx, "payments.discount_grace_days", 0, 365));
  }

  AutoResult run() {
    r_.released_postdated = p_.release_postdated(tx_, o_.today).size();
    // The queue is small; reading it once spares a delete per applied receipt.
    for (const auto& q : queue_.all())
      queued_.insert(q.receipt);
    // Receipts to work on, grouped by customer (suspense first, key "").
    std::vector<OpenItem> receipts;
    const auto collect = [&](const OpenItem& it) {
      if (it.kind == DocKind::kReceipt) receipts.push_back(it);
      return true;
    };
    tx_.open_items(collect,
                   o_.customer ? std::optional<std::string_view>(*o_.customer) : std::nullopt,
                   false, true);
    // Suspense receipts that name this customer's invoices belong to it too.
    if (o_.customer) tx_.open_items(collect, std::string_view(), false, true);
    {
      // Every receipt's document is read below; on a server, in a few reads.
      std::vector<std::string> ids;
      ids.reserve(receipts.size());
      for (const auto& it : receipts)
        ids.push_back(it.id);
      tx_.prefetch_documents(ids);
    }
    for (const auto& it : receipts)
      if (it.customer.empty() && it.issued <= o_.today) payers_.expect(tx_.document(it.id).ref);
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
        review_.reset();
        match(it);
        left -= applied_;
        if (left.is_positive()) {
          if (!review_)
            review_ = ReviewItem{it.id,
                                 kNoMatch,
                                 applied_.is_positive()
                                     ? left.str() + " left on account after the matched items"
                                     : "no open item matches the reference or the amount",
                                 {},
                                 o_.today};
          review_->receipt = it.id;
          review_->examined = o_.today;
          queue_.put(*review_);
          ++r_.for_review[review_->reason];
        } else if (queued_.count(it.id)) {
          queue_.remove(it.id);
        }
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

  void review(const char* reason, std::string detail,
              std::vector<std::vector<std::string>> candidates = {}) {
    review_ = ReviewItem{{}, reason, std::move(detail), std::move(candidates), o_.today};
  }

  // The customer's open debits, then its descendants' (group accounts: a
  // parent's receipt may pay them, by reference only). Cost: one range scan
  // per customer of the group; the first call reads every customer once.
  std::span<OpenDebit> debits_of(const std::string& customer) {
    if (customer != loaded_) {
      loaded_ = customer;
      debits_.clear();
      load_debits(customer);
      own_ = debits_.size();
      if (!customer.empty()) {
        if (!children_) children_ = children_by_parent();
        std::vector<std::string> below{customer};
        for (std::size_t i = 0; i < below.size() && below.size() <= children_->size() + 1; ++i) {
          const auto [from, to] = children_->equal_range(below[i]);
          for (auto it = from; it != to; ++it) {
            below.push_back(it->second);
            load_debits(it->second);
          }
        }
      }
      // Applying a receipt reads the documents it pays: on a server, the
      // customer's open debits in a few reads rather than one each.
      std::vector<std::string> ids;
      ids.reserve(debits_.size());
      for (const auto& d : debits_)
        ids.push_back(d.id);
      tx_.prefetch_documents(ids);
    }
    return {debits_.data(), own_};
  }

  void load_debits(const std::string& customer) {
    tx_.open_items(
        [&](const OpenItem& it) {
          OpenDebit d;
          d.id = it.id;
          d.customer = customer;
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

  std::multimap<std::string, std::string> children_by_parent() {
    std::multimap<std::string, std::string> out;
    tx_.for_each_customer([&](const Customer& c) {
      if (const auto p = c.attrs.find("parent"); p != c.attrs.end()) out.emplace(p->second, c.id);
      return true;
    });
    return out;
  }

  // The open items that `text` names, for the loaded customer, in the order
  // named; or, when a name reads as more than one item, none (with the
  // review set).
  std::optional<std::vector<OpenDebit*>> named_items(const std::string& text) {
    std::vector<OpenDebit*> out;
    if (text.empty()) return out;
    // Only the items that share a number with the text can be named in it:
    // a customer's other items are never normalised.
    const auto runs = digit_runs(text);
    IdIndex ids;
    for (std::size_t i = 0; i < debits_.size(); ++i)
      if (debits_[i].open.is_positive() && shares_digits(debits_[i].id, runs))
        ids.add(debits_[i].id, i);
    const auto live = [](std::size_t) { return true; };
    for (const auto& values : ids.named(text, live)) {
      if (values.size() > 1) {
        std::vector<std::vector<std::string>> c;
        for (auto i : values)
          c.push_back({debits_[i].id});
        review(kAmbiguousReference,
               "the reference reads as " + std::to_string(values.size()) +
                   " open items of the customer",
               std::move(c));
        return std::nullopt;
      }
      auto* d = &debits_[values[0]];
      if (std::find(out.begin(), out.end(), d) == out.end()) out.push_back(d);
    }
    return out;
  }

  void applied(const std::string& rule, const Money& amount, bool first_for_receipt) {
    auto& t = r_.by_rule[rule];
    ++t.applications;
    if (first_for_receipt) ++t.receipts;
    add(t.amount, amount);
  }

  // `amount` by value: callers often pass `d.open`, which this decrements.
  // `reason` is what the application records (the rule, and why when the
  // rule had a choice to make).
  void apply(const Document& receipt, OpenDebit& d, const Money amount, const std::string& rule,
             std::string& last_rule, const std::string& reason = {}) {
    p_.apply(tx_, Payments::Known{receipt.id, receipt.customer, receipt.issued, d.id, d.issued},
             amount, post_, reason.empty() ? rule : reason);
    applied_ += amount;
    d.open -= amount;
    applied(rule, amount, last_rule != rule);
    last_rule = rule;
  }

  Money tolerance(const Currency& c) { return Money::parse(tolerance_text_, c); }

  void load_terms(OpenDebit& d) {
    if (d.terms_loaded) return;
    d.terms_loaded = true;
    const auto doc = tx_.document(d.id);
    d.amount = doc.amount;
    d.discount_date.reset();  // the document has the last word
    auto dd = doc.attrs.find("discount_date");
    auto da = doc.attrs.find("discount_amount");
    if (dd == doc.attrs.end() || da == doc.attrs.end()) return;
    d.discount_date = parse_date(dd->second);
    d.whole_discount = Money::parse(da->second, doc.amount.currency());
    if (auto t = doc.attrs.find("terms"); t != doc.attrs.end()) d.terms = t->second;
  }

  // Whether an early-payment discount is still open to a payment on `date`.
  bool discount_live(OpenDebit& d, Date date) {
    if (!d.open.is_positive()) return false;
    if (d.discount_known && (!d.discount_date || date > *d.discount_date + grace_)) return false;
    load_terms(d);
    return d.discount_date && date <= *d.discount_date + grace_;
  }

  // The discount on what is still open: the invoiced discount while nothing
  // has reduced the item, else the terms' rate on the open balance, rounded
  // half away from zero (a credit note reduces the base).
  Money discount_on(OpenDebit& d) {
    load_terms(d);
    if (d.open == d.amount) return d.whole_discount;
    if (!d.terms.empty()) return Terms::parse(d.terms).discount_amount(d.open);
    return d.whole_discount.mul_ratio(d.open.minor(), d.amount.minor());
  }

  // Closes `d` with a document of `kind` for `amount`, earned by `receipt`
  // (named in the document, so that cancelling the receipt cancels it).
  void settle(OpenDebit& d, const Document& receipt, DocKind kind, const Money amount, Date date,
              const std::string& why) {
    Document doc;
    const auto series = kind == DocKind::kDiscount
                            ? tx_.config_or("discount.series", "DSC-{YYYY}-{SEQ:06}")
                            : tx_.config_or("write_off.series", "WO-{YYYY}-{SEQ:06}");
    doc.id = next_number(tx_, series, date);
    doc.kind = kind;
    doc.customer = d.customer;
    doc.issued = doc.due = std::max(date, d.issued);
    doc.amount = amount;
    doc.memo = why;
    doc.attrs["for"] = d.id;
    doc.attrs["receipt"] = receipt.id;
    tx_.post(doc);
    tx_.apply(doc.id, d.id, amount, doc.issued,
              kind == DocKind::kDiscount ? "discount-booked" : "write-off");
    d.open -= amount;
    if (kind == DocKind::kWriteOff) ++r_.write_offs;
    if (kind == DocKind::kDiscount) ++r_.discounts;
  }

  void match(const OpenItem& item) {
    auto receipt = tx_.document(item.id);
    // Cash received in a locked period is applied in the open one; its own
    // date still decides discounts and aging.
    post_ = tx_.posting_date(receipt.issued);
    if (auto dup = receipt.attrs.find("possible_duplicate"); dup != receipt.attrs.end()) {
      std::vector<std::vector<std::string>> c;
      for (auto& id : split_ids(dup->second))
        c.push_back({id});
      review(kPossibleDuplicate,
             "the bank line may be the money already recorded as " + dup->second +
                 "; apply it by hand or reverse it",
             std::move(c));
      return;
    }
    if (receipt.customer.empty()) {
      auto found = payers_.find(receipt);
      if (!found.customer) {  // stays in suspense
        review(found.reason, std::move(found.detail), std::move(found.candidates));
        return;
      }
      tx_.assign_customer(receipt.id, *found.customer);
      receipt = tx_.document(item.id);
    }
    debits_of(receipt.customer);
    const auto named = named_items(receipt.ref);
    if (!named) return;
    Money remaining = receipt.open;
    std::string last_rule;
    if (!named->empty() && pay_named(receipt, *named, remaining, last_rule)) return;
    if (!remaining.is_positive()) return;
    match_amount(receipt, remaining, last_rule);
  }

  // Rule 1. Returns true when the receipt is settled by its references
  // (fully, net of discounts, or short); false when money is left for the
  // other rules after paying every named item in full.
  bool pay_named(const Document& receipt, const std::vector<OpenDebit*>& items, Money& remaining,
                 std::string& last_rule) {
    const auto cur = remaining.currency();
    Money gross = Money::zero(cur), net = Money::zero(cur);
    std::vector<Money> discounts;
    for (auto* d : items) {
      gross += d->open;
      const auto disc = discount_live(*d, receipt.issued) ? discount_on(*d) : Money::zero(cur);
      discounts.push_back(disc);
      net += d->open - disc;
    }
    if (remaining >= gross) {
      for (auto* d : items)
        apply(receipt, *d, d->open, "reference", last_rule);
      remaining -= gross;
      return false;
    }
    if (net < gross && remaining == net) {
      for (std::size_t i = 0; i < items.size(); ++i) {
        auto& d = *items[i];
        apply(receipt, d, d.open - discounts[i], "reference", last_rule);
        if (discounts[i].is_positive())
          settle(d, receipt, DocKind::kDiscount, discounts[i], post_,
                 "early-payment discount on " + receipt.id);
      }
      remaining = Money::zero(cur);
      return true;
    }
    std::vector<Money> before;
    for (auto* d : items) {
      before.push_back(d->open);
      const auto take = std::min(remaining, d->open);
      if (take.is_positive()) apply(receipt, *d, take, "reference", last_rule);
      remaining -= take;
    }
    for (std::size_t i = 0; i < items.size(); ++i)
      short_paid(receipt, *items[i], before[i]);
    return true;
  }

  // A named item that the receipt left open: written off, deducted or
  // partly paid (shortfall.hpp has the rules).
  void short_paid(const Document& receipt, OpenDebit& d, const Money& before) {
    // A named item the money did not reach was not paid short: it is unpaid.
    if (!d.open.is_positive() || d.open == before) return;
    if (d.open <= tolerance(d.open.currency())) {
      settle(d, receipt, DocKind::kWriteOff, d.open, post_,
             "short payment within tolerance on " + receipt.id);
      return;
    }
    const auto verdict = shortfall_.judge(receipt, d.open, before);
    if (verdict.deduction) {
      ++r_.shorts;
      tx_.publish(events::PaymentShort{receipt.id, d.id, d.customer, receipt.issued, verdict.why,
                                       d.open, verdict.reason});
    } else {
      ++r_.partials;
      tx_.publish(events::PaymentPartial{receipt.id, d.id, d.customer, receipt.issued, verdict.why,
                                         before - d.open, d.open});
    }
  }

  // Chooses among candidates: one applies; several are ambiguous unless
  // payments.oldest_first, when the oldest (first) wins.
  // Returns the chosen index, or none with the review set.
  std::optional<std::size_t> choose(const std::vector<std::vector<OpenDebit*>>& sets,
                                    const std::string& what, std::string& why) {
    if (sets.size() == 1) return 0;
    if (oldest_first_) {
      why = " (oldest of " + std::to_string(sets.size()) + " " + what + ")";
      return 0;
    }
    std::vector<std::vector<std::string>> c;
    for (const auto& s : sets) {
      auto& ids = c.emplace_back();
      for (const auto* d : s)
        ids.push_back(d->id);
    }
    review(kAmbiguousAmount,
           std::to_string(sets.size()) + " " + what +
               " match the amount; apply it by hand or set payments.oldest_first",
           std::move(c));
    return std::nullopt;
  }

  void match_amount(const Document& receipt, Money& remaining, std::string& last_rule) {
    auto debits = debits_of(receipt.customer);
    std::string why;
    // Rule 2: one item, exactly, after a discount, or within tolerance.
    std::vector<std::vector<OpenDebit*>> sets;
    for (auto& d : debits)
      if (d.open == remaining) sets.push_back({&d});
    if (!sets.empty()) {
      if (auto i = choose(sets, "open items of the same balance", why))
        apply(receipt, *sets[*i][0], remaining, "exact", last_rule, "exact" + why);
      return;
    }
    for (auto& d : debits) {
      // A discount is positive, so the discounted amount is below what is
      // open: an item no larger than the receipt cannot match, and its
      // document need not be read.
      if (d.open <= remaining || !discount_live(d, receipt.issued)) continue;
      if (d.open - discount_on(d) == remaining) sets.push_back({&d});
    }
    if (!sets.empty()) {
      if (auto i = choose(sets, "open items less their discount", why)) {
        auto& d = *sets[*i][0];
        const auto disc = discount_on(d);
        apply(receipt, d, remaining, "discount", last_rule, "discount" + why);
        settle(d, receipt, DocKind::kDiscount, disc, post_,
               "early-payment discount on " + receipt.id);
      }
      return;
    }
    const auto tol = tolerance(remaining.currency());
    if (tol.is_positive()) {
      for (auto& d : debits)
        if (d.open > remaining && d.open - remaining <= tol) sets.push_back({&d});
      if (!sets.empty()) {
        if (auto i = choose(sets, "open items within the write-off tolerance", why)) {
          auto& d = *sets[*i][0];
          apply(receipt, d, remaining, "exact", last_rule, "exact" + why);
          settle(d, receipt, DocKind::kWriteOff, d.open, post_,
                 "short payment within tolerance on " + receipt.id);
        }
        return;
      }
    }
    // Rule 3: a combination of 2..4 of the oldest 40.
    window_.clear();
    amounts_.clear();
    for (auto& d : debits)
      if (d.open.is_positive() && d.open < remaining && window_.size() < kCombinationWindow) {
        window_.push_back(&d);
        amounts_.push_back(d.open.minor());
      }
    for (const auto& set : search_.find(amounts_, remaining.minor(), 2)) {
      auto& s = sets.emplace_back();
      for (auto i : set)
        s.push_back(window_[i]);
    }
    if (!sets.empty()) {
      if (auto i = choose(sets, "sets of open items", why))
        for (auto* d : sets[*i])
          apply(receipt, *d, d->open, "combination", last_rule, "combination" + why);
      return;
    }
    // Rule 4: oldest first.
    if (oldest_first_) {
      for (auto& d : debits) {
        if (!remaining.is_positive()) break;
        if (!d.open.is_positive()) continue;
        const auto take = std::min(remaining, d.open);
        apply(receipt, d, take, "oldest", last_rule);
        remaining -= take;
      }
    }
  }

  Tx& tx_;
  Payments& p_;
  const AutoOptions& o_;
  ReviewQueue queue_;
  ShortfallPolicy shortfall_;
  bool oldest_first_ = false;
  std::string tolerance_text_;
  std::chrono::days grace_{0};
  Date post_{};  // the posting date of the receipt being matched
  std::string loaded_ = "\x01";
  std::vector<OpenDebit> debits_;  // the loaded customer's, then its descendants'
  std::size_t own_ = 0;            // how many of debits_ are the customer's own
  std::optional<std::multimap<std::string, std::string>> children_;
  PayerFinder payers_{tx_};
  CombinationSearch search_;
  std::vector<OpenDebit*> window_;
  std::vector<std::int64_t> amounts_;
  Money applied_;  // of the receipt being matched
  std::optional<ReviewItem> review_;
  std::set<std::string> queued_;  // receipts in the review queue when the run began
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
  j["discounts"] = discounts;
  j["write_offs"] = write_offs;
  j["short_payments"] = shorts;
  j["partial_payments"] = partials;
  j["unapplied_receipts"] = unapplied_receipts;
  j["unapplied"] = money_map(unapplied);
  Json review = Json::object();
  for (const char* reason : kReviewReasons) {
    auto it = for_review.find(reason);
    review[reason] = it == for_review.end() ? 0 : it->second;
  }
  j["review"] = review;
  return j;
}

AutoResult run_auto(Tx& tx, Payments& payments, const AutoOptions& options) {
  return Engine(tx, payments, options).run();
}

}  // namespace arctl::payments
