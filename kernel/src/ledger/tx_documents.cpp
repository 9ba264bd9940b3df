// Tx: posting, voiding and reading documents, with their indexes and the
// customer's running balance kept in step inside the same transaction.
#include "arctl/error.hpp"
#include "arctl/events/kernel.hpp"
#include "arctl/ledger.hpp"
#include "ledger/records.hpp"
#include "ledger/tables.hpp"
#include "ledger/validate.hpp"
#include "store/prefetch.hpp"

namespace arctl {
namespace {

std::string describe_difference(const Document& a, const Document& b) {
  if (a.kind != b.kind)
    return std::string("kind ") + to_string(a.kind) + " vs " + to_string(b.kind);
  if (a.customer != b.customer) return "customer '" + a.customer + "' vs '" + b.customer + "'";
  if (a.issued != b.issued) return "date " + format_date(a.issued) + " vs " + format_date(b.issued);
  if (a.due != b.due) return "due date " + format_date(a.due) + " vs " + format_date(b.due);
  if (!(a.amount == b.amount))
    return "amount " + a.amount.str() + " " + std::string(a.amount.currency().code()) + " vs " +
           b.amount.str() + " " + std::string(b.amount.currency().code());
  if (a.ref != b.ref) return "reference '" + a.ref + "' vs '" + b.ref + "'";
  if (a.memo != b.memo) return "memo";
  return "attributes";
}

}  // namespace

std::optional<Document> Tx::find_document(std::string_view id) {
  auto v = read_.get(tables::kDocuments, id);
  if (!v) return std::nullopt;
  return records::decode_document(*v);
}

Document Tx::document(std::string_view id) {
  auto d = find_document(id);
  if (!d) fail_not_found("no document '" + std::string(id) + "'");
  return std::move(*d);
}

void Tx::prefetch_documents(const std::vector<std::string>& ids) {
  if (auto* p = dynamic_cast<Prefetch*>(&read_)) p->prefetch(tables::kDocuments, ids);
}

void Tx::store_document(const Document& d) {
  raw_write().put(tables::kDocuments, d.id, records::encode(d));
}

void Tx::index_document(const Document& d) {
  auto& w = raw_write();
  w.put(tables::kDocByCustomer, records::doc_by_customer_key(d), {});
  if (!d.ref.empty()) w.put(tables::kDocByRef, records::doc_by_ref_key(d), {});
  if (d.open.is_positive())
    w.put(tables::kOpenItems, records::open_item_key(d), records::open_item_value(d));
}

void Tx::unindex_document(const Document& d) {
  auto& w = raw_write();
  w.del(tables::kDocByCustomer, records::doc_by_customer_key(d));
  if (!d.ref.empty()) w.del(tables::kDocByRef, records::doc_by_ref_key(d));
  w.del(tables::kOpenItems, records::open_item_key(d));
}

PostResult Tx::post(Document doc) {
  validate_id(doc.id, "document");
  validate_text(doc.ref, "reference", 512);
  validate_text(doc.memo, "memo");
  for (const auto& [k, v] : doc.attrs) {
    validate_text(k, "attribute name", 64);
    validate_text(v, "attribute '" + k + "'");
  }
  if (doc.amount.currency().empty()) fail_conflict("document '" + doc.id + "' has no currency");
  if (!doc.amount.is_positive())
    fail_conflict("document '" + doc.id + "': amount must be positive, got " + doc.amount.str());
  if (doc.due == Date{}) doc.due = doc.issued;
  if (doc.due < doc.issued)
    fail_conflict("document '" + doc.id + "': due date " + format_date(doc.due) +
                  " is before its date " + format_date(doc.issued));
  if (doc.customer.empty()) {
    if (doc.kind != DocKind::kReceipt)
      fail_conflict("document '" + doc.id + "': only a receipt may be posted without a customer");
  } else {
    const auto c = customer(doc.customer);
    if (!(c.currency == doc.amount.currency()))
      fail_conflict("document '" + doc.id + "' is in " + std::string(doc.amount.currency().code()) +
                    " but customer '" + c.id + "' is billed in " + std::string(c.currency.code()));
  }
  if (auto existing = find_document(doc.id)) {
    if (existing->same_content(doc)) return {Outcome::kUnchanged, std::move(*existing)};
    fail_conflict("document '" + doc.id + "' already exists with different content (" +
                  describe_difference(*existing, doc) + ")");
  }
  check_not_locked(doc.issued, std::string(to_string(doc.kind)) + " '" + doc.id + "'");

  doc.open = doc.amount;
  doc.status = DocStatus::kOpen;
  doc.links.clear();
  doc.posted_seq = next_seq();
  store_document(doc);
  index_document(doc);
  note_activity(doc.issued);
  add_to_balance(doc.customer, doc.amount.currency(), doc.kind, doc.amount, 1);
  publish(events::DocumentPosted{doc});
  return {Outcome::kCreated, std::move(doc)};
}

void Tx::adjust_open(Document& d, const Money& delta, bool to_void) {
  const Money before = d.open;
  const Money after = d.open + delta;
  // Callers check amounts against what is open: this is the last line.
  ARCTL_ASSERT(!after.is_negative() && !(after > d.amount),
               "the open amount of '" + d.id + "' would leave 0.." + d.amount.str());
  auto& w = raw_write();
  const auto key = records::open_item_key(d);
  d.open = after;
  if (to_void)
    d.status = DocStatus::kVoid;
  else
    d.status = after.is_zero() ? DocStatus::kClosed : DocStatus::kOpen;
  if (after.is_positive())
    w.put(tables::kOpenItems, key, records::open_item_value(d));
  else
    w.del(tables::kOpenItems, key);
  const int items = (before.is_positive() ? -1 : 0) + (after.is_positive() ? 1 : 0);
  add_to_balance(d.customer, d.amount.currency(), d.kind, delta, items);
  store_document(d);
}

void Tx::void_document(std::string_view id, std::string_view reason, Date date) {
  if (reason.empty()) fail_usage("voiding needs a --reason");
  auto d = document(id);
  if (d.status == DocStatus::kVoid) fail_conflict("'" + d.id + "' is already void");
  std::string applied;
  for (const auto& a : applications_of(d.id)) {
    if (!a.active()) continue;
    if (!applied.empty()) applied += ", ";
    applied += a.amount.str() + " from " + (a.from == d.id ? a.to : a.from) + " (application " +
               std::to_string(a.id) + ")";
  }
  if (!applied.empty())
    fail_conflict("'" + d.id + "' cannot be voided: it has " + applied +
                  " applied; reverse those first");
  // The void posts on `date`; the document's own date may lie in a locked
  // period (the void is then booked in the open one), but a void cannot
  // precede what it voids, as a credit note cannot.
  check_not_locked(date, "voiding '" + d.id + "'");
  if (date < d.issued)
    fail_conflict("voiding '" + d.id + "': dated " + format_date(date) + ", before the " +
                  std::string(to_string(d.kind)) + " (" + format_date(d.issued) + ")");
  const auto lock = lock_date();
  // The void date is kept so that balances as of an earlier date still see it.
  d.links["voided_on"] = format_date(date);
  const auto closed = d.open;
  adjust_open(d, -closed, true);
  note_change(date, d, 0, -closed.minor());
  note_activity(date);
  std::optional<Date> document_date;
  if (lock && d.issued <= *lock) document_date = d.issued;
  publish(events::DocumentVoided{d.id, d.kind, d.customer, d.amount, date, document_date,
                                 std::string(reason)});
}

void Tx::assign_customer(std::string_view id, std::string_view customer_id) {
  auto d = document(id);
  if (d.kind != DocKind::kReceipt || !d.customer.empty())
    fail_conflict("'" + d.id + "' is not an unassigned receipt");
  if (d.status == DocStatus::kVoid) fail_conflict("'" + d.id + "' is void");
  const auto c = customer(customer_id);
  move_to_customer(d, c);
  // Journals written before `date` existed book the assignment on the
  // receipt's date; readers fall back to that when it is missing.
  const Date posted = posting_date(d.issued);
  publish(events::DocumentAssigned{d.id, c.id, d.amount, posted,
                                   posted != d.issued ? std::optional(d.issued) : std::nullopt});
}

// The indexes and balances keyed by customer follow the document; its open
// amount and status do not change.
void Tx::move_to_customer(Document& d, const Customer& c) {
  if (!(c.currency == d.amount.currency()))
    fail_conflict("receipt '" + d.id + "' is in " + std::string(d.amount.currency().code()) +
                  " but customer '" + c.id + "' is billed in " + std::string(c.currency.code()));
  unindex_document(d);
  add_to_balance(d.customer, d.amount.currency(), d.kind, -d.open, d.open.is_positive() ? -1 : 0);
  d.customer = c.id;
  index_document(d);
  add_to_balance(d.customer, d.amount.currency(), d.kind, d.open, d.open.is_positive() ? 1 : 0);
  store_document(d);
}

void Tx::reassign_receipt(std::string_view id, std::string_view customer_id) {
  auto d = document(id);
  if (d.kind != DocKind::kReceipt) fail_conflict("'" + d.id + "' is not a receipt");
  if (d.status == DocStatus::kVoid) fail_conflict("'" + d.id + "' is void");
  if (d.customer.empty())
    fail_conflict("'" + d.id + "' is in suspense: assign it to its customer instead");
  const auto c = customer(customer_id);
  if (c.id == d.customer) fail_conflict("'" + d.id + "' already belongs to '" + c.id + "'");
  for (const auto& a : applications_of(d.id))
    if (a.active())
      fail_conflict("'" + d.id + "' still has application " + std::to_string(a.id) + " to " + a.to +
                    "; reverse its applications first");
  const auto from = d.customer;
  move_to_customer(d, c);
  publish(events::DocumentReassigned{d.id, from, c.id, d.amount, d.open});
}

void Tx::set_link(std::string_view id, std::string_view key, std::string_view value) {
  auto d = document(id);
  validate_text(key, "link name", 64);
  validate_text(value, "link '" + std::string(key) + "'");
  if (value.empty())
    d.links.erase(std::string(key));
  else
    d.links[std::string(key)] = std::string(value);
  store_document(d);
  publish(events::DocumentLinked{d.id, std::string(key), std::string(value)});
}

void Tx::documents_of(std::string_view customer_id, Date from, Date to,
                      const std::function<bool(const Document&)>& fn) {
  const auto prefix = KeyBuilder().str(customer_id).bytes();
  auto c = read_.cursor(tables::kDocByCustomer);
  for (bool ok = c->seek(KeyBuilder().str(customer_id).date(from)); ok; ok = c->next()) {
    const auto key = c->key();
    if (key.substr(0, prefix.size()) != prefix) break;
    KeyReader r(key);
    r.skip_str();
    if (r.date() > to) break;
    const auto id = r.str();
    auto v = read_.get(tables::kDocuments, id);
    if (!v) fail(ErrorKind::kError, "index doc_by_customer names a missing document '" + id + "'");
    if (!fn(records::decode_document(*v))) break;
  }
}

void Tx::for_each_document(const std::function<bool(const Document&)>& fn) {
  auto c = read_.cursor(tables::kDocuments);
  for (bool ok = c->first(); ok; ok = c->next())
    if (!fn(records::decode_document(c->value()))) break;
}

std::vector<std::string> Tx::documents_by_ref(std::string_view ref) {
  std::vector<std::string> out;
  const auto prefix = KeyBuilder().str(ref).bytes();
  auto c = read_.cursor(tables::kDocByRef);
  for (bool ok = c->seek(prefix); ok; ok = c->next()) {
    if (c->key().substr(0, prefix.size()) != prefix) break;
    KeyReader r(c->key());
    r.skip_str();
    out.push_back(r.str());
  }
  return out;
}

void Tx::open_items(const std::function<bool(const OpenItem&)>& fn,
                    std::optional<std::string_view> customer_id, bool debits, bool credits) {
  auto c = read_.cursor(tables::kOpenItems);
  auto scan = [&](const Bytes& prefix, int side) {
    for (bool ok = prefix.empty() ? c->first() : c->seek(prefix); ok; ok = c->next()) {
      const auto key = c->key();
      if (key.substr(0, prefix.size()) != prefix) return true;
      if (side < 0) {
        // Whole-ledger scan: filter sides by peeking at the side byte.
        KeyReader r(key);
        r.skip_str();
        const int s = r.u8();
        if ((s == 0 && !debits) || (s == 1 && !credits)) continue;
      }
      if (!fn(records::decode_open_item(key, c->value()))) return false;
    }
    return true;
  };
  if (!customer_id) {
    scan({}, -1);
    return;
  }
  if (debits && !scan(records::open_item_prefix(*customer_id, 0), 0)) return;
  if (credits) scan(records::open_item_prefix(*customer_id, 1), 1);
}

}  // namespace arctl
