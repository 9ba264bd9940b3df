// What the disputes plugin stores: cases and their history, promises to pay,
// write-off proposals and collection activities, as plain structs with their
// versioned binary encodings and the tables that hold them.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "arctl/codec.hpp"
#include "arctl/ledger.hpp"

namespace arctl::disputes {

// A case is a dispute (its amount is kept out of collectible balances) or a
// collection case opened by a broken promise (the amount stays collectible).
struct Case {
  std::string id;
  std::string kind = "dispute";  // dispute, collection
  std::string customer;
  std::string invoice;          // empty only for a collection case on account
  Money amount;                 // disputed (or, for collection, unpaid) amount
  std::string reason;           // quantity, price, ..., deduction, broken-promise
  std::string status = "open";  // open, pending (write-off awaiting approval), resolved
  std::string level;
  Date level_since{};  // the day the case entered its current level
  std::string owner;
  Date opened{};
  std::string opened_by;
  std::string source;  // manual, payment.short, promise.broken
  std::string source_ref;
  Date resolved{};
  std::string outcome;  // credit, rebill, customer-pays, write-off, paid, cancelled
  Money resolved_amount;
  std::vector<std::string> documents;  // documents or proposals the resolution created
  std::uint32_t history_count = 0;
};

// One line of a case's history: what happened, when, by whom.
struct HistoryEntry {
  std::uint32_t n = 0;
  Date date{};
  std::string actor;
  std::string action;  // opened, noted, assigned, escalated, resolved, ...
  std::string from, to;
  std::string amount;  // decimal text, empty when not relevant
  std::string note;
};

struct Promise {
  std::string id;
  std::string customer;
  std::string invoice;  // empty: on account
  Money amount;
  Date date{};  // paid by
  Date made{};  // when the promise was given
  std::string made_by;
  std::string note;
  std::string status = "open";  // open, kept, broken
  Date checked{};               // when it was marked kept or broken
  Money paid;                   // counted at that check
};

struct Approval {
  std::string actor;  // declared: --actor / ARCTL_ACTOR
  Date date{};
  std::string login;  // the operating-system login that ran the approval
};

struct Proposal {
  std::string id;
  std::string invoice;
  std::string customer;
  Money amount;
  std::string reason;
  std::string dispute;  // the case it resolves, if any
  std::string proposed_by;
  Date proposed{};
  std::string status = "pending";  // pending, posted, rejected
  std::uint32_t required = 1;      // approvals needed
  std::vector<Approval> approvals;
  std::string document;  // the posted write-off
  std::string rejected_by;
  std::string reject_reason;
  Date closed{};
};

struct Activity {
  std::uint64_t seq = 0;
  std::string customer;
  std::string type;  // call, email, visit, letter
  std::string note;
  Date date{};
  std::optional<Date> next_action;
  std::string actor;
  // Record version 2; empty in activities stored before.
  std::string result;            // a code of config activity.results; empty: none given
  std::string contact;           // the person spoken to, as typed
  std::string next_action_type;  // call, email, letter, visit, review; empty without next_action
  std::string promise;           // the promise to pay the result recorded
  std::string dispute;           // the dispute case the result opened
};

// Typed access to this plugin's tables inside one transaction.
class Records {
 public:
  Records(Tx& tx, const PluginHandle& handle) : tx_(tx), handle_(handle) {}

  std::optional<Case> find_case(const std::string& id);
  Case get_case(const std::string& id);  // Error(kNotFound)
  // Writes the case and keeps the index of unresolved cases in step.
  void put_case(const Case& c);
  void add_history(Case& c, HistoryEntry e);  // numbers the entry; caller saves the case
  std::vector<HistoryEntry> history(const std::string& id);
  void for_each_case(const std::function<bool(const Case&)>& fn);
  // Unresolved cases of one customer (optionally one document), from the index.
  std::vector<Case> unresolved(std::optional<std::string_view> customer,
                               std::optional<std::string_view> invoice = std::nullopt);
  // The latest day any case was opened or resolved, kept by put_case; nullopt
  // for a ledger whose cases were written before it was kept (or none).
  // Cost: one get.
  std::optional<Date> latest_case_date();

  std::optional<Promise> find_promise(const std::string& id);
  void put_promise(const Promise& p);
  void for_each_promise(const std::function<bool(const Promise&)>& fn);

  std::optional<Proposal> find_proposal(const std::string& id);
  void put_proposal(const Proposal& p);
  void for_each_proposal(const std::function<bool(const Proposal&)>& fn);

  void put_activity(const Activity& a);
  void for_each_activity(std::optional<std::string_view> customer,
                         const std::function<bool(const Activity&)>& fn);

 private:
  bool any_case();  // Cost: the first key of the cases table.
  PluginTable table(std::string_view name) { return tx_.table(handle_, name); }
  Tx& tx_;
  const PluginHandle& handle_;
};

}  // namespace arctl::disputes
