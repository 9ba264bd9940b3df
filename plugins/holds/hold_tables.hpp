// The holds plugin's own tables: credit profiles (guarantee, review date),
// open orders, active holds, hold history, and the dated facts the rules
// look back on (returned payments, broken promises).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "arctl/ledger.hpp"

namespace arctl::holds {

// What credit control knows about a customer beyond the kernel's limit and terms.
struct Profile {
  std::optional<Money> guarantee_amount;
  std::optional<Date> guarantee_expiry;
  std::optional<Date> review_date;
  bool empty() const { return !guarantee_amount && !guarantee_expiry && !review_date; }
  friend bool operator==(const Profile&, const Profile&) = default;
};

struct Hold {
  std::string customer;
  std::string reason;  // a reason code
  std::string detail;  // why, for people
  Date since{};        // business date it was placed
  std::int64_t time_micros = 0;
  std::string actor;
  std::uint64_t seq = 0;  // journal sequence of hold.placed
};

struct HistoryEntry {
  std::uint64_t seq = 0;  // journal sequence of the event
  std::string action;     // placed, released
  std::string reason;
  std::string detail;
  Date date{};  // business date
  std::int64_t time_micros = 0;
  std::string actor;
};

struct Order {
  std::string customer;
  std::string id;
  Money amount;
  Date date{};
};

// A dated fact the rules look back on: a returned payment, a broken promise.
struct Fact {
  Date date{};
  std::string id;
  Money amount;
};

class HoldTables {
 public:
  explicit HoldTables(const PluginHandle& handle) : handle_(handle) {}

  Profile profile(Tx& tx, const std::string& customer);
  void put_profile(Tx& tx, const std::string& customer, const Profile& p);

  std::vector<Hold> holds_of(Tx& tx, const std::string& customer);
  void for_each_hold(Tx& tx, const std::function<void(const Hold&)>& fn);
  void put_hold(Tx& tx, const Hold& h);
  void erase_hold(Tx& tx, const std::string& customer, const std::string& reason);

  void add_history(Tx& tx, const std::string& customer, const HistoryEntry& e);
  std::vector<HistoryEntry> history(Tx& tx, const std::string& customer);

  std::vector<Order> orders_of(Tx& tx, const std::string& customer);
  std::optional<Order> order(Tx& tx, const std::string& customer, const std::string& id);
  void put_order(Tx& tx, const Order& o);
  void erase_order(Tx& tx, const std::string& customer, const std::string& id);

  // kind is "returns" or "promises".
  void add_fact(Tx& tx, const char* kind, const std::string& customer, const Fact& f);
  // The latest fact dated on or after `from` (and not after `to`), if any.
  std::optional<Fact> latest_fact(Tx& tx, const char* kind, const std::string& customer, Date from,
                                  Date to);

 private:
  const PluginHandle& handle_;
};

}  // namespace arctl::holds
