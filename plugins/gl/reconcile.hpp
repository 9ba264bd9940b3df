// AR-to-GL reconciliation: the GL receivable balance against arctl's
// receivables as of a date, with every difference explained by a posting
// not (yet) exported or a known manual GL entry, and the remainder stated.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "arctl/ledger.hpp"

namespace arctl {
class InvoicingService;
}

namespace arctl::gl {

struct ReconcileOptions {
  Date as_of{};
  std::optional<std::string> gl_balance;  // "AMOUNT" or "AMOUNT CUR"
  std::optional<std::string> gl_file;     // trial balance CSV (account, balance[, currency])
  std::vector<std::string> manual;        // "AMOUNT[ CUR]:TEXT": GL entries AR does not know
  InvoicingService* invoicing = nullptr;  // invoice lines; nullptr: invoicing is not loaded
};

struct Reconciliation {
  Json rows = Json::array();  // one flat row per figure, in report order
  bool balanced = true;       // no unexplained remainder in any currency
};

Reconciliation reconcile(Tx& tx, const PluginHandle& h, const ReconcileOptions& o);

}  // namespace arctl::gl
