// The InvoicingService other plugins call (arctl/invoicing_service.hpp), on
// top of this plugin's domain.
#pragma once

#include <optional>

#include "arctl/invoicing_service.hpp"
#include "invoices.hpp"

namespace arctl::invoicing {

class InvoicingServiceImpl : public InvoicingService {
 public:
  explicit InvoicingServiceImpl(std::optional<Invoicing>& domain) : domain_(domain) {}
  std::string credit(Tx& tx, const CreditRequest& r) override;
  RebillResult rebill(Tx& tx, const RebillRequest& r) override;
  std::vector<events::InvoiceLine> lines(Tx& tx, const Document& d) override;

 private:
  Invoicing& domain();
  std::optional<Invoicing>& domain_;  // set by init(), after provide()
};

}  // namespace arctl::invoicing
