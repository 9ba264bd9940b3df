// Receipts, suspense, post-dated cheques, manual application, returns, refunds.
#include "payments.hpp"

#include "shortfall.hpp"

#include <algorithm>
#include <charconv>
#include <limits>

#include "arctl/error.hpp"
#include "arctl/numbering.hpp"
#include "arctl/record.hpp"

namespace arctl::payments {
namespace {

constexpr const char* kMethods[] = {"wire", "ach", "check", "card", "cash", ""};

// Version 2 adds the reason and the possible duplicates; version 1 (held
// before they existed) decodes with both empty. A held cheque always has its
// value date.
using record::field;

const auto kInput = record::layout<ReceiptInput>(
    2, field("id", &ReceiptInput::id), field("customer", &ReceiptInput::customer),
    field("amount", &ReceiptInput::amount), field("currency", &ReceiptInput::currency),
    field("date", &ReceiptInput::date),
    record::field_as<record::Required<Date>>("value_date", &ReceiptInput::value_date),
    field("method", &ReceiptInput::method), field("ref", &ReceiptInput::ref),
    field("check_no", &ReceiptInput::check_no), field("payer", &ReceiptInput::payer),
    field("bank_ref", &ReceiptInput::bank_ref), field("reason", &ReceiptInput::reason, 2),
    field("possible_duplicate", &ReceiptInput::possible_duplicate, 2));

Bytes encode_input(const ReceiptInput& in) {
  return kInput.encode(in);
}

// `id`: the key the value was read at.
ReceiptInput decode_input(BytesView v, std::string_view id) {
  return kInput.decode(v, {"x.payments.postdated", id});
}

Currency currency_for(Tx& tx, const ReceiptInput& in) {
  if (!in.customer.empty()) {
    const auto c = tx.customer(in.customer);
    if (!in.currency.empty() && !(Currency::parse(in.currency) == c.currency))
      fail(ErrorKind::kConflict,
           "customer '" + c.id + "' pays in " + std::string(c.currency.code()) + ", not " +
               in.currency,
           {"", 0, "currency"});
    return c.currency;
  }
  return Currency::parse(in.currency.empty() ? tx.config_or("ledger.currency", "USD")
                                             : in.currency);
}

}  // namespace

Json receipt_row(const Document& d) {
  Json j;
  j["id"] = d.id;
  j["customer"] = d.customer;
  j["date"] = format_date(d.issued);
  j["amount"] = d.amount.str();
  put_money(j, "unapplied", d.open);
  auto attr = [&](const char* k) { return d.attrs.count(k) ? d.attrs.at(k) : std::string(); };
  j["method"] = attr("method");
  j["ref"] = d.ref;
  j["confirmed"] = d.attrs.count("bank_ref") > 0 || d.links.count("bank_ref") > 0;
  j["status"] = d.status == DocStatus::kVoid   ? "void"
                : d.links.count("returned_by") ? "returned"
                : d.customer.empty()           ? "suspense"
                : d.open.is_zero()             ? "applied"
                : d.open == d.amount           ? "unapplied"
                                               : "partly applied";
  return j;
}

std::string Payments::post_receipt(Tx& tx, const ReceiptInput& in, Outcome* outcome) {
  const auto cur = currency_for(tx, in);
  Document d;
  d.id = in.id;
  d.kind = DocKind::kReceipt;
  d.customer = in.customer;
  d.issued = d.due = in.value_date ? std::max(in.date, *in.value_date) : in.date;
  d.amount = Money::parse(in.amount, cur);
  d.ref = in.ref;
  if (!in.method.empty()) d.attrs["method"] = in.method;
  if (!in.check_no.empty()) d.attrs["check_no"] = in.check_no;
  if (!in.payer.empty()) d.attrs["payer"] = in.payer;
  if (!in.bank_ref.empty()) d.attrs["bank_ref"] = in.bank_ref;
  if (!in.reason.empty()) d.attrs["short_reason"] = in.reason;
  if (!in.possible_duplicate.empty()) d.attrs["possible_duplicate"] = in.possible_duplicate;
  if (in.value_date) d.attrs["value_date"] = format_date(*in.value_date);
  if (in.value_date && *in.value_date != in.date) d.attrs["received"] = format_date(in.date);
  auto posted = tx.post(d);
  if (outcome) *outcome = posted.outcome;
  return posted.document.id;
}

Recorded Payments::record(Tx& tx, ReceiptInput in, Date today) {
  bool method_ok = false;
  for (const char* m : kMethods)
    method_ok = method_ok || in.method == m;
  if (!method_ok)
    fail(ErrorKind::kUsage, "unknown method '" + in.method + "' (wire, ach, check, card, cash)");
  const auto cur = currency_for(tx, in);
  const auto amount = Money::parse(in.amount, cur);
  if (!amount.is_positive())
    fail(ErrorKind::kConflict, "a receipt must be positive", {"", 0, "amount"});
  if (in.id.empty())
    in.id = next_number(tx, tx.config_or("payment.series", "RCPT-{YYYY}-{SEQ:06}"), in.date);
  if (!in.allow_duplicate)
    if (auto other = find_duplicate(tx, in, amount))
      fail_conflict("receipt looks like a duplicate of " + *other +
                    " (same customer and amount, same cheque number or reference, within " +
                    std::to_string(duplicate_days(tx)) +
                    " days: config payments.duplicate_days); use --allow-duplicate");
  Recorded r;
  r.id = in.id;
  r.suspense = in.customer.empty();
  if (in.value_date && *in.value_date > today) {
    if (tx.find_document(in.id)) fail_conflict("'" + in.id + "' already exists");
    auto held = held_table(tx);
    if (auto existing = held.get(in.id)) {
      if (*existing == encode_input(in)) return {Outcome::kUnchanged, in.id, true, r.suspense};
      fail_conflict("post-dated cheque '" + in.id + "' already held with different content");
    }
    held.put(in.id, encode_input(in));
    r.held = true;
  } else {
    r.outcome = Outcome::kCreated;
    post_receipt(tx, in, &r.outcome);
    if (r.outcome == Outcome::kUnchanged) return r;
  }
  tx.publish(
      events::PaymentRecorded{in.id, in.customer, amount, in.date, in.value_date, r.held, in.ref});
  return r;
}

std::vector<std::pair<std::string, ReceiptInput>> Payments::held(Tx& tx) {
  std::vector<std::pair<std::string, ReceiptInput>> out;
  held_table(tx).scan({}, [&](BytesView k, BytesView v) {
    out.emplace_back(std::string(k), decode_input(v, k));
    return true;
  });
  return out;
}

std::vector<std::string> Payments::release_postdated(Tx& tx, Date today) {
  std::vector<std::string> released;
  for (auto& [id, in] : held(tx)) {
    if (*in.value_date > today) continue;
    held_table(tx).del(id);
    post_receipt(tx, in, nullptr);
    released.push_back(id);
  }
  return released;
}

void Payments::assign(Tx& tx, const std::string& id, const std::string& customer) {
  auto held = held_table(tx);
  if (auto v = held.get(id)) {
    auto in = decode_input(*v, id);
    if (!in.customer.empty())
      fail_conflict("'" + id + "' already belongs to '" + in.customer + "'");
    in.customer = tx.customer(customer).id;
    held.put(id, encode_input(in));
    tx.publish(events::PaymentAssigned{id, customer, true});
    return;
  }
  tx.assign_customer(id, customer);
}

Application Payments::apply(Tx& tx, const std::string& receipt, const std::string& invoice,
                            std::optional<Money> amount, Date date, std::string_view rule) {
  const auto r = tx.document(receipt);
  const auto inv = tx.document(invoice);
  const Money how_much = amount ? *amount : std::min(r.open, inv.open);
  return apply(tx, Known{receipt, r.customer, r.issued, invoice, inv.issued}, how_much, date, rule);
}

Application Payments::apply(Tx& tx, const Known& k, const Money& amount, Date date,
                            std::string_view rule) {
  // Tx::apply reads both documents again and checks everything against them.
  auto a = tx.apply(k.receipt, k.invoice, amount,
                    std::max({date, k.receipt_issued, k.invoice_issued}), rule);
  tx.publish(
      events::PaymentApplied{k.receipt, k.invoice, k.customer, amount, std::string(rule), a.id});
  return a;
}

std::vector<Application> Payments::unapply(Tx& tx, const std::string& receipt,
                                           const std::string& invoice, Date date) {
  tx.document(receipt);
  std::vector<Application> out;
  for (const auto& a : tx.applications_of(receipt))
    if (a.active() && a.from == receipt && (invoice.empty() || a.to == invoice))
      out.push_back(reverse_receipt_application(tx, a, std::max(date, a.date), "unapply"));
  if (out.empty())
    fail_conflict("'" + receipt + "' has nothing applied" +
                  (invoice.empty() ? std::string() : " to " + invoice));
  return out;
}

Payments::Returned Payments::return_payment(Tx& tx, const std::string& id,
                                            const std::string& reason,
                                            const std::optional<std::string>& fee, Date date) {
  auto r = tx.document(id);
  if (r.kind != DocKind::kReceipt) fail_conflict("'" + id + "' is not a receipt");
  if (r.links.count("returned_by")) fail_conflict("'" + id + "' was already returned");
  if (r.customer.empty()) fail_conflict("'" + id + "' is in suspense; assign it first");
  Returned out;
  for (const auto& a : tx.applications_of(id))
    if (a.active() && a.from == id) {
      reverse_receipt_application(tx, a, std::max(date, a.date), "returned: " + reason);
      out.reopened.push_back(a.to);
    }
  r = tx.document(id);
  // The return is a debit document that consumes the receipt, so the
  // customer owes again exactly what the receipt had paid.
  Document ret;
  ret.id = next_number(tx, tx.config_or("payment_return.series", "RET-{YYYY}-{SEQ:06}"), date);
  ret.kind = DocKind::kPaymentReturn;
  ret.customer = r.customer;
  ret.issued = ret.due = std::max(date, r.issued);
  ret.amount = r.amount;
  ret.memo = reason;
  ret.attrs["returned"] = id;
  out.return_doc = tx.post(ret).document.id;
  tx.apply(id, out.return_doc, r.open, ret.issued, "returned");
  tx.set_link(id, "returned_by", out.return_doc);
  if (fee && !fee->empty()) {
    Document f;
    f.id = next_number(tx, tx.config_or("debit_note.series", "DN-{YYYY}-{SEQ:06}"), date);
    f.kind = DocKind::kDebitNote;
    f.customer = r.customer;
    f.issued = f.due = ret.issued;
    f.amount = Money::parse(*fee, r.amount.currency());
    f.memo = "returned payment fee (" + reason + ")";
    f.attrs["for"] = id;
    f.attrs["fee"] = "nsf";
    out.fee_doc = tx.post(f).document.id;
  }
  tx.publish(events::PaymentReturned{id, r.customer, r.amount, reason, ret.issued, out.return_doc,
                                     out.fee_doc, out.reopened});
  return out;
}

Document Payments::refund(Tx& tx, const std::string& customer, const std::string& amount,
                          const std::string& method, Date date) {
  const auto c = tx.customer(customer);
  const auto want = Money::parse(amount, c.currency);
  if (!want.is_positive()) fail_conflict("a refund must be positive");
  const auto available = tx.balance(c.id).unapplied;
  if (want > available)
    fail_conflict("refund of " + want.str() + " is more than the " + available.str() +
                  " credit available to '" + c.id + "'");
  Document d;
  d.id = next_number(tx, tx.config_or("refund.series", "REF-{YYYY}-{SEQ:06}"), date);
  d.kind = DocKind::kRefund;
  d.customer = c.id;
  d.issued = d.due = date;
  d.amount = want;
  if (!method.empty()) d.attrs["method"] = method;
  tx.post(d);
  std::vector<OpenItem> credits;
  tx.open_items(
      [&](const OpenItem& it) {
        credits.push_back(it);
        return true;
      },
      std::string_view(c.id), false, true);
  Money left = want;
  for (const auto& it : credits) {
    if (left.is_zero()) break;
    const auto take = std::min(left, it.open);
    tx.apply(it.id, d.id, take, std::max(date, it.issued), "refund");
    left -= take;
  }
  tx.publish(events::PaymentRefunded{d.id, c.id, want, method});
  return tx.document(d.id);
}

Json Payments::show(Tx& tx, const std::string& id) {
  if (auto v = held_table(tx).get(id)) {
    const auto in = decode_input(*v, id);
    return Json{{"id", id},
                {"customer", in.customer},
                {"date", format_date(in.date)},
                {"amount", in.amount},
                {"status", "post-dated"},
                {"value_date", format_date(*in.value_date)},
                {"method", in.method},
                {"ref", in.ref},
                {"confirmed", !in.bank_ref.empty()}};
  }
  const auto d = tx.document(id);
  Json j = receipt_row(d);
  j["kind"] = to_string(d.kind);
  for (const auto& [k, v] : d.attrs)
    j[k] = v;
  for (const auto& [k, v] : d.links)
    j[k] = v;
  Json apps = Json::array();
  for (const auto& a : tx.applications_of(id)) {
    const auto other = a.from == id ? a.to : a.from;
    // The document date is when the documents allowed the cash to settle; the
    // posting date (`date`) is later when that fell in a locked period.
    const auto doc_date = std::max(d.issued, tx.document(other).issued);
    apps.push_back({{"id", a.id},
                    {"document", other},
                    {"amount", (a.is_reversal() ? -a.amount : a.amount).str()},
                    {"date", format_date(a.date)},
                    {"posting_date", format_date(a.date)},
                    {"document_date", format_date(doc_date)},
                    {"rule", a.reason}});
  }
  j["applications"] = apps;
  return j;
}

namespace {

constexpr std::string_view kDuplicateDays = "payments.duplicate_days";
constexpr int kMaxDuplicateDays = 3650;

}  // namespace

int parse_days(std::string_view key, std::string_view v, int max) {
  int n = -1;
  const auto* end = v.data() + v.size();
  auto [p, ec] = std::from_chars(v.data(), end, n);
  if (v.empty() || ec != std::errc() || p != end || n < 0 || n > max)
    fail(ErrorKind::kConflict, "config " + std::string(key) + ": '" + std::string(v) +
                                   "' is not a whole number of days from 0 to " +
                                   std::to_string(max));
  return n;
}

int days_setting(Tx& tx, std::string_view key, int fallback, int max) {
  const auto v = tx.config(key);
  return v ? parse_days(key, *v, max) : fallback;
}

namespace {

// The date a receipt was received: a post-dated cheque's document is dated on
// its value date and keeps the day it came in as "received".
Date received_on(const Document& d) {
  auto it = d.attrs.find("received");
  return it == d.attrs.end() ? d.issued : parse_date(it->second);
}

}  // namespace

void validate_config(std::string_view key, std::string_view value) {
  if (key == kDuplicateDays)
    parse_days(key, value, kMaxDuplicateDays);
  else if (key == "payments.bank_match_days" || key == "payments.discount_grace_days")
    parse_days(key, value, 365);
  else
    validate_payments_config(std::string(key), std::string(value));
}

int duplicate_days(Tx& tx) {
  return days_setting(tx, kDuplicateDays, 7, kMaxDuplicateDays);
}

std::optional<std::string> Payments::find_duplicate(Tx& tx, const ReceiptInput& in,
                                                    const Money& amount) {
  if (in.ref.empty() && in.check_no.empty()) return std::nullopt;
  const auto days = std::chrono::days(duplicate_days(tx));
  const Date from = in.date - days, to = in.date + days;
  auto repeats = [&](const std::string& id, const Money& m, Date received, const std::string& ref,
                     const std::string& check_no) {
    if (id == in.id || !(m == amount) || received < from || received > to) return false;
    return (!in.check_no.empty() && check_no == in.check_no) || (!in.ref.empty() && ref == in.ref);
  };
  std::optional<std::string> found;
  // A document is dated on or after the day it was received (a released
  // cheque on its value date), so the scan starts at `from` and has no end.
  const Date last(std::chrono::days(std::numeric_limits<std::int32_t>::max()));
  tx.documents_of(in.customer, from, last, [&](const Document& d) {
    if (d.kind != DocKind::kReceipt || d.status == DocStatus::kVoid) return true;
    auto check = d.attrs.find("check_no");
    if (repeats(d.id, d.amount, received_on(d), d.ref,
                check == d.attrs.end() ? std::string() : check->second))
      found = d.id;
    return !found;
  });
  if (found) return found;
  for (const auto& [id, h] : held(tx)) {
    if (h.customer != in.customer) continue;
    const auto cur = currency_for(tx, h);
    if (repeats(id, Money::parse(h.amount, cur), h.date, h.ref, h.check_no)) return id;
  }
  return std::nullopt;
}

void Payments::hold_again(Tx& tx, const std::string& id, const ReceiptInput& in) {
  held_table(tx).put(id, encode_input(in));
}

Currency Payments::currency_of(Tx& tx, const std::string& id) {
  if (auto v = held_table(tx).get(id)) return currency_for(tx, decode_input(*v, id));
  return tx.document(id).amount.currency();
}

}  // namespace arctl::payments
