// The invoicing domain: creating invoices from lines, credit and debit notes,
// voids and rebills, all as kernel documents plus the invoice lines this
// plugin keeps in its own table. Handlers call these with one transaction.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "arctl/ledger.hpp"
#include "lines.hpp"

namespace arctl::invoicing {

// Event types this plugin publishes (payloads: the document's JSON, plus
// "lines", "subtotal", "tax" for invoices and "reason" for notes).
inline constexpr std::string_view kInvoicePosted = "invoice.posted";
inline constexpr std::string_view kInvoiceVoided = "invoice.voided";
inline constexpr std::string_view kCreditNotePosted = "credit_note.posted";
inline constexpr std::string_view kDebitNotePosted = "debit_note.posted";

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
  // A credit note against `invoice` for `amount` (or the total of `lines`),
  // applied to it at once. More than the invoice's open balance: kConflict.
  Created credit(Tx& tx, const std::string& invoice, const std::optional<std::string>& amount,
                 const std::vector<LineSpec>& lines, const std::string& reason, Date date);
  Created debit(Tx& tx, const std::string& customer, const std::string& amount,
                const std::string& reason, const std::string& for_id, Date date);
  void void_invoice(Tx& tx, const std::string& id, const std::string& reason, Date date);
  struct Rebill {
    Created credit_note;
    Created replacement;
  };
  Rebill rebill(Tx& tx, const std::string& id, const std::vector<LineSpec>& lines,
                const std::string& reason, Date date);

  std::vector<Line> lines_of(Tx& tx, const Document& d);
  // The record `invoice show` prints.
  Json show(Tx& tx, const std::string& id, Date today);
  // One row of `invoice list`.
  static Json row(const Document& d, Date today);

 private:
  PluginTable lines_table(Tx& tx) { return tx.table(handle_, "lines"); }
  std::vector<Line> build_lines(const std::vector<LineSpec>& specs, const Currency& c);
  Created post_note(Tx& tx, Document doc, std::vector<Line> lines, std::string_view event,
                    const std::string& reason);

  const PluginHandle& handle_;
};

std::string invoice_status(const Document& d);  // open, paid, void

}  // namespace arctl::invoicing
