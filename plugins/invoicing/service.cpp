// The invoicing service: credit notes and rebills for other plugins, made by
// the same code as `invoice credit` and `invoice rebill`.
#include "service.hpp"

#include "arctl/error.hpp"

namespace arctl::invoicing {

Invoicing& InvoicingServiceImpl::domain() {
  if (!domain_) fail(ErrorKind::kError, "the invoicing plugin was used before it was initialised");
  return *domain_;
}

std::string InvoicingServiceImpl::credit(Tx& tx, const CreditRequest& r) {
  return domain().credit(tx, r.invoice, r.amount, {}, r.reason, r.date, r.attrs).document.id;
}

RebillResult InvoicingServiceImpl::rebill(Tx& tx, const RebillRequest& r) {
  RebillInput in;
  in.id = r.invoice;
  in.total = r.total;
  in.reason = r.reason;
  in.date = r.date;
  in.due = r.due;
  in.attrs = r.attrs;
  const auto out = domain().rebill(tx, in);
  return {out.credit_note.document.id, out.replacement.document.id};
}

std::vector<events::InvoiceLine> InvoicingServiceImpl::lines(Tx& tx, const Document& d) {
  std::vector<events::InvoiceLine> out;
  for (const auto& l : domain().lines_of(tx, d))
    out.push_back(event_line(l));
  return out;
}

}  // namespace arctl::invoicing
