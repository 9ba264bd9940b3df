// The ledger checker. It trusts nothing it stored: balances are recomputed
// from documents and applications, indexes are verified in both directions,
// and the journal's chain is re-hashed from the first event.
#include "arctl/check.hpp"

#include <map>
#include <set>
#include <unordered_map>
#include <vector>

#include "arctl/error.hpp"
#include "arctl/plugin.hpp"
#include "arctl/plugin_host.hpp"
#include "ledger/records.hpp"
#include "ledger/tables.hpp"
#include "ledger/validate.hpp"

namespace arctl {

struct KernelAccess {
  static ReadTxn& read(Tx& tx) { return tx.raw_read(); }
};

namespace {

// The store failing (an I/O error, a full disk, a lost server) says nothing
// about the data: the check fails with it rather than report it as a finding
// (the stores' errors all begin "store: ").
bool store_failure(const std::exception& e) {
  return std::string_view(e.what()).starts_with("store: ");
}

class Checker {
 public:
  Checker(Tx& tx, std::size_t limit) : r_(KernelAccess::read(tx)), limit_(limit) {}

  CheckReport run() {
    guard("journal", [&] { journal(); });
    guard("application", [&] { applications(); });
    guard("document", [&] { documents(); });
    guard("index", [&] { indexes(); });
    guard("balance", [&] { balances(); });
    return std::move(report_);
  }

 private:
  template <class F>
  void guard(const char* area, F&& f) {
    try {
      f();
    } catch (const Error& e) {
      if (store_failure(e)) throw;
      add(area, current_, e.what());
    }
  }

  void add(std::string area, std::string record, std::string message) {
    if (report_.findings.size() < limit_)
      report_.findings.push_back({std::move(area), std::move(record), std::move(message)});
  }

  void journal() {
    Hash prev{};
    std::uint64_t expected = 1;
    auto c = r_.cursor(tables::kJournal);
    for (bool ok = c->first(); ok; ok = c->next(), ++expected) {
      const auto seq = KeyReader(c->key()).u64();
      current_ = "seq " + std::to_string(seq);
      if (seq != expected) {
        add("journal", "seq " + std::to_string(expected),
            "journal event " + std::to_string(expected) + " is missing (next is " +
                std::to_string(seq) + ")");
        return;
      }
      JournalEntry e;
      try {
        e = records::decode_journal(c->value());
      } catch (const Error& err) {
        if (store_failure(err)) throw;
        add("journal", current_,
            "journal event " + std::to_string(seq) + " is corrupt: " + err.what());
        return;
      }
      if (e.seq != seq || e.prev != prev) {
        add("journal", current_,
            "journal event " + std::to_string(seq) + " does not follow event " +
                std::to_string(seq - 1) + " (reordered or replaced)");
        return;
      }
      if (e.compute_hash() != e.hash) {
        add("journal", current_,
            "journal event " + std::to_string(seq) + " was altered: its hash does not match");
        return;
      }
      prev = e.hash;
      ++report_.journal_events;
    }
    current_ = "journal head";
    JournalHead head;
    if (auto v = r_.get(tables::kMeta, tables::kMetaHead)) head = records::decode_head(*v);
    if (head.seq != report_.journal_events || head.hash != prev)
      add("journal", "head",
          "journal head says event " + std::to_string(head.seq) + " but the chain ends at " +
              std::to_string(report_.journal_events) +
              " (events removed or appended outside arctl)");
    report_.journal_head = to_hex(prev);
  }

  void applications() {
    auto c = r_.cursor(tables::kApplications);
    for (bool ok = c->first(); ok; ok = c->next()) {
      const auto a = records::decode_application(c->value());
      current_ = "application " + std::to_string(a.id);
      ++report_.applications;
      // Net effect on each document's open amount: an application lowers it,
      // a reversal restores it.
      const auto amt = a.is_reversal() ? a.amount.minor() : -a.amount.minor();
      applied_[a.from] += amt;
      applied_[a.to] += amt;
      app_docs_.insert({a.from, a.id});
      app_docs_.insert({a.to, a.id});
      changes_.push_back({a.date, a.from, a.id, {}, amt});
      changes_.push_back({a.date, a.to, a.id, {}, amt});
      if (a.is_reversal()) {
        auto v = r_.get(tables::kApplications, KeyBuilder().u64(a.reverses));
        if (!v || records::decode_application(*v).reversed_by != a.id)
          add("application", current_,
              "reversal does not match application " + std::to_string(a.reverses));
      }
    }
  }

