// What `invoice show` and `invoice list` print.
#include "invoices.hpp"

namespace arctl::invoicing {

Json Invoicing::row(const Document& d, Date today, const std::string& status) {
  Json j;
  j["id"] = d.id;
  j["kind"] = to_string(d.kind);
  j["customer"] = d.customer;
  j["issued"] = format_date(d.issued);
  j["due"] = format_date(d.due);
  j["total"] = d.amount.str();
  put_money(j, "open", d.open);
  j["status"] = status;
  const auto late = days_between(d.due, today);
  j["days_past_due"] = d.open.is_positive() && late > 0 ? late : 0;
  j["po"] = d.ref;
  return j;
}

Json Invoicing::show(Tx& tx, const std::string& id, Date today) {
  const auto d = tx.document(id);
  const auto c = tx.find_customer(d.customer);
  const auto cur = d.amount.currency();
  const auto lines = lines_of(tx, d);
  Json j = row(d, today, invoice_status(tx, d));
  j["customer_name"] = c ? c->name : "";
  j["terms"] = d.attrs.count("terms") ? d.attrs.at("terms") : "";
  if (!lines.empty()) {
    const auto t = totals(lines, cur);
    j["subtotal"] = t.subtotal.str();
    j["tax"] = t.tax.str();
  } else {
    j["subtotal"] = d.amount.str();
    j["tax"] = Money::zero(cur).str();
  }
  // Settled by credit notes is not paid: "paid" is the rest of what was
  // applied (cash, discounts, write-offs).
  const auto by_credit = d.kind == DocKind::kCreditNote || d.status == DocStatus::kVoid
                             ? Money::zero(cur)
                             : credited(tx, d);
  j["credited"] = by_credit.str();
  j["paid"] = (d.kind == DocKind::kCreditNote || d.status == DocStatus::kVoid
                   ? Money::zero(cur)
                   : d.amount - d.open - by_credit)
                  .str();
  j["discount_date"] = d.attrs.count("discount_date") ? d.attrs.at("discount_date") : "";
  j["discount_amount"] = d.attrs.count("discount_amount") ? d.attrs.at("discount_amount") : "";
  j["memo"] = d.memo;
  Json links = Json::object();
  for (const auto& [k, v] : d.attrs)
    if (k == "rebill_of" || k == "credit_for" || k == "for") links[k] = v;
  for (const auto& [k, v] : d.links)
    links[k] = v;
  j["links"] = links;
  j["lines"] = lines_json(lines);
  Json apps = Json::array();
  for (const auto& a : tx.applications_of(d.id)) {
    Json aj;
    aj["id"] = a.id;
    aj["date"] = format_date(a.date);
    aj["document"] = a.from == d.id ? a.to : a.from;
    aj["amount"] = (a.is_reversal() ? -a.amount : a.amount).str();
    aj["reason"] = a.reason;
    aj["reversal_of"] = a.reverses;
    apps.push_back(std::move(aj));
  }
  j["applications"] = apps;
  return j;
}

}  // namespace arctl::invoicing
