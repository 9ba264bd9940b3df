// Tx: applications settle a credit document against a debit document; undoing
// one writes a reversal and never deletes.
#include "arctl/error.hpp"
#include "arctl/events/kernel.hpp"
#include "arctl/ledger.hpp"
#include "ledger/groups.hpp"
#include "ledger/records.hpp"
#include "ledger/tables.hpp"
#include "ledger/validate.hpp"

namespace arctl {

Application Tx::application(std::uint64_t id) {
  auto v = read_.get(tables::kApplications, KeyBuilder().u64(id));
  if (!v) fail_not_found("no application " + std::to_string(id));
  return records::decode_application(*v);
}

std::vector<Application> Tx::applications_of(std::string_view doc) {
  std::vector<Application> out;
  const auto prefix = KeyBuilder().str(doc).bytes();
  auto c = read_.cursor(tables::kAppByDoc);
  for (bool ok = c->seek(prefix); ok; ok = c->next()) {
    if (c->key().substr(0, prefix.size()) != prefix) break;
    KeyReader r(c->key());
    r.skip_str();
    out.push_back(application(r.u64()));
  }
  return out;
}

Application Tx::apply(std::string_view from_id, std::string_view to_id, const Money& amount,
                      Date date, std::string_view reason) {
  validate_text(reason, "application reason", 128);
  auto from = document(from_id);
  auto to = document(to_id);
  const auto what = "applying " + from.id + " to " + to.id;
  if (is_debit(from.kind))
    fail_conflict(what + ": '" + from.id + "' is a " + to_string(from.kind) +
                  ", not a credit document");
  if (!is_debit(to.kind))
    fail_conflict(what + ": '" + to.id + "' is a " + to_string(to.kind) + ", not a debit document");
  if (from.status == DocStatus::kVoid || to.status == DocStatus::kVoid)
    fail_conflict(what + ": a void document cannot be applied");
  if (from.customer.empty())
    fail_conflict(what + ": '" + from.id + "' has no customer yet (assign it first)");
  // A parent's credit may pay its descendants' debits (group accounts); a
  // child's never pays its parent's or a sibling's.
  if (from.customer != to.customer && !is_ancestor(*this, from.customer, to.customer))
    fail_conflict(what + ": they belong to different customers ('" + from.customer + "' and '" +
                  to.customer + "'), and '" + from.customer + "' is not a parent of '" +
                  to.customer + "'");
  if (!(from.amount.currency() == to.amount.currency()) ||
      !(amount.currency() == to.amount.currency()))
    fail_conflict(what + ": currencies differ (" + std::string(from.amount.currency().code()) +
                  ", " + std::string(to.amount.currency().code()) + ", " +
                  std::string(amount.currency().code()) + ")");
  if (!amount.is_positive()) fail_conflict(what + ": amount must be positive");
  if (amount > from.open)
    fail_conflict(what + ": " + amount.str() + " is more than the " + from.open.str() +
                  " open on " + from.id);
  if (amount > to.open)
    fail_conflict(what + ": " + amount.str() + " is more than the " + to.open.str() + " open on " +
                  to.id);
  const Date earliest = std::max(from.issued, to.issued);
  if (date < earliest)
    fail_conflict(what + ": dated " + format_date(date) + ", before the documents (" +
                  format_date(earliest) + ")");
  check_not_locked(date, what);

  Application a;
  a.id = next_counter("applications");
  a.from = from.id;
  a.to = to.id;
  a.amount = amount;
  a.date = date;
  a.reason = std::string(reason.empty() ? "manual" : reason);
  a.seq = next_seq();
  auto& w = raw_write();
  w.put(tables::kApplications, KeyBuilder().u64(a.id), records::encode(a));
  w.put(tables::kAppByDoc, records::app_by_doc_key(a.from, a.id), {});
  w.put(tables::kAppByDoc, records::app_by_doc_key(a.to, a.id), {});
  adjust_open(from, -amount);
  adjust_open(to, -amount);
  note_change(date, from, a.id, -amount.minor());
  note_change(date, to, a.id, -amount.minor());
  note_activity(date);
  // Cash for documents of a locked period posts in the open one; the GL and
  // the log show the date the documents would have settled on beside it.
  std::optional<Date> document_date;
  if (const auto lock = lock_date(); lock && earliest <= *lock) document_date = earliest;
  publish(events::ApplicationMade{a, from.customer, document_date});
  return a;
}

Application Tx::reverse(std::uint64_t id, Date date, std::string_view reason) {
  validate_text(reason, "reversal reason", 256);
  auto original = application(id);
  if (original.is_reversal())
    fail_conflict("application " + std::to_string(id) + " is itself a reversal");
  if (original.reversed_by != 0)
    fail_conflict("application " + std::to_string(id) + " was already reversed by " +
                  std::to_string(original.reversed_by));
  if (date < original.date)
    fail_conflict("reversal dated " + format_date(date) + " is before the application (" +
                  format_date(original.date) + ")");
  check_not_locked(date, "reversing application " + std::to_string(id));
  auto from = document(original.from);
  auto to = document(original.to);

  Application r;
  r.id = next_counter("applications");
  r.from = original.from;
  r.to = original.to;
  r.amount = original.amount;
  r.date = date;
  r.reason = std::string(reason.empty() ? "reversal" : reason);
  r.reverses = original.id;
  r.seq = next_seq();
  original.reversed_by = r.id;
  auto& w = raw_write();
  w.put(tables::kApplications, KeyBuilder().u64(r.id), records::encode(r));
  w.put(tables::kApplications, KeyBuilder().u64(original.id), records::encode(original));
  w.put(tables::kAppByDoc, records::app_by_doc_key(r.from, r.id), {});
  w.put(tables::kAppByDoc, records::app_by_doc_key(r.to, r.id), {});
  adjust_open(from, r.amount);
  adjust_open(to, r.amount);
  note_change(date, from, r.id, r.amount.minor());
  note_change(date, to, r.id, r.amount.minor());
  note_activity(date);
  std::optional<Date> document_date;
  if (const auto lock = lock_date(); lock && original.date <= *lock) document_date = original.date;
  publish(events::ApplicationReversed{r, from.customer, document_date});
  return r;
}

}  // namespace arctl
