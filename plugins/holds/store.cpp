// Keys and versioned binary records of the holds plugin's tables.
#include "store.hpp"

#include "arctl/codec.hpp"

namespace arctl::holds {
namespace {

constexpr std::uint8_t kVersion = 1;

Bytes encode(const Profile& p) {
  Encoder e(kVersion);
  e.boolean(p.guarantee_amount.has_value());
  if (p.guarantee_amount) e.money(*p.guarantee_amount);
  e.boolean(p.guarantee_expiry.has_value());
  if (p.guarantee_expiry) e.date(*p.guarantee_expiry);
  e.boolean(p.review_date.has_value());
  if (p.review_date) e.date(*p.review_date);
  return std::move(e).bytes();
}

Profile decode_profile(BytesView v) {
  Decoder d(v, kVersion);
  Profile p;
  if (d.boolean()) p.guarantee_amount = d.money();
  if (d.boolean()) p.guarantee_expiry = d.date();
  if (d.boolean()) p.review_date = d.date();
  return p;
}

Bytes encode(const Hold& h) {
  Encoder e(kVersion);
  e.str(h.detail).date(h.since).i64(h.time_micros).str(h.actor).u64(h.seq);
  return std::move(e).bytes();
}

Hold decode_hold(BytesView key, BytesView v) {
  KeyReader k(key);
  Hold h;
  h.customer = k.str();
  h.reason = k.str();
  Decoder d(v, kVersion);
  h.detail = d.str();
  h.since = d.date();
  h.time_micros = d.i64();
  h.actor = d.str();
  h.seq = d.u64();
  return h;
}

Bytes encode(const HistoryEntry& h) {
  Encoder e(kVersion);
  e.str(h.action).str(h.reason).str(h.detail).date(h.date).i64(h.time_micros).str(h.actor);
  return std::move(e).bytes();
}

HistoryEntry decode_history(BytesView key, BytesView v) {
  KeyReader k(key);
  k.skip_str();
  HistoryEntry h;
  h.seq = k.u64();
  Decoder d(v, kVersion);
  h.action = d.str();
  h.reason = d.str();
  h.detail = d.str();
  h.date = d.date();
  h.time_micros = d.i64();
  h.actor = d.str();
  return h;
}

Order decode_order(BytesView key, BytesView v) {
  KeyReader k(key);
  Order o;
  o.customer = k.str();
  o.id = k.str();
  Decoder d(v, kVersion);
  o.amount = d.money();
  o.date = d.date();
  return o;
}

}  // namespace

Profile Store::profile(Tx& tx, const std::string& customer) {
  auto v = tx.table(handle_, "profiles").get(KeyBuilder().str(customer));
  return v ? decode_profile(*v) : Profile{};
}

void Store::put_profile(Tx& tx, const std::string& customer, const Profile& p) {
  auto t = tx.table(handle_, "profiles");
  if (p.empty())
    t.del(KeyBuilder().str(customer));
  else
    t.put(KeyBuilder().str(customer), encode(p));
}

std::vector<Hold> Store::holds_of(Tx& tx, const std::string& customer) {
  std::vector<Hold> out;
  tx.table(handle_, "holds").scan(KeyBuilder().str(customer), [&](BytesView k, BytesView v) {
    out.push_back(decode_hold(k, v));
    return true;
  });
  return out;
}

void Store::for_each_hold(Tx& tx, const std::function<void(const Hold&)>& fn) {
  tx.table(handle_, "holds").scan({}, [&](BytesView k, BytesView v) {
    fn(decode_hold(k, v));
    return true;
  });
}

void Store::put_hold(Tx& tx, const Hold& h) {
  tx.table(handle_, "holds").put(KeyBuilder().str(h.customer).str(h.reason), encode(h));
}

void Store::erase_hold(Tx& tx, const std::string& customer, const std::string& reason) {
  tx.table(handle_, "holds").del(KeyBuilder().str(customer).str(reason));
}

void Store::add_history(Tx& tx, const std::string& customer, const HistoryEntry& e) {
  tx.table(handle_, "history").put(KeyBuilder().str(customer).u64(e.seq), encode(e));
}

std::vector<HistoryEntry> Store::history(Tx& tx, const std::string& customer) {
  std::vector<HistoryEntry> out;
  tx.table(handle_, "history").scan(KeyBuilder().str(customer), [&](BytesView k, BytesView v) {
    out.push_back(decode_history(k, v));
    return true;
  });
  return out;
}

std::vector<Order> Store::orders_of(Tx& tx, const std::string& customer) {
  std::vector<Order> out;
  tx.table(handle_, "orders").scan(KeyBuilder().str(customer), [&](BytesView k, BytesView v) {
    out.push_back(decode_order(k, v));
    return true;
  });
  return out;
}

std::optional<Order> Store::order(Tx& tx, const std::string& customer, const std::string& id) {
  const auto key = KeyBuilder().str(customer).str(id);
  auto v = tx.table(handle_, "orders").get(key);
  if (!v) return std::nullopt;
  return decode_order(key, *v);
}

void Store::put_order(Tx& tx, const Order& o) {
  Encoder e(kVersion);
  e.money(o.amount).date(o.date);
  tx.table(handle_, "orders").put(KeyBuilder().str(o.customer).str(o.id), std::move(e).bytes());
}

void Store::erase_order(Tx& tx, const std::string& customer, const std::string& id) {
  tx.table(handle_, "orders").del(KeyBuilder().str(customer).str(id));
}

void Store::add_fact(Tx& tx, const char* kind, const std::string& customer, const Fact& f) {
  Encoder e(kVersion);
  e.money(f.amount);
  tx.table(handle_, kind)
      .put(KeyBuilder().str(customer).date(f.date).str(f.id), std::move(e).bytes());
}

std::optional<Fact> Store::latest_fact(Tx& tx, const char* kind, const std::string& customer,
                                       Date from, Date to) {
  std::optional<Fact> best;
  const auto prefix = KeyBuilder().str(customer).bytes();
  tx.table(handle_, kind).scan(prefix, [&](BytesView k, BytesView v) {
    KeyReader r(k);
    r.skip_str();
    Fact f;
    f.date = r.date();
    if (f.date > to) return false;
    if (f.date < from) return true;
    f.id = r.str();
    f.amount = Decoder(v, kVersion).money();
    best = f;
    return true;
  });
  return best;
}

}  // namespace arctl::holds
