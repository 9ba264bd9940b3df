// The invoicing domain: creating invoices from lines, credit and debit notes,
// voids and rebills, all as kernel documents plus the invoice lines this
// plugin keeps in its own table. Handlers call these with one transaction.
#pragma once

#include <initializer_list>
#include <optional>
#include <string>
#include <vector>

#include "arctl/events/invoicing.hpp"
#include "arctl/ledger.hpp"
#include "lines.hpp"

namespace arctl::invoicing {

struct LineSpec {
  std::string description, quantity, unit_price, tax_rate, account;
};

struct InvoiceInput {
  std::string id;  // empty: the next number of config invoice.series
  std::string customer;
  Date date{};
  std::optional<Date> due;
  std::string terms;     // empty: the customer's terms
  std::string currency;  // empty: the customer's currency (must match it)
  std::string po;
  std::string memo;
  std::vector<LineSpec> lines;
  Attrs attrs;  // extra document attributes (rebill_of, ...)
  // End of the early-payment discount window when the terms have one
  // (default: from the terms, unless `due` is given). Rebills keep the original's.
  std::optional<Date> discount_date;
};

struct RebillInput {
  std::string id;
  std::vector<LineSpec> lines;  // empty: the original's lines (or their split of `total`)
  // The replacement's total, split over the original's lines, up to its open
  // balance (zero: no replacement); nullopt: nothing may be applied to it.
  std::optional<Money> total;
  std::string reason;
  Date date{};
  std::optional<Date> due;  // default: the original's due date
  Attrs attrs;
};

struct Created {
  Outcome outcome = Outcome::kCreated;
  Document document;
  std::vector<Line> lines;
};

class Invoicing {
 public:
  explicit Invoicing(const PluginHandle& handle) : handle_(handle) {}

  Created create(Tx& tx, const InvoiceInput& in);
  // A credit note against `invoice` for `amount` (its lines: the amount split
  // like the invoice's lines, split_amount) or for `lines` (each one a line
  // of the invoice, by description, at that line's tax rate and account, for
  // no more than its net), applied to it at once. More than the invoice's
  // open balance, or a line that is not the invoice's: kConflict.
  Created credit(Tx& tx, const std::string& invoice, const std::optional<Money>& amount,
                 const std::vector<LineSpec>& lines, const std::string& reason, Date date,
                 const Attrs& attrs = {});
  // A debit note, with the reason as its one untaxed line.
  Created debit(Tx& tx, const std::string& customer, const std::string& amount,
                const std::string& reason, const std::string& for_id, Date date);
  void void_invoice(Tx& tx, const std::string& id, const std::string& reason, Date date);
  struct Rebill {
    Created credit_note;
    Created replacement;
  };
  // Credits the open balance and issues a replacement: the original's lines
  // (or in.lines, or the split of in.total), terms, discount date and, unless
  // in.due, due date, so that a rebill does not restart aging and dunning.
  // Dated in.date; when the original is already past due then, dated as the
  // original (or the day after the period lock; if that is after the due
  // date, dated and due on in.date).
  Rebill rebill(Tx& tx, const RebillInput& in);

  std::vector<Line> lines_of(Tx& tx, const Document& d);
  // The record `invoice show` prints.
  Json show(Tx& tx, const std::string& id, Date today);
  // One row of `invoice list`; `status` from invoice_status().
  static Json row(const Document& d, Date today, const std::string& status);

 private:
  PluginTable lines_table(Tx& tx) { return tx.table(handle_, "lines"); }
  std::vector<Line> build_lines(const std::vector<LineSpec>& specs, const Currency& c);
  Created post_invoice(Tx& tx, const InvoiceInput& in, std::vector<Line> lines);
  // Posts a credit or debit note and its event (by the document's kind).
  Created post_note(Tx& tx, Document doc, std::vector<Line> lines, const std::string& reason);

  const PluginHandle& handle_;
};

// Document `id`, which must be of one of `kinds` (else kConflict).
Document require_kind(Tx& tx, const std::string& id, std::initializer_list<DocKind> kinds);

// Credit notes applied to `d` and still in effect.
// Cost: one get per application of `d` (the kind of what was applied).
Money credited(Tx& tx, const Document& d);
// open; void; credited when credit notes settled all of it, else paid.
// Cost: that of credited() when nothing is open, else none.
std::string invoice_status(Tx& tx, const Document& d);

}  // namespace arctl::invoicing
