// Binary encodings of the plugin's records (version 1; activities version 2)
// and the table access.
#include "records.hpp"

#include <algorithm>

#include "arctl/error.hpp"
#include "arctl/record.hpp"

namespace arctl::disputes {
namespace {

constexpr std::uint8_t kVersion = 1;

// Cases are indexed by (customer, invoice, id) while unresolved so that the
// dispute service answers "how much of this document is disputed" with a
// short prefix scan instead of reading every case.
Bytes open_key(const Case& c) {
  return KeyBuilder().str(c.customer).str(c.invoice).str(c.id).bytes();
}

using record::field;
using record::minor_in;

const auto kCase = record::layout<Case>(
    kVersion, field("id", &Case::id), field("kind", &Case::kind),
    field("customer", &Case::customer), field("invoice", &Case::invoice),
    field("amount", &Case::amount), field("reason", &Case::reason), field("status", &Case::status),
    field("level", &Case::level), field("level_since", &Case::level_since),
    field("owner", &Case::owner), field("opened", &Case::opened),
    field("opened_by", &Case::opened_by), field("source", &Case::source),
    field("source_ref", &Case::source_ref), field("resolved", &Case::resolved),
    field("outcome", &Case::outcome),
    // In the case's currency: only the minor units are stored.
    minor_in("resolved_amount", &Case::resolved_amount, &Case::amount),
    field("documents", &Case::documents), field("history_count", &Case::history_count));

const auto kHistory = record::layout<HistoryEntry>(
    kVersion, field("n", &HistoryEntry::n), field("date", &HistoryEntry::date),
    field("actor", &HistoryEntry::actor), field("action", &HistoryEntry::action),
    field("from", &HistoryEntry::from), field("to", &HistoryEntry::to),
    field("amount", &HistoryEntry::amount), field("note", &HistoryEntry::note));

const auto kPromise = record::layout<Promise>(
    kVersion, field("id", &Promise::id), field("customer", &Promise::customer),
    field("invoice", &Promise::invoice), field("amount", &Promise::amount),
    field("date", &Promise::date), field("made", &Promise::made),
    field("made_by", &Promise::made_by), field("note", &Promise::note),
    field("status", &Promise::status), field("checked", &Promise::checked),
    minor_in("paid", &Promise::paid, &Promise::amount));

// Approvals are stored as (actor, date) pairs in the record's middle ...
struct ApprovalsField {
  void put(Encoder& e, const Proposal& p) const {
    e.u64(p.approvals.size());
    for (const auto& a : p.approvals)
      e.str(a.actor).date(a.date);
  }
  void get(Decoder& d, Proposal& p) const {
    record::read_count(d, [&] {
      auto& a = p.approvals.emplace_back();
      a.actor = d.str();
      a.date = d.date();
    });
  }
};

// ... and their logins at its end: appended later, so that proposals stored
// before keep decoding.
struct ApprovalLoginsField {
  void put(Encoder& e, const Proposal& p) const {
    for (const auto& a : p.approvals)
      e.str(a.login);
  }
  void get(Decoder& d, Proposal& p) const {
    if (!d.done())
      for (auto& a : p.approvals)
        a.login = d.str();
  }
};

const auto kProposal = record::layout<Proposal>(
    kVersion, field("id", &Proposal::id), field("invoice", &Proposal::invoice),
    field("customer", &Proposal::customer), field("amount", &Proposal::amount),
    field("reason", &Proposal::reason), field("dispute", &Proposal::dispute),
    field("proposed_by", &Proposal::proposed_by), field("proposed", &Proposal::proposed),
    field("status", &Proposal::status), field("required", &Proposal::required), ApprovalsField{},
    field("document", &Proposal::document), field("rejected_by", &Proposal::rejected_by),
    field("reject_reason", &Proposal::reject_reason), field("closed", &Proposal::closed),
    ApprovalLoginsField{});

// Version 2 appended the result code, the contact, the next action's type
// and what the result created; version 1 records decode with them empty.
constexpr std::uint8_t kActivityVersion = 2;
const auto kActivity = record::layout<Activity>(
    kActivityVersion, field("seq", &Activity::seq), field("customer", &Activity::customer),
    field("type", &Activity::type), field("note", &Activity::note), field("date", &Activity::date),
    record::field_as<record::FlaggedValue<Date>>("next_action", &Activity::next_action),
    field("actor", &Activity::actor), field("result", &Activity::result, 2),
    field("contact", &Activity::contact, 2),
    field("next_action_type", &Activity::next_action_type, 2),
    field("promise", &Activity::promise, 2), field("dispute", &Activity::dispute, 2));

// The record stored under `id` alone (cases, promises, write-off proposals).
template <typename Layout>
auto find_by_id(PluginTable t, const Layout& layout, const std::string& id)
    -> std::optional<decltype(layout.decode(BytesView{}))> {
  const auto key = KeyBuilder().str(id).bytes();
  auto v = t.get(key);
  if (!v) return std::nullopt;
  return layout.decode(*v, {t.name(), key});
}

// Decodes each record whose key starts with `prefix`, in key order, until `fn`
// returns false.
template <typename Layout, typename Fn>
void scan_records(PluginTable t, BytesView prefix, const Layout& layout, const Fn& fn) {
  t.scan(prefix, [&](BytesView k, BytesView v) { return fn(layout.decode(v, {t.name(), k})); });
}

}  // namespace

std::optional<Case> Records::find_case(const std::string& id) {
  return find_by_id(table("cases"), kCase, id);
}

Case Records::get_case(const std::string& id) {
  auto c = find_case(id);
  if (!c) fail_not_found("no dispute case '" + id + "'");
  return std::move(*c);
}

void Records::put_case(const Case& c) {
  // The mark is kept from a ledger's first case on; one with cases written
  // before it has none and is always read the slow way (latest_case_date).
  const auto latest = latest_case_date();
  const bool keep = latest || !any_case();
  table("cases").put(KeyBuilder().str(c.id), kCase.encode(c));
  auto idx = table("unresolved");
  if (c.status == "resolved")
    idx.del(open_key(c));
  else
    idx.put(open_key(c), {});
  if (!keep) return;
  const auto day = c.status == "resolved" ? std::max(c.opened, c.resolved) : c.opened;
  if (latest && day <= *latest) return;
  Encoder e(kVersion);
  e.date(day);
  table("meta").put(KeyBuilder().str("latest_case_date"), std::move(e).bytes());
}

bool Records::any_case() {
  bool any = false;
  table("cases").scan({}, [&](BytesView, BytesView) {
    any = true;
    return false;
  });
  return any;
}

std::optional<Date> Records::latest_case_date() {
  auto v = table("meta").get(KeyBuilder().str("latest_case_date"));
  if (!v) return std::nullopt;
  Decoder d(*v, kVersion);
  return d.date();
}

void Records::add_history(Case& c, HistoryEntry e) {
  e.n = ++c.history_count;
  table("history").put(KeyBuilder().str(c.id).u32(e.n), kHistory.encode(e));
}

std::vector<HistoryEntry> Records::history(const std::string& id) {
  std::vector<HistoryEntry> out;
  scan_records(table("history"), KeyBuilder().str(id), kHistory, [&](HistoryEntry e) {
    out.push_back(std::move(e));
    return true;
  });
  return out;
}

void Records::for_each_case(const std::function<bool(const Case&)>& fn) {
  scan_records(table("cases"), {}, kCase, fn);
}

std::vector<Case> Records::unresolved(std::optional<std::string_view> customer,
                                      std::optional<std::string_view> invoice) {
  KeyBuilder prefix;
  if (customer) {
    prefix.str(*customer);
    if (invoice) prefix.str(*invoice);
  }
  std::vector<Case> out;
  table("unresolved").scan(prefix, [&](BytesView key, BytesView) {
    KeyReader r(key);
    r.skip_str();
    r.skip_str();
    out.push_back(get_case(r.str()));
    return true;
  });
  return out;
}

std::optional<Promise> Records::find_promise(const std::string& id) {
  return find_by_id(table("promises"), kPromise, id);
}

void Records::put_promise(const Promise& p) {
  table("promises").put(KeyBuilder().str(p.id), kPromise.encode(p));
}

void Records::for_each_promise(const std::function<bool(const Promise&)>& fn) {
  scan_records(table("promises"), {}, kPromise, fn);
}

std::optional<Proposal> Records::find_proposal(const std::string& id) {
  return find_by_id(table("writeoffs"), kProposal, id);
}

void Records::put_proposal(const Proposal& p) {
  table("writeoffs").put(KeyBuilder().str(p.id), kProposal.encode(p));
}

void Records::for_each_proposal(const std::function<bool(const Proposal&)>& fn) {
  scan_records(table("writeoffs"), {}, kProposal, fn);
}

void Records::put_activity(const Activity& a) {
  table("activities").put(KeyBuilder().str(a.customer).u64(a.seq), kActivity.encode(a));
}

void Records::for_each_activity(std::optional<std::string_view> customer,
                                const std::function<bool(const Activity&)>& fn) {
  KeyBuilder prefix;
  if (customer) prefix.str(*customer);
  scan_records(table("activities"), prefix, kActivity, fn);
}

}  // namespace arctl::disputes
