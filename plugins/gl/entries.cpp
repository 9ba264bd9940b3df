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
#include "arctl/events/kernel.hpp"
#include "arctl/invoicing_service.hpp"

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

std::string attr(const Document& d, const char* key) {
  auto it = d.attrs.find(key);
  return it == d.attrs.end() ? std::string() : it->second;
}

bool has_lines(DocKind k) {
  return k == DocKind::kInvoice || k == DocKind::kCreditNote || k == DocKind::kDebitNote;
}

}  // namespace

bool is_gl_event(std::string_view type) {
  return type == events::DocumentPosted::kName || type == events::DocumentVoided::kName ||
         type == events::DocumentAssigned::kName || type == events::ApplicationMade::kName ||
         type == events::ApplicationReversed::kName;
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
  if (ev.type == events::DocumentPosted::kName)
    return events::DocumentPosted::from_json(p).document.issued;
  if (ev.type == events::DocumentAssigned::kName) {
    // Assignments journaled before they carried a date were booked on the
    // receipt's own date.
    const auto a = events::DocumentAssigned::from_json(p);
    return a.date ? *a.date : tx_.document(a.id).issued;
  }
  if (ev.type == events::DocumentVoided::kName) return events::DocumentVoided::from_json(p).date;
  return events::ApplicationMade::from_json(p).application.date;
}

Lines EntryBuilder::lines_of(const Document& d) {
  if (!invoicing_ || !has_lines(d.kind)) return {};
  return invoicing_->lines(tx_, d);
}

bool EntryBuilder::split_like(Entry& e, const std::string& source, const std::string& what,
                              std::int64_t amount, std::int64_t sign) {
  if (source.empty()) return false;
  auto src = tx_.find_document(source);
  if (!src) return false;
  const auto lines = lines_of(*src);
  if (lines.empty()) return false;
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
  for (const auto& l : lines) {
    ++n;
    const auto line_what = what + " (as " + source + " line " + std::to_string(n) + ")";
    const auto& account = l.account.empty() ? map_.customer_revenue(src->customer, line_what)
                                            : map_.category(l.account, line_what);
    weigh(account, l.net.minor());
    tax = checked_add(tax, l.tax.minor());
  }
  if (tax > 0) weigh(map_.role("tax", what), tax);
  if (weights.empty()) return false;
  const auto shares = Money(amount, e.currency).allocate(weights);
  for (std::size_t i = 0; i < shares.size(); ++i)
    add(e, accounts[i], sign * shares[i].minor());
  return true;
}

