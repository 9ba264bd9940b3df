// The fault-injecting Store decorator (see fault_store.hpp). Operations are
// counted across every store the process opens, so "the 37th put" names one
// point of one command however many stores it uses.
#include "store/fault_store.hpp"

#include <array>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "arctl/error.hpp"

#ifdef ARCTL_FAULT_INJECTION
#include "store/pg_store.hpp"
#endif

namespace arctl {

#ifndef ARCTL_FAULT_INJECTION

std::unique_ptr<Store> with_injected_faults(std::unique_ptr<Store> store) {
  return store;
}

#else

namespace {

enum class Op { kGet, kPut, kDel, kCommit, kAny };
enum class Kind { kIo, kDiskFull, kMapFull, kConnectionLost };

// What ARCTL_FAULT may name (the operations in the order of Op).
constexpr std::array<std::pair<std::string_view, Op>, 5> kOps = {{{"get", Op::kGet},
                                                                  {"put", Op::kPut},
                                                                  {"del", Op::kDel},
                                                                  {"commit", Op::kCommit},
                                                                  {"any", Op::kAny}}};
constexpr std::array<std::pair<std::string_view, Kind>, 4> kKinds = {
    {{"io", Kind::kIo},
     {"disk-full", Kind::kDiskFull},
     {"map-full", Kind::kMapFull},
     {"connection-lost", Kind::kConnectionLost}}};

template <class Table>
auto lookup(const Table& table, std::string_view name)
    -> std::optional<typename Table::value_type::second_type> {
  for (const auto& [n, v] : table)
    if (n == name) return v;
  return std::nullopt;
}

struct Plan {
  bool count_only = false;
  Op op = Op::kAny;
  std::uint64_t nth = 0;
  Kind kind = Kind::kIo;
};

[[noreturn]] void bad_plan(const std::string& value, const std::string& why) {
  fail(ErrorKind::kUsage, "ARCTL_FAULT='" + value + "': " + why +
                              " (expected OP:N[:KIND], OP get|put|del|commit|any, KIND "
                              "io|disk-full|map-full|connection-lost, or count)");
}

Plan parse_plan(const std::string& value) {
  Plan plan;
  if (value == "count") {
    plan.count_only = true;
    return plan;
  }
  const auto c1 = value.find(':');
  if (c1 == std::string::npos) bad_plan(value, "no operation index");
  const std::string op = value.substr(0, c1);
  const auto c2 = value.find(':', c1 + 1);
  const std::string nth =
      value.substr(c1 + 1, c2 == std::string::npos ? std::string::npos : c2 - c1 - 1);
  const std::string kind = c2 == std::string::npos ? "io" : value.substr(c2 + 1);
  const auto op_found = lookup(kOps, op);
  if (!op_found) bad_plan(value, "unknown operation '" + op + "'");
  plan.op = *op_found;
  if (nth.empty() || nth.find_first_not_of("0123456789") != std::string::npos || nth.size() > 12 ||
      std::stoull(nth) == 0)
    bad_plan(value, "the index must be a whole number from 1");
  plan.nth = std::stoull(nth);
  const auto kind_found = lookup(kKinds, kind);
  if (!kind_found) bad_plan(value, "unknown fault '" + kind + "'");
  plan.kind = *kind_found;
  return plan;
}

// The process's count of operations, by kind and in all.
struct Counter {
  std::array<std::uint64_t, 4> by_op{};
  std::uint64_t all = 0;
  bool fired = false;
};

Counter& counter() {
  static Counter c;
  return c;
}

// Counts one operation; fails it when it is the planned one.
void tick(const Plan& plan, Store& inner, Op op, std::string_view table) {
  auto& c = counter();
  const auto index = ++c.by_op[static_cast<std::size_t>(op)];
  ++c.all;
  if (plan.count_only || c.fired) return;
  const auto n = plan.op == Op::kAny ? c.all : index;
  if ((plan.op != Op::kAny && plan.op != op) || n != plan.nth) return;
  c.fired = true;
  const std::string where =
      std::string(kOps[static_cast<std::size_t>(op)].first) + " #" + std::to_string(n) +
      (table.empty() ? "" : " in table '" + std::string(table) + "'") + ", injected by ARCTL_FAULT";
  switch (plan.kind) {
    case Kind::kIo:
      fail(ErrorKind::kError, std::string("store: ") + std::strerror(EIO) + " (" + where + ")");
    case Kind::kDiskFull:
      fail(ErrorKind::kError, std::string("store: ") + std::strerror(ENOSPC) + " (" + where + ")");
    case Kind::kMapFull:
      throw RetryTransaction{"the store's map is full (" + where + ")"};
    case Kind::kConnectionLost:
      if (inner.info().backend != kPgBackend)
        fail(ErrorKind::kUsage, "ARCTL_FAULT: connection-lost needs a PostgreSQL store");
      pg::sever_connections();  // the operation itself now meets the loss
      return;
  }
}

class FaultCursor final : public Cursor {
 public:
  explicit FaultCursor(std::unique_ptr<Cursor> inner) : inner_(std::move(inner)) {}
  bool seek(BytesView key) override { return inner_->seek(key); }
  bool first() override { return inner_->first(); }
  bool last() override { return inner_->last(); }
  bool next() override { return inner_->next(); }
  bool prev() override { return inner_->prev(); }
  bool valid() const override { return inner_->valid(); }
  BytesView key() const override { return inner_->key(); }
  BytesView value() const override { return inner_->value(); }

