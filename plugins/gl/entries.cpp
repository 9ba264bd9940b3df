// From journal events to balanced GL entries. The rules, for a document of
// amount A (debit positive):
//   invoice, debit note   Dr receivable A; Cr revenue per line (net), Cr tax
//   credit note           Dr revenue per line, Dr tax; Cr receivable A
//   receipt               Dr cash (by method) A; Cr unapplied A (suspense if unassigned)
//   refund                Dr receivable A; Cr cash A
//   payment return        Dr receivable A; Cr cash of the returned receipt A
//   write-off, discount   Dr write_off / discount A; Cr receivable A
//   application of a receipt to a debit document: Dr unapplied; Cr receivable
//   assignment of a suspense receipt: Dr suspense; Cr unapplied
//   reassignment of a receipt to another customer: nothing (unapplied cash
//     stays in the one unapplied account; its applications were reversed)
// A void books the exact opposite of the posting; a reversal the opposite of
// the application. Applications of credit notes, write-offs and discounts
// move nothing in the GL: both sides are already in the receivable account.
#include "entries.hpp"

#include <map>

#include "arctl/error.hpp"

namespace arctl::gl {
namespace {

const char* label(std::string_view kind) {
  static const std::map<std::string_view, const char*> kLabels = {
      {"invoice", "Invoice"},         {"debit_note", "Debit note"},
      {"credit_note", "Credit note"}, {"receipt", "Receipt"},
      {"refund", "Refund"},           {"payment_return", "Returned payment"},
      {"write_off", "Write-off"},     {"discount", "Discount"}};
  auto it = kLabels.find(kind);
  return it == kLabels.end() ? "Document" : it->second;
}

void add(Entry& e, const std::string& account, std::int64_t minor) {
  if (minor == 0) return;
  for (auto& p : e.postings)
    if (p.account == account) {
      p.minor = checked_add(p.minor, minor);
      return;
    }
  e.postings.push_back({account, minor});
}

std::string str_of(const Json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::string attr(const Json& doc, const char* key) {
  auto a = doc.find("attrs");
  return a == doc.end() || !a->is_object() ? std::string() : str_of(*a, key);
}

Currency currency_of(const Json& j) {
  return Currency::parse(str_of(j, "currency"));
}

Money amount_of(const Json& j, const char* key, const Currency& c) {
  return Money::parse(str_of(j, key), c);
}

}  // namespace

bool is_gl_event(std::string_view type) {
  return type == event::kDocumentPosted || type == event::kDocumentVoided ||
         type == event::kDocumentAssigned || type == event::kApplicationMade ||
         type == event::kApplicationReversed;
}

bool is_lines_event(std::string_view type) {
  return type == "invoice.posted" || type == "credit_note.posted" || type == "debit_note.posted";
}

bool may_have_lines(const JournalEntry& posted) {
  if (posted.type != event::kDocumentPosted) return false;
  const auto kind = str_of(posted.payload, "kind");
  return kind == "invoice" || kind == "credit_note" || kind == "debit_note";
}

void check_balanced(const Entry& e) {
  std::int64_t sum = 0;
  for (const auto& p : e.postings)
    sum = checked_add(sum, p.minor);
  if (sum != 0)
    fail(ErrorKind::kError, "the GL entry for journal event " + std::to_string(e.seq) + " (" +
                                e.document + ") does not balance: off by " +
                                Money(sum, e.currency).str());
}

std::string EntryBuilder::customer_name(const std::string& id) {
  if (id.empty()) return "(unassigned)";
  if (auto it = names_.find(id); it != names_.end()) return it->second;
  auto c = tx_.find_customer(id);
  return names_.emplace(id, c ? c->name : id).first->second;
}

Date EntryBuilder::date_of(const JournalEntry& ev) {
  const auto& p = ev.payload;
  if (ev.type == event::kDocumentPosted) return parse_date(str_of(p, "issued"));
  // Assignments journaled before they carried a date were booked on the
  // receipt's own date.
  if (ev.type == event::kDocumentAssigned && str_of(p, "date").empty())
    return tx_.document(str_of(p, "id")).issued;
  return parse_date(str_of(p, "date"));
}

std::optional<JournalEntry> EntryBuilder::lines_of(const Document& d) {
  const auto posted = tx_.journal_entry(d.posted_seq);
  if (!posted) return std::nullopt;
  std::optional<JournalEntry> found;
  int budget = 64;
  tx_.journal(d.posted_seq + 1, [&](const JournalEntry& j) {
    if (j.txn != posted->txn || --budget < 0) return false;
    if (is_lines_event(j.type) && str_of(j.payload, "id") == d.id) {
      found = j;
      return false;
    }
    return true;
  });
  return found;
}

bool EntryBuilder::split_like(Entry& e, const std::string& source, const std::string& what,
                              std::int64_t amount, std::int64_t sign) {
  if (source.empty()) return false;
  auto src = tx_.find_document(source);
  if (!src) return false;
  auto lines = lines_of(*src);
  if (!lines) return false;
  auto arr = lines->payload.find("lines");
  if (arr == lines->payload.end() || !arr->is_array() || arr->empty()) return false;
  // The source's revenue and tax mix, in proportion: the shares always sum to
  // `amount` exactly (largest remainder).
  std::vector<std::string> accounts;
  std::vector<std::int64_t> weights;
  auto weigh = [&](const std::string& account, std::int64_t w) {
    if (w <= 0) return;
    for (std::size_t i = 0; i < accounts.size(); ++i)
      if (accounts[i] == account) {
        weights[i] = checked_add(weights[i], w);
        return;
      }
    accounts.push_back(account);
    weights.push_back(w);
  };
  std::int64_t tax = 0;
  std::size_t n = 0;
  for (const auto& l : *arr) {
    ++n;
    const auto line_what = what + " (as " + source + " line " + std::to_string(n) + ")";
    const auto cat = str_of(l, "account");
    const auto& account = cat.empty() ? map_.customer_revenue(src->customer, line_what)
                                      : map_.category(cat, line_what);
    weigh(account, amount_of(l, "net", e.currency).minor());
    tax = checked_add(tax, amount_of(l, "tax", e.currency).minor());
  }
  if (tax > 0) weigh(map_.role("tax", what), tax);
  if (weights.empty()) return false;
  const auto shares = Money(amount, e.currency).allocate(weights);
  for (std::size_t i = 0; i < shares.size(); ++i)
    add(e, accounts[i], sign * shares[i].minor());
  return true;
}

void EntryBuilder::revenue_and_tax(Entry& e, const Json& doc, const Json* lines,
                                   std::int64_t sign) {
  const auto amount = amount_of(doc, "amount", e.currency).minor();
  const std::string what = std::string(label(e.kind)) + " '" + e.document + "'";
  const Json* arr = nullptr;
  if (lines)
    if (auto it = lines->find("lines"); it != lines->end() && it->is_array() && !it->empty())
      arr = &*it;
  if (arr) {
    std::int64_t total = 0, tax = 0;
    std::size_t n = 0;
    for (const auto& l : *arr) {
      ++n;
      const auto line_what = what + " line " + std::to_string(n);
      const auto net = amount_of(l, "net", e.currency).minor();
      const auto cat = str_of(l, "account");
      const auto& account = cat.empty() ? map_.customer_revenue(e.customer, line_what)
                                        : map_.category(cat, line_what);
      add(e, account, sign * net);
      const auto t = amount_of(l, "tax", e.currency).minor();
      tax = checked_add(tax, t);
      total = checked_add(total, checked_add(net, t));
    }
    if (tax != 0) add(e, map_.role("tax", what + " (tax)"), sign * tax);
    if (total != amount)
      fail(ErrorKind::kError, what + ": its lines add up to " + Money(total, e.currency).str() +
                                  ", not " + Money(amount, e.currency).str());
    return;
  }
  // No lines: a fee, or an amount credited or re-billed against an invoice.
  if (e.kind == "debit_note" && attr(doc, "fee") == "nsf") {
    add(e, map_.role("nsf_fee", what), sign * amount);
    return;
  }
  const auto source = e.kind == "credit_note" ? attr(doc, "credit_for") : attr(doc, "rebill_of");
  if (split_like(e, source, what, amount, sign)) return;
  add(e, map_.customer_revenue(e.customer, what), sign * amount);
}

Entry EntryBuilder::posting(const Json& doc, const Json* lines, Date date, std::uint64_t seq) {
  Entry e;
  e.date = date;
  e.seq = seq;
  e.kind = str_of(doc, "kind");
  e.document = str_of(doc, "id");
  e.customer = str_of(doc, "customer");
  e.currency = currency_of(doc);
  e.description = std::string(label(e.kind)) + " " + e.document + ", " + customer_name(e.customer);
  const auto a = amount_of(doc, "amount", e.currency).minor();
  const std::string what = std::string(label(e.kind)) + " '" + e.document + "'";
  const auto& receivable = [&]() -> const std::string& { return map_.role("receivable", what); };
  if (e.kind == "invoice" || e.kind == "debit_note") {
    add(e, receivable(), a);
    revenue_and_tax(e, doc, lines, -1);
  } else if (e.kind == "credit_note") {
    revenue_and_tax(e, doc, lines, 1);
    add(e, receivable(), -a);
  } else if (e.kind == "receipt") {
    add(e, map_.cash(attr(doc, "method"), what), a);
    add(e, map_.role(e.customer.empty() ? kSuspense : kUnapplied, what), -a);
  } else if (e.kind == "refund") {
    add(e, receivable(), a);
    add(e, map_.cash(attr(doc, "method"), what), -a);
  } else if (e.kind == "payment_return") {
    std::string method;
    if (auto r = tx_.find_document(attr(doc, "returned"))) {
      auto m = r->attrs.find("method");
      if (m != r->attrs.end()) method = m->second;
    }
    add(e, receivable(), a);
    add(e, map_.cash(method, what), -a);
  } else if (e.kind == "write_off" || e.kind == "discount") {
    add(e, map_.role(e.kind, what), a);
    add(e, receivable(), -a);
  } else {
    fail(ErrorKind::kConflict, what + " is of a kind the GL export does not know");
  }
  return e;
}

std::optional<Entry> EntryBuilder::build(const JournalEntry& ev, const JournalEntry* lines) {
  auto e = build_entry(ev, lines);
  if (e) {
    const auto doc_date = str_of(ev.payload, "document_date");
    if (!doc_date.empty()) {
      e->document_date = parse_date(doc_date);
      e->description += " (document date " + doc_date + ")";
    }
  }
  return e;
}

std::optional<Entry> EntryBuilder::build_entry(const JournalEntry& ev, const JournalEntry* lines) {
  const auto& p = ev.payload;
  if (ev.type == event::kDocumentPosted) {
    auto e = posting(p, lines ? &lines->payload : nullptr, date_of(ev), ev.seq);
    check_balanced(e);
    return e;
  }
  if (ev.type == event::kDocumentVoided) {
    const auto d = tx_.document(str_of(p, "id"));
    const auto l = lines_of(d);
    auto e = posting(to_json(d), l ? &l->payload : nullptr, date_of(ev), ev.seq);
    for (auto& posting : e.postings)
      posting.minor = -posting.minor;
    e.description = "Void of " + e.description;
    e.kind = "void";
    check_balanced(e);
    return e;
  }
  if (ev.type == event::kDocumentAssigned) {
    Entry e;
    e.date = date_of(ev);
    e.seq = ev.seq;
    e.kind = "assignment";
    e.document = str_of(p, "id");
    e.customer = str_of(p, "customer");
    e.currency = currency_of(p);
    e.description = "Receipt " + e.document + " assigned to " + customer_name(e.customer);
    const auto a = amount_of(p, "amount", e.currency).minor();
    const std::string what = "receipt '" + e.document + "'";
    add(e, map_.role(kSuspense, what), a);
    add(e, map_.role(kUnapplied, what), -a);
    return e;
  }
  if (ev.type == event::kApplicationMade || ev.type == event::kApplicationReversed) {
    const auto from = str_of(p, "from");
    const auto to = str_of(p, "to");
    if (tx_.document(from).kind != DocKind::kReceipt) return std::nullopt;
    const bool reversal = ev.type == event::kApplicationReversed;
    Entry e;
    e.date = date_of(ev);
    e.seq = ev.seq;
    e.kind = reversal ? "reversal" : "application";
    e.document = from;
    e.customer = str_of(p, "customer");
    e.currency = currency_of(p);
    e.description = std::string(reversal ? "Reversal of cash " : "Cash ") + from +
                    (reversal ? " applied to " : " applied to ") + to + ", " +
                    customer_name(e.customer);
    const auto a = amount_of(p, "amount", e.currency).minor();
    const std::string what = "application of '" + from + "' to '" + to + "'";
    const std::int64_t s = reversal ? -1 : 1;
    add(e, map_.role(kUnapplied, what), s * a);
    add(e, map_.role(kReceivable, what), -s * a);
    return e;
  }
  return std::nullopt;
}

}  // namespace arctl::gl
