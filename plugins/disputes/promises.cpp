// Recording promises to pay and checking them against receipts.
#include "promises.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "arctl/error.hpp"
#include "arctl/numbering.hpp"
#include "cases.hpp"

namespace arctl::disputes {

Promise Promises::add(const std::string& customer, const std::string& amount, Date date,
                      const std::string& invoice, const std::string& note, Date today) {
  const auto c = tx_.customer(customer);
  Promise p;
  p.customer = c.id;
  p.amount = Money::parse(amount, c.currency);
  if (!p.amount.is_positive()) fail_conflict("a promise must be for a positive amount");
  if (date < today)
    fail_conflict("a promise to pay by " + format_date(date) + " is already in the past on " +
                  format_date(today));
  if (!invoice.empty()) {
    const auto d = tx_.document(invoice);
    if (d.customer != c.id)
      fail_conflict("'" + invoice + "' belongs to '" + d.customer + "', not '" + c.id + "'");
    if (!is_debit(d.kind)) fail_conflict("'" + invoice + "' is not an invoice");
    if (p.amount > d.open)
      fail_conflict("a promise of " + p.amount.str() + " is more than the " + d.open.str() +
                    " open on " + invoice);
    p.invoice = d.id;
  }
  p.id = next_number(tx_, tx_.config_or("promise.series", "PTP-{YYYY}-{SEQ:05}"), today);
  if (store_.find_promise(p.id)) fail_conflict("promise id '" + p.id + "' is already taken");
  p.date = date;
  p.made = today;
  p.made_by = tx_.ledger().session().actor;
  p.note = note;
  p.paid = Money::zero(c.currency);
  store_.put_promise(p);
  tx_.publish(events::PromiseAdded{{row(p)}});
  return p;
}

namespace {

// The last day cash may count towards `p`.
Date window_end(const Promise& p, Date as_of) {
  return std::min(p.status == "open" ? as_of : p.checked, p.date);
}

bool in_window(const Promise& p, Date day, Date as_of) {
  return day >= p.made && day <= window_end(p, as_of);
}

// Gives up to `cash` to the first promise among `order` whose window holds
// `day` and that still wants money, and so on down the list; returns what
// was given.
Money share(std::vector<Promise>& promises, const std::vector<std::size_t>& order, Date day,
            Money cash, Date as_of) {
  Money given = Money::zero(cash.currency());
  for (const auto i : order) {
    if (!cash.is_positive()) break;
    auto& p = promises[i];
    if (!(p.amount.currency() == cash.currency()) || !in_window(p, day, as_of)) continue;
    const Money take = std::min(cash, p.amount - p.paid);
    if (!take.is_positive()) continue;
    p.paid += take;
    cash -= take;
    given += take;
  }
  return given;
}

}  // namespace

void Promises::allocate(std::vector<Promise>& promises, Date as_of) {
  std::sort(promises.begin(), promises.end(), [](const Promise& a, const Promise& b) {
    return std::tie(a.made, a.id) < std::tie(b.made, b.id);
  });
  std::map<std::string, std::vector<std::size_t>> by_invoice;
  std::vector<std::size_t> on_account;
  std::optional<Date> first, last;
  for (std::size_t i = 0; i < promises.size(); ++i) {
    auto& p = promises[i];
    p.paid = Money::zero(p.amount.currency());
    if (!p.invoice.empty()) {
      by_invoice[p.invoice].push_back(i);
      continue;
    }
    on_account.push_back(i);
    first = std::min(first.value_or(p.made), p.made);
    last = std::max(last.value_or(p.made), window_end(p, as_of));
  }
  // The invoice's own promises first: cash (and the discount taken with it)
  // applied to it; a credit note or write-off is not the customer paying.
  std::map<std::string, Money> taken;  // per receipt, what invoice promises took
  for (const auto& [invoice, order] : by_invoice) {
    auto apps = tx_.applications_of(invoice);
    std::sort(apps.begin(), apps.end(),
              [](const Application& a, const Application& b) { return a.id < b.id; });
    std::stable_sort(apps.begin(), apps.end(),
                     [](const Application& a, const Application& b) { return a.date < b.date; });
    for (const auto& a : apps) {
      if (!a.active() || a.to != invoice) continue;
      const auto from = tx_.document(a.from);
      if (from.kind != DocKind::kReceipt && from.kind != DocKind::kDiscount) continue;
      const Money given = share(promises, order, a.date, a.amount, as_of);
      if (from.kind == DocKind::kReceipt && given.is_positive()) {
        auto [it, fresh] = taken.try_emplace(from.id, Money::zero(given.currency()));
        it->second += given;
      }
    }
  }
  if (on_account.empty() || !first || *last < *first) return;
  // Then the on-account promises, oldest first, from what is left of each
  // receipt that did not bounce, in the order the receipts came in.
  tx_.documents_of(promises[on_account.front()].customer, *first, *last, [&](const Document& d) {
    if (d.kind != DocKind::kReceipt || d.status == DocStatus::kVoid || d.links.count("returned_by"))
      return true;
    Money left = d.amount;
    if (auto it = taken.find(d.id); it != taken.end()) left -= it->second;
    if (left.is_positive()) share(promises, on_account, d.issued, left, as_of);
    return true;
  });
}

std::string Promises::on_broken(const Promise& p, Date as_of) {
  const auto mode = tx_.config_or("disputes.on_broken_promise", "escalate");
  if (mode == "none") return "";
  if (mode != "escalate" && mode != "open")
    fail(ErrorKind::kConflict, "config disputes.on_broken_promise must be escalate, open or none",
         {"", 0, "disputes.on_broken_promise"});
  Cases cases(tx_, handle_);
  std::optional<Case> existing;
  for (const auto& c : store_.unresolved(std::string_view(p.customer)))
    if (c.status == "open" && (p.invoice.empty() || c.invoice == p.invoice)) {
      existing = c;
      break;
    }
  if (existing && mode == "escalate") {
    if (!cases.ladder().next(existing->level)) {
      cases.note(existing->id, "promise " + p.id + " broken (already at the top of the ladder)",
                 as_of);
      return "noted " + existing->id;
    }
    cases.escalate(existing->id, "", "promise " + p.id + " broken", "", as_of);
    return "escalated " + existing->id;
  }
  if (existing) {
    cases.note(existing->id, "promise " + p.id + " broken", as_of);
    return "noted " + existing->id;
  }
  // A collection case: the unpaid part stays collectible (it is not disputed).
  Money unpaid = p.amount - p.paid;
  OpenInput in;
  in.kind = "collection";
  in.reason = "broken-promise";
  in.customer = p.customer;
  in.invoice = p.invoice;
  if (!p.invoice.empty()) unpaid = std::min(unpaid, tx_.document(p.invoice).open);
  if (!unpaid.is_positive()) return "";
  in.amount = unpaid.str();
  in.date = as_of;
  in.source = std::string(events::PromiseBroken::kName);
  in.source_ref = p.id;
  in.note = "promise " + p.id + " of " + p.amount.str() + " by " + format_date(p.date) +
            " broken; " + p.paid.str() + " paid";
  return "opened " + cases.open(in).id;
}

std::vector<Checked> Promises::check(Date as_of) {
  std::map<std::string, std::vector<Promise>> by_customer;
  std::set<std::string> with_open;
  store_.for_each_promise([&](const Promise& p) {
    by_customer[p.customer].push_back(p);
    if (p.status == "open") with_open.insert(p.customer);
    return true;
  });
  std::vector<Promise> open;
  for (const auto& customer : with_open) {
    auto& promises = by_customer[customer];
    allocate(promises, as_of);
    for (auto& p : promises)
      if (p.status == "open") open.push_back(std::move(p));
  }
  // In id order, as the store keeps them.
  std::sort(open.begin(), open.end(),
            [](const Promise& a, const Promise& b) { return a.id < b.id; });
  std::vector<Checked> out;
  for (auto& p : open) {
    if (p.paid >= p.amount) {
      p.status = "kept";
    } else if (as_of > p.date) {
      p.status = "broken";
    } else {
      out.push_back({p, ""});
      continue;
    }
    p.checked = as_of;
    store_.put_promise(p);
    if (p.status == "kept")
      tx_.publish(
          events::PromiseKept{p.id, p.customer, p.invoice, p.amount, p.date, p.paid, as_of});
    else
      tx_.publish(
          events::PromiseBroken{p.id, p.customer, p.invoice, p.amount, p.date, p.paid, as_of});
    out.push_back({p, p.status == "broken" ? on_broken(p, as_of) : ""});
  }
  return out;
}

Json Promises::row(const Promise& p) {
  Json j;
  j["id"] = p.id;
  j["status"] = p.status;
  j["customer"] = p.customer;
  j["invoice"] = p.invoice;
  put_money(j, "amount", p.amount);
  j["date"] = format_date(p.date);
  j["made"] = format_date(p.made);
  j["made_by"] = p.made_by;
  j["paid"] = p.paid.str();
  j["checked"] = p.status == "open" ? "" : format_date(p.checked);
  j["note"] = p.note;
  return j;
}

}  // namespace arctl::disputes
