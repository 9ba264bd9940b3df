// Keys and versioned binary records of the holds plugin's tables.
#include "hold_tables.hpp"

#include "arctl/codec.hpp"
#include "arctl/record.hpp"

namespace arctl::holds {
namespace {

constexpr std::uint8_t kVersion = 1;

using record::field;

const auto kProfile =
    record::layout<Profile>(kVersion, field("guarantee_amount", &Profile::guarantee_amount),
                            field("guarantee_expiry", &Profile::guarantee_expiry),
                            field("review_date", &Profile::review_date));

// The customer and reason are the key; the value holds the rest.
const auto kHold =
    record::layout<Hold>(kVersion, field("detail", &Hold::detail), field("since", &Hold::since),
                         field("time_micros", &Hold::time_micros), field("actor", &Hold::actor),
                         field("seq", &Hold::seq));

const auto kHistory = record::layout<HistoryEntry>(
    kVersion, field("action", &HistoryEntry::action), field("reason", &HistoryEntry::reason),
    field("detail", &HistoryEntry::detail), field("date", &HistoryEntry::date),
    field("time_micros", &HistoryEntry::time_micros), field("actor", &HistoryEntry::actor));

const auto kOrder =
    record::layout<Order>(kVersion, field("amount", &Order::amount), field("date", &Order::date));

// A hold or an order: its key is (customer, `second`), its value the rest.
template <typename R, typename Layout>
R decode_keyed(const Layout& layout, std::string R::*second, std::string_view table, BytesView key,
               BytesView v) {
  KeyReader k(key);
  R r;
  r.customer = k.str();
  r.*second = k.str();
  layout.decode_into(v, r, {table, key});
  return r;
}

Hold decode_hold(BytesView key, BytesView v) {
  return decode_keyed(kHold, &Hold::reason, "x.holds.holds", key, v);
}

HistoryEntry decode_history(BytesView key, BytesView v) {
  KeyReader k(key);
  k.skip_str();
  HistoryEntry h;
  h.seq = k.u64();
  kHistory.decode_into(v, h, {"x.holds.history", key});
  return h;
}

Order decode_order(BytesView key, BytesView v) {
  return decode_keyed(kOrder, &Order::id, "x.holds.orders", key, v);
}

// Every record of `t` under `customer`, in key order, decoded by `decode(key, value)`.
template <typename Decode>
auto records_of(PluginTable t, const std::string& customer, Decode decode) {
  std::vector<decltype(decode(BytesView{}, BytesView{}))> out;
  t.scan(KeyBuilder().str(customer), [&](BytesView k, BytesView v) {
    out.push_back(decode(k, v));
    return true;
  });
  return out;
}

}  // namespace

Profile HoldTables::profile(Tx& tx, const std::string& customer) {
  const auto key = KeyBuilder().str(customer).bytes();
  auto v = tx.table(handle_, "profiles").get(key);
  return v ? kProfile.decode(*v, {"x.holds.profiles", key}) : Profile{};
}

void HoldTables::put_profile(Tx& tx, const std::string& customer, const Profile& p) {
  auto t = tx.table(handle_, "profiles");
  if (p.empty())
    t.del(KeyBuilder().str(customer));
  else
    t.put(KeyBuilder().str(customer), kProfile.encode(p));
}

std::vector<Hold> HoldTables::holds_of(Tx& tx, const std::string& customer) {
  return records_of(tx.table(handle_, "holds"), customer, decode_hold);
}

void HoldTables::for_each_hold(Tx& tx, const std::function<void(const Hold&)>& fn) {
  tx.table(handle_, "holds").scan({}, [&](BytesView k, BytesView v) {
    fn(decode_hold(k, v));
    return true;
  });
}

void HoldTables::put_hold(Tx& tx, const Hold& h) {
  tx.table(handle_, "holds").put(KeyBuilder().str(h.customer).str(h.reason), kHold.encode(h));
}

void HoldTables::erase_hold(Tx& tx, const std::string& customer, const std::string& reason) {
  tx.table(handle_, "holds").del(KeyBuilder().str(customer).str(reason));
}

void HoldTables::add_history(Tx& tx, const std::string& customer, const HistoryEntry& e) {
  tx.table(handle_, "history").put(KeyBuilder().str(customer).u64(e.seq), kHistory.encode(e));
}

std::vector<HistoryEntry> HoldTables::history(Tx& tx, const std::string& customer) {
  return records_of(tx.table(handle_, "history"), customer, decode_history);
}

std::vector<Order> HoldTables::orders_of(Tx& tx, const std::string& customer) {
  return records_of(tx.table(handle_, "orders"), customer, decode_order);
}

std::optional<Order> HoldTables::order(Tx& tx, const std::string& customer, const std::string& id) {
  const auto key = KeyBuilder().str(customer).str(id);
  auto v = tx.table(handle_, "orders").get(key);
  if (!v) return std::nullopt;
  return decode_order(key, *v);
}

void HoldTables::put_order(Tx& tx, const Order& o) {
  tx.table(handle_, "orders").put(KeyBuilder().str(o.customer).str(o.id), kOrder.encode(o));
}

void HoldTables::erase_order(Tx& tx, const std::string& customer, const std::string& id) {
  tx.table(handle_, "orders").del(KeyBuilder().str(customer).str(id));
}

void HoldTables::add_fact(Tx& tx, const char* kind, const std::string& customer, const Fact& f) {
  Encoder e(kVersion);
  e.money(f.amount);
  tx.table(handle_, kind)
      .put(KeyBuilder().str(customer).date(f.date).str(f.id), std::move(e).bytes());
}

std::optional<Fact> HoldTables::latest_fact(Tx& tx, const char* kind, const std::string& customer,
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
