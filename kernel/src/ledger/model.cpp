// Names, comparisons and JSON shapes of the ledger's entities.
#include "arctl/model.hpp"

#include <array>

#include "arctl/error.hpp"

namespace arctl {
namespace {

struct KindName {
  DocKind kind;
  const char* name;
  bool debit;
};
constexpr std::array<KindName, 8> kKinds{{
    {DocKind::kInvoice, "invoice", true},
    {DocKind::kDebitNote, "debit_note", true},
    {DocKind::kCreditNote, "credit_note", false},
    {DocKind::kReceipt, "receipt", false},
    {DocKind::kRefund, "refund", true},
    {DocKind::kPaymentReturn, "payment_return", true},
    {DocKind::kWriteOff, "write_off", false},
    {DocKind::kDiscount, "discount", false},
}};

Json attrs_json(const Attrs& a) {
  Json j = Json::object();
  for (const auto& [k, v] : a)
    j[k] = v;
  return j;
}

}  // namespace

bool is_debit(DocKind k) noexcept {
  for (const auto& e : kKinds)
    if (e.kind == k) return e.debit;
  return false;
}

const char* to_string(DocKind k) noexcept {
  for (const auto& e : kKinds)
    if (e.kind == k) return e.name;
  return "unknown";
}

DocKind parse_doc_kind(std::string_view s) {
  for (const auto& e : kKinds)
    if (s == e.name) return e.kind;
  fail_usage("unknown document kind '" + std::string(s) +
             "' (invoice, debit_note, credit_note, receipt, refund, payment_return, write_off, "
             "discount)");
}

const char* to_string(DocStatus s) noexcept {
  switch (s) {
    case DocStatus::kOpen:
      return "open";
    case DocStatus::kClosed:
      return "closed";
    case DocStatus::kVoid:
      return "void";
  }
  return "unknown";
}

std::string customer_status_name(CustomerStatus s) {
  return s == CustomerStatus::kInactive ? "inactive" : "active";
}

CustomerStatus parse_customer_status(std::string_view s) {
  if (s == "active") return CustomerStatus::kActive;
  if (s == "inactive") return CustomerStatus::kInactive;
  fail_usage("unknown customer status '" + std::string(s) + "' (active, inactive)");
}

bool Document::same_content(const Document& o) const {
  return id == o.id && kind == o.kind && customer == o.customer && issued == o.issued &&
         due == o.due && amount == o.amount && ref == o.ref && memo == o.memo && attrs == o.attrs;
}

Json to_json(const Customer& c) {
  Json j;
  j["id"] = c.id;
  j["name"] = c.name;
  j["currency"] = std::string(c.currency.code());
  j["terms"] = c.terms;
  j["credit_limit"] = c.credit_limit ? Json(c.credit_limit->str()) : Json(nullptr);
  j["email"] = c.email;
  j["status"] = customer_status_name(c.status);
  if (!c.attrs.empty()) j["attrs"] = attrs_json(c.attrs);
  return j;
}

Json to_json(const Document& d) {
  Json j;
  j["id"] = d.id;
  j["kind"] = to_string(d.kind);
  j["customer"] = d.customer;
  j["issued"] = format_date(d.issued);
  j["due"] = format_date(d.due);
  j["amount"] = d.amount.str();
  put_money(j, "open", d.open);
  j["status"] = to_string(d.status);
  j["ref"] = d.ref;
  j["memo"] = d.memo;
  if (!d.attrs.empty()) j["attrs"] = attrs_json(d.attrs);
  if (!d.links.empty()) j["links"] = attrs_json(d.links);
  return j;
}

Json to_json(const Application& a) {
  Json j;
  j["id"] = a.id;
  j["from"] = a.from;
  j["to"] = a.to;
  put_money(j, "amount", a.amount);
  j["date"] = format_date(a.date);
  j["reason"] = a.reason;
  j["reverses"] = a.reverses;
  j["reversed_by"] = a.reversed_by;
  return j;
}

Json to_json(const CustomerBalance& b) {
  Json j;
  j["receivable"] = b.receivable.str();
  j["unapplied"] = b.unapplied.str();
  put_money(j, "balance", b.balance());
  j["open_items"] = b.open_items;
  return j;
}

}  // namespace arctl
