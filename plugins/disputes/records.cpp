// Binary encodings of the plugin's records (version 1) and the table access.
#include "records.hpp"

#include <algorithm>

#include "arctl/error.hpp"

namespace arctl::disputes {
namespace {

constexpr std::uint8_t kVersion = 1;

// Cases are indexed by (customer, invoice, id) while unresolved so that the
// dispute service answers "how much of this document is disputed" with a
// short prefix scan instead of reading every case.
Bytes open_key(const Case& c) {
  return KeyBuilder().str(c.customer).str(c.invoice).str(c.id).bytes();
}

void encode_strings(Encoder& e, const std::vector<std::string>& v) {
  e.u64(v.size());
  for (const auto& s : v)
    e.str(s);
}

std::vector<std::string> decode_strings(Decoder& d) {
  std::vector<std::string> v(d.u64());
  for (auto& s : v)
    s = d.str();
  return v;
}

Bytes encode(const Case& c) {
  Encoder e(kVersion);
  e.str(c.id).str(c.kind).str(c.customer).str(c.invoice).money(c.amount).str(c.reason);
  e.str(c.status).str(c.level).date(c.level_since).str(c.owner).date(c.opened).str(c.opened_by);
  e.str(c.source).str(c.source_ref).date(c.resolved).str(c.outcome);
  // In the case's currency: only the minor units are stored.
  e.i64(c.resolved_amount.minor());
  encode_strings(e, c.documents);
  e.u64(c.history_count);
  return std::move(e).bytes();
}

Case decode_case(BytesView v) {
  Decoder d(v, kVersion);
  Case c;
  c.id = d.str();
  c.kind = d.str();
  c.customer = d.str();
  c.invoice = d.str();
  c.amount = d.money();
  c.reason = d.str();
  c.status = d.str();
  c.level = d.str();
  c.level_since = d.date();
  c.owner = d.str();
  c.opened = d.date();
  c.opened_by = d.str();
  c.source = d.str();
  c.source_ref = d.str();
  c.resolved = d.date();
  c.outcome = d.str();
  c.resolved_amount = Money(d.i64(), c.amount.currency());
  c.documents = decode_strings(d);
  c.history_count = static_cast<std::uint32_t>(d.u64());
  return c;
}

Bytes encode(const HistoryEntry& h) {
  Encoder e(kVersion);
  e.u64(h.n).date(h.date).str(h.actor).str(h.action).str(h.from).str(h.to).str(h.amount);
  e.str(h.note);
  return std::move(e).bytes();
}

HistoryEntry decode_history(BytesView v) {
  Decoder d(v, kVersion);
  HistoryEntry h;
  h.n = static_cast<std::uint32_t>(d.u64());
  h.date = d.date();
  h.actor = d.str();
  h.action = d.str();
  h.from = d.str();
  h.to = d.str();
  h.amount = d.str();
  h.note = d.str();
  return h;
}

Bytes encode(const Promise& p) {
  Encoder e(kVersion);
  e.str(p.id).str(p.customer).str(p.invoice).money(p.amount).date(p.date).date(p.made);
  e.str(p.made_by).str(p.note).str(p.status).date(p.checked).i64(p.paid.minor());
  return std::move(e).bytes();
}

Promise decode_promise(BytesView v) {
  Decoder d(v, kVersion);
  Promise p;
  p.id = d.str();
  p.customer = d.str();
  p.invoice = d.str();
  p.amount = d.money();
  p.date = d.date();
  p.made = d.date();
  p.made_by = d.str();
  p.note = d.str();
  p.status = d.str();
  p.checked = d.date();
  p.paid = Money(d.i64(), p.amount.currency());
  return p;
}

Bytes encode(const Proposal& p) {
  Encoder e(kVersion);
  e.str(p.id).str(p.invoice).str(p.customer).money(p.amount).str(p.reason).str(p.dispute);
  e.str(p.proposed_by).date(p.proposed).str(p.status).u64(p.required);
  e.u64(p.approvals.size());
  for (const auto& a : p.approvals)
    e.str(a.actor).date(a.date);
  e.str(p.document).str(p.rejected_by).str(p.reject_reason).date(p.closed);
  // Appended later, so that proposals stored before keep decoding.
  for (const auto& a : p.approvals)
    e.str(a.login);
  return std::move(e).bytes();
}

Proposal decode_proposal(BytesView v) {
  Decoder d(v, kVersion);
  Proposal p;
  p.id = d.str();
  p.invoice = d.str();
  p.customer = d.str();
  p.amount = d.money();
  p.reason = d.str();
  p.dispute = d.str();
  p.proposed_by = d.str();
  p.proposed = d.date();
  p.status = d.str();
  p.required = static_cast<std::uint32_t>(d.u64());
  p.approvals.resize(d.u64());
  for (auto& a : p.approvals) {
    a.actor = d.str();
    a.date = d.date();
  }
  p.document = d.str();
  p.rejected_by = d.str();
  p.reject_reason = d.str();
  p.closed = d.date();
  if (!d.done())
    for (auto& a : p.approvals)
      a.login = d.str();
  return p;
}

Bytes encode(const Activity& a) {
  Encoder e(kVersion);
  e.u64(a.seq).str(a.customer).str(a.type).str(a.note).date(a.date);
  e.boolean(a.next_action.has_value()).date(a.next_action.value_or(Date{})).str(a.actor);
  return std::move(e).bytes();
}

Activity decode_activity(BytesView v) {
  Decoder d(v, kVersion);
  Activity a;
  a.seq = d.u64();
  a.customer = d.str();
  a.type = d.str();
  a.note = d.str();
  a.date = d.date();
  const bool has_next = d.boolean();
  const auto next = d.date();
  if (has_next) a.next_action = next;
  a.actor = d.str();
  return a;
}

}  // namespace

std::optional<Case> Records::find_case(const std::string& id) {
  auto v = table("cases").get(KeyBuilder().str(id));
  if (!v) return std::nullopt;
  return decode_case(*v);
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
  table("cases").put(KeyBuilder().str(c.id), encode(c));
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
  table("history").put(KeyBuilder().str(c.id).u32(e.n), encode(e));
}

std::vector<HistoryEntry> Records::history(const std::string& id) {
  std::vector<HistoryEntry> out;
  table("history").scan(KeyBuilder().str(id), [&](BytesView, BytesView v) {
    out.push_back(decode_history(v));
    return true;
  });
  return out;
}

void Records::for_each_case(const std::function<bool(const Case&)>& fn) {
  table("cases").scan({}, [&](BytesView, BytesView v) { return fn(decode_case(v)); });
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
  auto v = table("promises").get(KeyBuilder().str(id));
  if (!v) return std::nullopt;
  return decode_promise(*v);
}

void Records::put_promise(const Promise& p) {
  table("promises").put(KeyBuilder().str(p.id), encode(p));
}

void Records::for_each_promise(const std::function<bool(const Promise&)>& fn) {
  table("promises").scan({}, [&](BytesView, BytesView v) { return fn(decode_promise(v)); });
}

std::optional<Proposal> Records::find_proposal(const std::string& id) {
  auto v = table("writeoffs").get(KeyBuilder().str(id));
  if (!v) return std::nullopt;
  return decode_proposal(*v);
}

void Records::put_proposal(const Proposal& p) {
  table("writeoffs").put(KeyBuilder().str(p.id), encode(p));
}

void Records::for_each_proposal(const std::function<bool(const Proposal&)>& fn) {
  table("writeoffs").scan({}, [&](BytesView, BytesView v) { return fn(decode_proposal(v)); });
}

void Records::put_activity(const Activity& a) {
  table("activities").put(KeyBuilder().str(a.customer).u64(a.seq), encode(a));
}

void Records::for_each_activity(std::optional<std::string_view> customer,
                                const std::function<bool(const Activity&)>& fn) {
  KeyBuilder prefix;
  if (customer) prefix.str(*customer);
  table("activities").scan(prefix, [&](BytesView, BytesView v) { return fn(decode_activity(v)); });
}

}  // namespace arctl::disputes
