// The invoicing service: other plugins (disputes) issue credit notes and
// rebills through it, so that those are invoicing's own documents, with the
// lines, tax split, numbering and events that `invoice credit` and
// `invoice rebill` give them.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "arctl/events/invoicing.hpp"
#include "arctl/ledger.hpp"

namespace arctl {

struct CreditRequest {
  std::string invoice;  // the invoice or debit note credited
  Money amount;         // split over its lines as the GL would split it
  std::string reason;   // the credit note's memo and the event's reason
  Date date{};
  Attrs attrs;  // extra attributes of the credit note (dispute, ...)
};

struct RebillRequest {
  std::string invoice;
  // The replacement's total, split over the original's lines; nullopt: the
  // original's lines as they are (then nothing may be applied to it). Zero:
  // the original is credited and nothing replaces it.
  std::optional<Money> total;
  std::string reason;
  Date date{};
  std::optional<Date> due;  // nullopt: the original's due date
  Attrs attrs;              // extra attributes of both new documents
};

struct RebillResult {
  std::string credit_note;
  std::string replacement;  // empty when the total was zero
};

// Provided by the invoicing plugin. Both calls write in `tx` only and throw
// arctl::Error (kConflict: more than is open, a void invoice...) as the
// commands do.
class InvoicingService {
 public:
  static constexpr std::string_view kName = "invoicing";
  virtual ~InvoicingService() = default;
  // A credit note for `amount` against the invoice, applied to it at once.
  // Cost: one read of the invoice and its lines, one posting, one application.
  virtual std::string credit(Tx& tx, const CreditRequest& r) = 0;
  // Credits the invoice's open balance and issues a replacement with the
  // original's terms and discount date, linked both ways.
  virtual RebillResult rebill(Tx& tx, const RebillRequest& r) = 0;
  // The lines invoicing keeps for document `d` (an invoice, a credit or a
  // debit note it posted), as its posting event carried them; empty when it
  // has none (a document posted without lines, or not by invoicing).
  // Cost: one get in invoicing's lines table.
  virtual std::vector<events::InvoiceLine> lines(Tx& tx, const Document& d) = 0;
};

}  // namespace arctl
