// Dispute cases: opening (by hand, from a short payment, from a broken
// promise), notes, owners, the escalation ladder and resolutions. Every
// change is journaled and leaves a line in the case's history.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "arctl/events/disputes.hpp"
#include "arctl/ledger.hpp"
#include "ladder.hpp"
#include "records.hpp"

namespace arctl {
class InvoicingService;
}

namespace arctl::disputes {

// Reasons a user may give; `deduction` and `broken-promise` are set by events.
bool valid_reason(std::string_view r);
inline constexpr const char* kReasons =
    "quantity, price, warranty, freight, damaged, tax, duplicate-billing, not-received, other";

struct OpenInput {
  std::string invoice;
  std::optional<std::string> amount;  // default: the invoice's undisputed open balance
  std::string reason;
  std::string note;
  std::string owner;  // default: config disputes.owner.<first level>
  Date date{};
  std::string kind = "dispute";
  std::string customer;  // only for a collection case without an invoice
  std::string source = "manual";
  std::string source_ref;
};

struct Escalation {
  std::string id, customer, invoice, from, to, owner;
  int sla_days = 0;  // of the level it left
  std::int64_t days_at_level = 0;
  Date date{};
};

struct Resolution {
  Case the_case;
  std::string credit_note;
  std::string replacement;
  std::string proposal;
};

class Cases {
 public:
  Cases(Tx& tx, const PluginHandle& handle);

  Case open(const OpenInput& in);
  Case note(const std::string& id, const std::string& text, Date date);
  Case assign(const std::string& id, const std::string& owner, Date date);
  // One level up (or to `to`, which must be higher), with a note.
  Escalation escalate(const std::string& id, const std::string& to, const std::string& note,
                      const std::string& owner, Date date, bool automatic = false);
  // Every unresolved case whose level's SLA has passed on `as_of`, one level each.
  std::vector<Escalation> escalate_due(Date as_of);
  // Credit and rebill issue their documents through `invoicing` (kError
  // without it); `due` is the replacement's due date (default: the original's).
  Resolution resolve(const std::string& id, const std::string& outcome,
                     const std::optional<std::string>& amount, const std::string& note, Date date,
                     InvoicingService* invoicing = nullptr, std::optional<Date> due = {});
  // Called when a write-off proposal for case `id` is posted or rejected.
  void writeoff_finished(const std::string& id, const Proposal& p, Date date);
  // Lowers open case `c` to `to` (positive, below its amount) because less is
  // open on its invoice; a `reduced` history line from the old amount to `to`.
  Case reduce(Case c, const Money& to, const std::string& note, Date date);
  // Closes open case `c` with no document of its own, when something else
  // settled it: `paid` (its invoice was paid; `amount` is what the case still
  // held) or `cancelled` (what opened it never happened; zero). `extra` adds
  // fields to the dispute.resolved payload.
  Case close(Case c, const std::string& outcome, const Money& amount, const std::string& note,
             Date date, const Json& extra);

  // Open disputed amount of a document: unresolved dispute cases, never more
  // than the document's current open balance.
  Money disputed(const Document& d);

  Records& store() noexcept { return store_; }
  // Parsed on first use, so that the dispute service keeps answering even
  // with a ladder that does not parse.
  const Ladder& ladder();
  Json row(const Case& c, Date today);  // one flat row of `dispute list`
  Json show(const std::string& id, Date today);

 private:
  void save(Case& c, const std::string& action, const std::string& from, const std::string& to,
            const std::string& amount, const std::string& note, Date date);
  std::string default_owner(const std::string& level);
  Json base_payload(const Case& c);

  Tx& tx_;
  const PluginHandle& handle_;
  Records store_;
  std::optional<Ladder> ladder_;
};

std::string actor_of(Tx& tx);

}  // namespace arctl::disputes
