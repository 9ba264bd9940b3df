// The AR sub-ledger's entities: customers, documents (the open items) and the
// applications that settle a credit document against a debit document.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "arctl/api.hpp"
#include "arctl/date.hpp"
#include "arctl/money.hpp"
#include "arctl/output.hpp"

namespace arctl {

using Attrs = std::map<std::string, std::string, std::less<>>;

enum class CustomerStatus : std::uint8_t { kActive = 1, kInactive = 2 };

struct ARCTL_API Customer {
  std::string id;
  std::string name;
  Currency currency;
  std::string terms = "net30";  // payment terms as text, checked by Terms::parse (arctl/terms.hpp)
  std::optional<Money> credit_limit;
  std::string email;
  CustomerStatus status = CustomerStatus::kActive;
  Attrs attrs;  // free key/values for plugins and in-house fields
  friend bool operator==(const Customer&, const Customer&) = default;
};

// Debit kinds raise what the customer owes; credit kinds lower it.
enum class DocKind : std::uint8_t {
  kInvoice = 1,
  kDebitNote = 2,  // late fee, re-billed freight, NSF fee
  kCreditNote = 3,
  kReceipt = 4,        // cash received
  kRefund = 5,         // cash paid back to the customer (debit: consumes a credit)
  kPaymentReturn = 6,  // a receipt that bounced (debit: cancels the receipt)
  kWriteOff = 7,       // uncollectible amount or small-balance tolerance
  kDiscount = 8,       // early-payment discount taken
};
ARCTL_API bool is_debit(DocKind k) noexcept;
ARCTL_API const char* to_string(DocKind k) noexcept;
ARCTL_API DocKind parse_doc_kind(std::string_view s);  // throws Error(kUsage)

enum class DocStatus : std::uint8_t { kOpen = 1, kClosed = 2, kVoid = 3 };
ARCTL_API const char* to_string(DocStatus s) noexcept;

struct ARCTL_API Document {
  std::string id;  // unique in the ledger; the external id for idempotency
  DocKind kind = DocKind::kInvoice;
  std::string customer;  // may be empty only for a receipt in suspense
  Date issued{};
  Date due{};
  Money amount;     // always positive; the sign comes from the kind
  std::string ref;  // external reference: PO, bank reference, cheque no.
  std::string memo;
  Attrs attrs;  // plugin data supplied at posting: method, terms, PO, ...
  // Kept by the kernel, ignored on post:
  Attrs links;  // set later through Tx::set_link: "rebilled_by", "credit_for", ...
  Money open;   // amount not yet applied
  DocStatus status = DocStatus::kOpen;
  std::uint64_t posted_seq = 0;  // journal sequence of the posting

  // Equality of what the poster supplied: used for idempotent re-posting.
  bool same_content(const Document& o) const;
};

struct ARCTL_API Application {
  std::uint64_t id = 0;
  std::string from;            // the credit document (receipt, credit note, ...)
  std::string to;              // the debit document (invoice, debit note, ...)
  Money amount;                // positive; a reversal carries the same amount
  Date date{};                 // its posting date (Tx::posting_date)
  std::string reason;          // "manual", "reference", "exact", ...
  std::uint64_t reverses = 0;  // non-zero: this undoes application `reverses`
  std::uint64_t reversed_by = 0;
  std::uint64_t seq = 0;  // journal sequence

  bool is_reversal() const noexcept { return reverses != 0; }
  bool active() const noexcept { return reverses == 0 && reversed_by == 0; }
};

// Running totals per customer, kept in the same transaction as every change.
struct ARCTL_API CustomerBalance {
  Money receivable;  // sum of open amounts of debit documents
  Money unapplied;   // sum of open amounts of credit documents
  std::uint64_t open_items = 0;
  Money balance() const { return receivable - unapplied; }
  friend bool operator==(const CustomerBalance&, const CustomerBalance&) = default;
};

// A row of the open-items index: enough for aging without reading documents.
struct ARCTL_API OpenItem {
  std::string customer;
  std::string id;
  DocKind kind = DocKind::kInvoice;
  Date issued{};
  Date due{};
  Money open;
  // The last day of the item's early-payment discount (the document's
  // `discount_date` attribute, which invoicing writes from the terms), so
  // that cash application passes over items without one, unread. Entries of
  // the index's first format, written before it held the date, do not say:
  // there `discount_known` is false and the document has the answer.
  bool discount_known = false;
  std::optional<Date> discount_date;
};

// A dated change to a document's open amount: an application or a reversal
// of one (`application` set) or the document's void (`application` 0). The
// kernel indexes them by date so that the state as of a past date is today's
// state with the later changes undone, without replaying every document.
struct ARCTL_API DatedChange {
  Date date{};
  std::string document;
  std::uint64_t application = 0;  // 0: the void of `document`
  Date issued{};                  // the document's own date
  // What the change did to the document's open amount, in minor units of its
  // currency: minus the amount for an application or a void (what was open
  // then), plus the amount for a reversal.
  std::int64_t effect = 0;
};

// Stable JSON shapes shared by journal payloads and command output. Money is a
// decimal string ("1234.56") with a separate "currency" field; dates are ISO.
ARCTL_API Json to_json(const Customer& c);
ARCTL_API Json to_json(const Document& d);
ARCTL_API Json to_json(const Application& a);
ARCTL_API Json to_json(const CustomerBalance& b);
ARCTL_API std::string customer_status_name(CustomerStatus s);
ARCTL_API CustomerStatus parse_customer_status(std::string_view s);  // throws Error(kUsage)

}  // namespace arctl