 private:
  std::unique_ptr<Cursor> inner_;
};

// What a fault transaction wraps, for the store calls that want their own.
class Wrapped {
 public:
  virtual ~Wrapped() = default;
  virtual ReadTxn& wrapped() = 0;
};

template <class Base>
class FaultReads : public Base, public Wrapped {
 public:
  FaultReads(const Plan& plan, Store& store, std::unique_ptr<Base> inner)
      : plan_(plan), store_(store), inner_(std::move(inner)) {}
  std::optional<BytesView> get(std::string_view table, BytesView key) override {
    tick(plan_, store_, Op::kGet, table);
    return inner_->get(table, key);
  }
  std::unique_ptr<Cursor> cursor(std::string_view table) override {
    tick(plan_, store_, Op::kGet, table);
    return std::make_unique<FaultCursor>(inner_->cursor(table));
  }
  ReadTxn& wrapped() override { return *inner_; }

 protected:
  const Plan& plan_;
  Store& store_;
  std::unique_ptr<Base> inner_;
};

class FaultWriteTxn final : public FaultReads<WriteTxn> {
 public:
  using FaultReads::FaultReads;
  void put(std::string_view table, BytesView key, BytesView value) override {
    tick(plan_, store_, Op::kPut, table);
    inner_->put(table, key, value);
  }
  bool del(std::string_view table, BytesView key) override {
    tick(plan_, store_, Op::kDel, table);
    return inner_->del(table, key);
  }
  void commit() override {
    tick(plan_, store_, Op::kCommit, {});
    inner_->commit();
  }
};

class FaultStore final : public Store {
 public:
  FaultStore(Plan plan, std::unique_ptr<Store> inner) : plan_(plan), inner_(std::move(inner)) {}
  ~FaultStore() override {
    if (!plan_.count_only) return;
    const auto& c = counter();
    std::fprintf(
        stderr, "ARCTL_FAULT: %llu store operations (get %llu, put %llu, del %llu, commit %llu)\n",
        static_cast<unsigned long long>(c.all), static_cast<unsigned long long>(c.by_op[0]),
        static_cast<unsigned long long>(c.by_op[1]), static_cast<unsigned long long>(c.by_op[2]),
        static_cast<unsigned long long>(c.by_op[3]));
  }
  std::unique_ptr<ReadTxn> begin_read() override {
    return std::make_unique<FaultReads<ReadTxn> >(plan_, *inner_, inner_->begin_read());
  }
  std::unique_ptr<WriteTxn> begin_write() override {
    return std::make_unique<FaultWriteTxn>(plan_, *inner_, inner_->begin_write());
  }
  void prepare_retry() override { inner_->prepare_retry(); }
  StoreInfo info() const override { return inner_->info(); }
  void backup(const std::filesystem::path& target) override { inner_->backup(target); }
  std::vector<std::string> tables(ReadTxn& txn) override {
    // The decorator's transactions wrap the inner store's: hand it its own.
    auto* w = dynamic_cast<Wrapped*>(&txn);
    return inner_->tables(w != nullptr ? w->wrapped() : txn);
  }

 private:
  Plan plan_;
  std::unique_ptr<Store> inner_;
};

}  // namespace

std::unique_ptr<Store> with_injected_faults(std::unique_ptr<Store> store) {
  const char* env = std::getenv("ARCTL_FAULT");
  if (env == nullptr || *env == '\0') return store;
  return std::make_unique<FaultStore>(parse_plan(env), std::move(store));
}

#endif

}  // namespace arctl