  void documents() {
    auto c = r_.cursor(tables::kDocuments);
    for (bool ok = c->first(); ok; ok = c->next()) {
      const auto d = records::decode_document(c->value());
      current_ = "document " + d.id;
      ++report_.documents;
      const auto net = applied_.count(d.id) ? applied_[d.id] : 0;
      const auto expected = d.status == DocStatus::kVoid ? 0 : d.amount.minor() + net;
      if (d.status == DocStatus::kVoid && net != 0)
        add("document", current_, "void document " + d.id + " still has applications");
      if (d.open.minor() != expected)
        add("document", current_,
            "document " + d.id + " says " + d.open.str() + " open but its applications leave " +
                Money(expected, d.amount.currency()).str());
      if (d.status != DocStatus::kVoid && (d.status == DocStatus::kOpen) != d.open.is_positive())
        add("document", current_,
            "document " + d.id + " has status " + to_string(d.status) + " with " + d.open.str() +
                " open");
      auto& b = expected_balances_[balance_key(d.customer, d.amount.currency())];
      if (b.receivable.currency().empty()) {
        b.receivable = Money::zero(d.amount.currency());
        b.unapplied = Money::zero(d.amount.currency());
      }
      if (is_debit(d.kind))
        b.receivable += d.open;
      else
        b.unapplied += d.open;
      if (d.open.is_positive()) ++b.open_items;
      if (d.status == DocStatus::kVoid)
        if (const auto on = d.links.find("voided_on"); on != d.links.end())
          if (const auto date = try_parse_date(on->second))
            changes_.push_back({*date, d.id, 0, {}, -d.amount.minor()});
      docs_.emplace(d.id, Brief{d.customer, d.issued, d.ref,
                                d.open.is_positive() ? records::open_item_key(d) : Bytes{},
                                d.open.is_positive() ? records::open_item_value(d) : Bytes{}});
    }
    for (const auto& [doc, app] : app_docs_)
      if (!docs_.count(doc))
        add("application", "application " + std::to_string(app),
            "application " + std::to_string(app) + " names a missing document '" + doc + "'");
  }

  void indexes() {
    std::size_t by_customer = 0, by_ref = 0, open = 0, app_links = 0;
    auto c = r_.cursor(tables::kDocByCustomer);
    for (bool ok = c->first(); ok; ok = c->next()) {
      KeyReader k(c->key());
      const auto cust = k.str();
      const auto date = k.date();
      const auto id = k.str();
      current_ = "doc_by_customer " + id;
      auto it = docs_.find(id);
      if (it == docs_.end() || it->second.customer != cust || it->second.issued != date)
        add("index", current_, "customer index entry for '" + id + "' does not match a document");
      ++by_customer;
    }
    c = r_.cursor(tables::kDocByRef);
    for (bool ok = c->first(); ok; ok = c->next()) {
      KeyReader k(c->key());
      const auto ref = k.str();
      const auto id = k.str();
      current_ = "doc_by_ref " + id;
      auto it = docs_.find(id);
      if (it == docs_.end() || it->second.ref != ref)
        add("index", current_, "reference index entry for '" + id + "' does not match a document");
      ++by_ref;
    }
    std::size_t expected_open = 0, expected_ref = 0;
    std::map<Bytes, const Brief*> open_keys;
    for (const auto& [id, b] : docs_) {
      if (!b.open_key.empty()) {
        ++expected_open;
        open_keys.emplace(b.open_key, &b);
      }
      if (!b.ref.empty()) ++expected_ref;
    }
    c = r_.cursor(tables::kOpenItems);
    for (bool ok = c->first(); ok; ok = c->next()) {
      const auto item = records::decode_open_item(c->key(), c->value());
      current_ = "open_items " + item.id;
      auto it = open_keys.find(Bytes(c->key()));
      // Entries of the first format (without the discount date) stay valid.
      if (it == open_keys.end() ||
          (it->second->open_value != c->value() &&
           records::open_item_value_v1(it->second->open_value) != c->value()))
        add("index", current_, "open-item entry for '" + item.id + "' does not match the document");
      ++open;
    }
    c = r_.cursor(tables::kAppByDoc);
    for (bool ok = c->first(); ok; ok = c->next()) {
      KeyReader k(c->key());
      const auto doc = k.str();
      const auto app = k.u64();
      if (!app_docs_.count({doc, app}))
        add("index", "app_by_doc " + doc,
            "application index names application " + std::to_string(app) +
                " that does not touch '" + doc + "'");
      ++app_links;
    }
    if (by_customer != docs_.size())
      add("index", "doc_by_customer",
          "customer index has " + std::to_string(by_customer) + " entries for " +
              std::to_string(docs_.size()) + " documents");
    if (by_ref != expected_ref)
      add("index", "doc_by_ref",
          "reference index has " + std::to_string(by_ref) + " entries, expected " +
              std::to_string(expected_ref));
    if (open != expected_open)
      add("index", "open_items",
          "open-item index has " + std::to_string(open) + " entries, expected " +
              std::to_string(expected_open));
    if (app_links != app_docs_.size())
      add("index", "app_by_doc",
          "application index has " + std::to_string(app_links) + " entries, expected " +
              std::to_string(app_docs_.size()));
    changes();
  }

