// The invoicing plugin's configuration keys.
#include "config_keys.hpp"

namespace arctl::invoicing {

std::vector<ConfigKey> config_keys() {
  return {
      {"invoice.series", "INV-{YYYY}-{SEQ:06}", "numbering of invoices created without --id"},
      {"credit_note.series", "CN-{YYYY}-{SEQ:06}", "numbering of credit notes"},
      {"debit_note.series", "DN-{YYYY}-{SEQ:06}",
       "numbering of debit notes (also returned-payment fees)"},
  };
}

}  // namespace arctl::invoicing