void EntryBuilder::revenue_and_tax(Entry& e, const Document& doc, std::int64_t sign) {
  const auto amount = doc.amount.minor();
  const std::string what = std::string(label(e.kind)) + " '" + e.document + "'";
  const auto lines = lines_of(doc);
  if (!lines.empty()) {
    std::int64_t total = 0, tax = 0;
    std::size_t n = 0;
    for (const auto& l : lines) {
      ++n;
      const auto line_what = what + " line " + std::to_string(n);
      const auto net = l.net.minor();
      const auto& account = l.account.empty() ? map_.customer_revenue(e.customer, line_what)
                                              : map_.category(l.account, line_what);
      add(e, account, sign * net);
      const auto t = l.tax.minor();
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
  if (doc.kind == DocKind::kDebitNote && attr(doc, "fee") == "nsf") {
    add(e, map_.role("nsf_fee", what), sign * amount);
    return;
  }
  const auto source =
      doc.kind == DocKind::kCreditNote ? attr(doc, "credit_for") : attr(doc, "rebill_of");
  if (split_like(e, source, what, amount, sign)) return;
  add(e, map_.customer_revenue(e.customer, what), sign * amount);
}

Entry EntryBuilder::posting(const Document& doc, Date date, std::uint64_t seq) {
  Entry e;
  e.date = date;
  e.seq = seq;
  e.kind = to_string(doc.kind);
  e.document = doc.id;
  e.customer = doc.customer;
  e.currency = doc.amount.currency();
  e.description = std::string(label(e.kind)) + " " + e.document + ", " + customer_name(e.customer);
  const auto a = doc.amount.minor();
  const std::string what = std::string(label(e.kind)) + " '" + e.document + "'";
  const auto& receivable = [&]() -> const std::string& { return map_.role("receivable", what); };
  switch (doc.kind) {
    case DocKind::kInvoice:
    case DocKind::kDebitNote:
      add(e, receivable(), a);
      revenue_and_tax(e, doc, -1);
      break;
    case DocKind::kCreditNote:
      revenue_and_tax(e, doc, 1);
      add(e, receivable(), -a);
      break;
    case DocKind::kReceipt:
      add(e, map_.cash(attr(doc, "method"), what), a);
      add(e, map_.role(e.customer.empty() ? kSuspense : kUnapplied, what), -a);
      break;
    case DocKind::kRefund:
      add(e, receivable(), a);
      add(e, map_.cash(attr(doc, "method"), what), -a);
      break;
    case DocKind::kPaymentReturn: {
      std::string method;
      if (auto r = tx_.find_document(attr(doc, "returned"))) method = attr(*r, "method");
      add(e, receivable(), a);
      add(e, map_.cash(method, what), -a);
      break;
    }
    case DocKind::kWriteOff:
    case DocKind::kDiscount:
      add(e, map_.role(e.kind, what), a);
      add(e, receivable(), -a);
      break;
    default:
      fail(ErrorKind::kConflict, what + " is of a kind the GL export does not know");
  }
  return e;
}

std::optional<Entry> EntryBuilder::build(const JournalEntry& ev) {
  auto e = build_entry(ev);
  if (e) {
    const auto doc_date = events::fields::str(ev.payload, "document_date");
    if (!doc_date.empty()) {
      e->document_date = parse_date(doc_date);
      e->description += " (document date " + doc_date + ")";
    }
  }
  return e;
}

std::optional<Entry> EntryBuilder::build_entry(const JournalEntry& ev) {
  const auto& p = ev.payload;
  if (ev.type == events::DocumentPosted::kName) {
    auto e = posting(events::DocumentPosted::from_json(p).document, date_of(ev), ev.seq);
    check_balanced(e);
    return e;
  }
  if (ev.type == events::DocumentVoided::kName) {
    const auto d = tx_.document(events::DocumentVoided::from_json(p).id);
    auto e = posting(d, date_of(ev), ev.seq);
    for (auto& posting : e.postings)
      posting.minor = -posting.minor;
    e.description = "Void of " + e.description;
    e.kind = "void";
    check_balanced(e);
    return e;
  }
  if (ev.type == events::DocumentAssigned::kName) {
    const auto a = events::DocumentAssigned::from_json(p);
    Entry e;
    e.date = date_of(ev);
    e.seq = ev.seq;
    e.kind = "assignment";
    e.document = a.id;
    e.customer = a.customer;
    e.currency = a.amount.currency();
    e.description = "Receipt " + e.document + " assigned to " + customer_name(e.customer);
    const std::string what = "receipt '" + e.document + "'";
    add(e, map_.role(kSuspense, what), a.amount.minor());
    add(e, map_.role(kUnapplied, what), -a.amount.minor());
    return e;
  }
  const bool reversal = ev.type == events::ApplicationReversed::kName;
  if (ev.type == events::ApplicationMade::kName || reversal) {
    // Both events have the same fields.
    const auto made = events::ApplicationMade::from_json(p);
    const auto& from = made.application.from;
    const auto& to = made.application.to;
    if (tx_.document(from).kind != DocKind::kReceipt) return std::nullopt;
    Entry e;
    e.date = date_of(ev);
    e.seq = ev.seq;
    e.kind = reversal ? "reversal" : "application";
    e.document = from;
    e.customer = made.customer;
    e.currency = made.application.amount.currency();
    e.description = std::string(reversal ? "Reversal of cash " : "Cash ") + from +
                    (reversal ? " applied to " : " applied to ") + to + ", " +
                    customer_name(e.customer);
    // A parent's cash on a child's invoice (group accounts) names both.
    if (const auto debtor = tx_.document(to).customer; debtor != e.customer)
      e.description += " for " + customer_name(debtor);
    const auto a = made.application.amount.minor();
    const std::string what = "application of '" + from + "' to '" + to + "'";
    const std::int64_t s = reversal ? -1 : 1;
    add(e, map_.role(kUnapplied, what), s * a);
    add(e, map_.role(kReceivable, what), -s * a);
    return e;
  }
  return std::nullopt;
}

}  // namespace arctl::gl
