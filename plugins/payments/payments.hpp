// Cash application: receipts (with suspense and post-dated cheques), manual
// application and its undoing, returned payments and refunds. Receipts are
// kernel documents; post-dated cheques wait in this plugin's table until
// their value date, because a cheque that cannot be banked is not cash yet.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "arctl/ledger.hpp"

namespace arctl::payments {

inline constexpr std::string_view kPaymentRecorded = "payment.recorded";
inline constexpr std::string_view kPaymentApplied = "payment.applied";
inline constexpr std::string_view kPaymentShort = "payment.short";
inline constexpr std::string_view kPaymentPartial = "payment.partial";
inline constexpr std::string_view kPaymentReturned = "payment.returned";
inline constexpr std::string_view kPaymentRefunded = "payment.refunded";
// A bank line confirmed a receipt keyed by hand: {id, customer, bank_ref,
// amount, currency, date (the bank's booking date)}.
inline constexpr std::string_view kPaymentConfirmed = "payment.confirmed";

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

class Payments {
 public:
  explicit Payments(const PluginHandle& handle) : handle_(handle) {}

  // Records a receipt. Refuses (kConflict) one with the same customer,
  // amount, date and reference (or cheque number) as an earlier one unless
  // allow_duplicate. A value date after `today` holds it as post-dated.
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
  PluginTable dup_table(Tx& tx) { return tx.table(handle_, "dedupe"); }
  // Bank entry reference -> the hand-keyed receipt it confirmed.
  PluginTable bank_link_table(Tx& tx) { return tx.table(handle_, "bank_links"); }
  const PluginHandle& handle() const noexcept { return handle_; }

 private:
  std::string post_receipt(Tx& tx, const ReceiptInput& in, Outcome* outcome);
  const PluginHandle& handle_;
};

// A receipt as a row of `payment list`. "confirmed": the bank reported the
// money (an imported bank line, or a keyed receipt linked to one).
Json receipt_row(const Document& d);

}  // namespace arctl::payments
