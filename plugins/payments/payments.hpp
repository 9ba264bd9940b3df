// Cash application: receipts (with suspense and post-dated cheques), manual
// application and its undoing, returned payments and refunds. Receipts are
// kernel documents; post-dated cheques wait in this plugin's table until
// their value date, because a cheque that cannot be banked is not cash yet.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "arctl/events/payments.hpp"
#include "arctl/ledger.hpp"

namespace arctl::payments {

struct ReceiptInput {
  std::string id;        // empty: next of config payment.series
  std::string customer;  // empty: suspense
  std::string amount;
  std::string currency;  // empty: the customer's (or the ledger's in suspense)
  Date date{};
  std::optional<Date> value_date;
  std::string method;  // wire, ach, check, card, cash
  std::string ref;     // remittance / reference text
  std::string check_no;
  std::string payer;               // name as the bank reported it
  std::string bank_ref;            // the bank's entry reference (imports)
  std::string reason;              // why the payer deducted: attribute short_reason
  std::string possible_duplicate;  // keyed receipts this may repeat, comma-separated
  bool allow_duplicate = false;
};

struct Recorded {
  Outcome outcome = Outcome::kCreated;
  std::string id;
  bool held = false;      // post-dated: waiting for its value date
  bool suspense = false;  // no customer yet
};

// Reverses application `a` of a receipt, dated `date`, with what the matcher
// booked on its invoice because that receipt paid it: an early-payment
// discount or a small-balance write-off that names the receipt loses its
// application and is voided. Every undoing of a receipt's application goes
// through it (unapply, return, reverse, reassign).
Application reverse_receipt_application(Tx& tx, const Application& a, Date date,
                                        const std::string& why);

class Payments {
 public:
  explicit Payments(const PluginHandle& handle) : handle_(handle) {}

  // Records a receipt. Refuses (kConflict) a duplicate (see find_duplicate)
  // unless allow_duplicate. A value date after `today` holds it as post-dated.
  Recorded record(Tx& tx, ReceiptInput in, Date today);
  void assign(Tx& tx, const std::string& id, const std::string& customer);
  // Applies a receipt (or any credit document) to a debit document;
  // `amount` defaults to the smaller of the two open amounts.
  Application apply(Tx& tx, const std::string& receipt, const std::string& invoice,
                    std::optional<Money> amount, Date date, std::string_view rule);
  // As apply, for a caller that already read both documents (the matching
  // engine): the receipt's customer and both issue dates come from it.
  struct Known {
    const std::string& receipt;
    const std::string& customer;
    Date receipt_issued;
    const std::string& invoice;
    Date invoice_issued;
  };
  Application apply(Tx& tx, const Known& k, const Money& amount, Date date, std::string_view rule);
  // Reverses the receipt's active applications (only those to `invoice` if given).
  std::vector<Application> unapply(Tx& tx, const std::string& receipt, const std::string& invoice,
                                   Date date);
  struct Returned {
    std::string return_doc;
    std::string fee_doc;
    std::vector<std::string> reopened;
  };
  Returned return_payment(Tx& tx, const std::string& id, const std::string& reason,
                          const std::optional<std::string>& fee, Date date);
  // Pays back credit: consumes the customer's open credit documents, oldest first.
  Document refund(Tx& tx, const std::string& customer, const std::string& amount,
                  const std::string& method, Date date);
  // Posts every held cheque whose value date is on or before `today`.
  std::vector<std::string> release_postdated(Tx& tx, Date today);

  // Held cheques, as (id, input) pairs.
  std::vector<std::pair<std::string, ReceiptInput>> held(Tx& tx);
  Json show(Tx& tx, const std::string& id);

  PluginTable held_table(Tx& tx) { return tx.table(handle_, "postdated"); }
  // Bank entry reference -> the hand-keyed receipt it confirmed.
  PluginTable bank_link_table(Tx& tx) { return tx.table(handle_, "bank_links"); }
  const PluginHandle& handle() const noexcept { return handle_; }

  // ---- corrections: a person fixing cash recorded wrongly. Each explicit
  // `date` is used as given or refused (kConflict naming --date); without one
  // the business date `today`, or the latest date the documents allow.
  struct Corrected {
    std::string id;
    std::string from;  // the customer before (reassign)
    std::string customer;
    Money amount;
    Date date{};
    std::vector<std::string> reopened;  // debit documents whose applications were reversed
  };
  // The currency of a receipt, posted or post-dated and still held.
  Currency currency_of(Tx& tx, const std::string& id);
  // Moves a receipt booked to the wrong customer: reverses its active
  // applications (their documents reopen), then moves it, applied or not or
  // in suspense, to `customer`. A held post-dated cheque just changes hands.
  // Refuses a returned, void or partly refunded receipt, and the same customer.
  // Publishes payment.reassigned.
  Corrected reassign(Tx& tx, const std::string& id, const std::string& customer,
                     const std::string& reason, std::optional<Date> date, Date today);
  // Cancels a mis-keyed receipt: reverses its applications and voids it (a
  // held cheque is dropped). Not a returned payment: no return document, no
  // fee, no payment.returned. Publishes payment.reversed.
  Corrected reverse(Tx& tx, const std::string& id, const std::string& reason,
                    std::optional<Date> date, Date today);
  // apply and unapply for a person: the explicit date before a document's
  // (or, unapplying, before the application's) date is refused.
  Application apply_dated(Tx& tx, const std::string& receipt, const std::string& invoice,
                          std::optional<Money> amount, std::optional<Date> date, Date today);
  std::vector<Application> unapply_dated(Tx& tx, const std::string& receipt,
                                         const std::string& invoice, std::optional<Date> date,
                                         Date today);
  // An earlier receipt that `in` repeats: same customer and amount, and the
  // same cheque number or the same non-empty reference, received within
  // payments.duplicate_days (default 7) either side of in.date. Void
  // (reversed) receipts do not count. Cost: one range scan of the customer's
  // documents dated from in.date - days on, plus the held cheques.
  std::optional<std::string> find_duplicate(Tx& tx, const ReceiptInput& in, const Money& amount);

 private:
  void hold_again(Tx& tx, const std::string& id, const ReceiptInput& in);
  std::string post_receipt(Tx& tx, const ReceiptInput& in, Outcome* outcome);
  const PluginHandle& handle_;
};

// A receipt as a row of `payment list`. "confirmed": the bank reported the
// money (an imported bank line, or a keyed receipt linked to one).
Json receipt_row(const Document& d);

// The payments.* configuration keys this plugin checks when they are set
// (kConflict naming the key for a bad value); other keys pass.
void validate_config(std::string_view key, std::string_view value);
// A payments.* setting that counts days: a whole number from 0 to `max`,
// else Error(kConflict) naming the key. days_setting gives `fallback` when
// the key is unset.
int parse_days(std::string_view key, std::string_view value, int max);
int days_setting(Tx& tx, std::string_view key, int fallback, int max);
// payments.duplicate_days: a whole number of days from 0 to 3650.
int duplicate_days(Tx& tx);

}  // namespace arctl::payments