  // changes_by_date against the applications and voids. Until its build
  // marks it complete (the first write of a ledger older than it), nothing
  // reads it, and it is not checked.
  void changes() {
    if (!r_.get(tables::kMeta, tables::kMetaChangeIndex)) return;
    const auto what = [](const DatedChange& c) {
      return (c.application == 0
                  ? "the void of '" + c.document + "'"
                  : "application " + std::to_string(c.application) + " of '" + c.document + "'") +
             " on " + format_date(c.date);
    };
    std::map<Bytes, std::pair<Bytes, const DatedChange*>> expected;
    for (auto& c : changes_) {
      const auto doc = docs_.find(c.document);
      if (doc == docs_.end()) continue;  // reported with the application
      c.issued = doc->second.issued;
      expected.emplace(records::change_key(c.date, c.document, c.application),
                       std::pair{records::change_value(c.issued, c.effect), &c});
    }
    auto c = r_.cursor(tables::kChangesByDate);
    for (bool ok = c->first(); ok; ok = c->next()) {
      // The key names the entry; the value is compared as bytes.
      DatedChange entry;
      KeyReader k(c->key());
      entry.date = k.date();
      entry.document = k.str();
      entry.application = k.u64();
      current_ = "changes_by_date " + entry.document;
      const auto it = expected.find(Bytes(c->key()));
      if (it == expected.end() || it->second.first != c->value())
        add("index", current_,
            "change index entry for " + what(entry) + " does not match " +
                (it == expected.end() ? "an application or a void" : "its application or void"));
      if (it != expected.end()) expected.erase(it);
    }
    for (const auto& [key, e] : expected)
      add("index", "changes_by_date " + e.second->document,
          "change index has no entry for " + what(*e.second));
  }

  void balances() {
    auto c = r_.cursor(tables::kBalances);
    std::set<std::string> seen;
    for (bool ok = c->first(); ok; ok = c->next()) {
      const std::string key(c->key());
      current_ = "balance " + key;
      const auto stored = records::decode_balance(c->value());
      seen.insert(key);
      auto it = expected_balances_.find(key);
      const bool is_customer = key.empty() || key[0] != '\x01';
      if (is_customer) {
        ++report_.customers;
        if (!r_.get(tables::kCustomers, key))
          add("balance", current_, "balance kept for unknown customer '" + key + "'");
      }
      CustomerBalance expected{Money::zero(stored.receivable.currency()),
                               Money::zero(stored.receivable.currency()), 0};
      if (it != expected_balances_.end()) expected = it->second;
      if (!(expected == stored))
        add("balance", current_,
            "customer '" + key + "' balance says receivable " + stored.receivable.str() +
                ", unapplied " + stored.unapplied.str() + ", " + std::to_string(stored.open_items) +
                " open items; its documents give " + expected.receivable.str() + ", " +
                expected.unapplied.str() + ", " + std::to_string(expected.open_items));
    }
    for (const auto& [key, b] : expected_balances_)
      if (!seen.count(key))
        add("balance", "balance " + key, "no running balance kept for '" + key + "'");
  }

  struct Brief {
    std::string customer;
    Date issued;
    std::string ref;
    Bytes open_key;
    Bytes open_value;
  };

  ReadTxn& r_;
  std::size_t limit_;
  CheckReport report_;
  std::string current_;
  std::unordered_map<std::string, std::int64_t> applied_;
  std::set<std::pair<std::string, std::uint64_t>> app_docs_;
  std::vector<DatedChange> changes_;  // what changes_by_date must hold
  std::unordered_map<std::string, Brief> docs_;
  std::map<std::string, CustomerBalance> expected_balances_;
};

}  // namespace

bool CheckReport::add(std::string area, std::string record, std::string message) {
  if (findings.size() >= limit) return false;
  findings.push_back({std::move(area), std::move(record), std::move(message)});
  return true;
}

CheckReport check_ledger(Tx& tx, std::size_t limit) {
  auto report = Checker(tx, limit).run();
  report.limit = limit;
  return report;
}

CheckReport check_ledger_and_plugins(Tx& tx, PluginHost* plugins, std::size_t limit) {
  auto report = check_ledger(tx, limit);
  if (plugins == nullptr) return report;
  for (auto* p : plugins->plugins()) {
    const auto name = p->info().name;
    try {
      p->check(tx, report);
    } catch (const std::exception& e) {
      if (store_failure(e)) throw;
      report.add(name, "plugin " + name, std::string("its check failed: ") + e.what());
    }
  }
  return report;
}

}  // namespace arctl
