// The ledger: an opened store plus the event bus, and Tx, the unit of work
// through which the kernel and every plugin read and change AR data. All
// accounting invariants are enforced here: balances, indexes, the journal and
// the period lock are updated in the same transaction as the change itself.
#pragma once

#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "arctl/api.hpp"
#include "arctl/events.hpp"
#include "arctl/model.hpp"
#include "arctl/store.hpp"

namespace arctl {

class Ledger;
class PluginTable;

// Identifies a plugin to the kernel; handed to the plugin by the host.
class ARCTL_API PluginHandle {
 public:
  const std::string& name() const noexcept { return name_; }

 private:
  // Only the host names plugins: a plugin cannot make a handle for another
  // plugin's tables. (TestAccess is for the project's own unit tests.)
  explicit PluginHandle(std::string name) : name_(std::move(name)) {}
  friend class PluginHost;
  friend struct HostAccess;
  friend struct TestAccess;
  std::string name_;
};

enum class Outcome { kCreated, kUnchanged };

struct ARCTL_API PostResult {
  Outcome outcome = Outcome::kCreated;
  Document document;
};

class ARCTL_API Tx {
 public:
  Tx(Ledger& ledger, ReadTxn& read, WriteTxn* write);
  ~Tx();  // drops work queued for after the commit, newest first
  Tx(const Tx&) = delete;
  Tx& operator=(const Tx&) = delete;

  bool writable() const noexcept { return write_ != nullptr; }
  Ledger& ledger() noexcept { return ledger_; }

  // ---- customers
  std::optional<Customer> find_customer(std::string_view id);
  Customer customer(std::string_view id);  // Error(kNotFound)
  // Creates the customer after checking it: a well-formed id, a name, a
  // currency, terms that Terms::parse reads, a credit limit in the customer's
  // currency and not negative (Error(kConflict) otherwise). The same id with
  // identical content is kUnchanged, with different content Error(kConflict).
  Outcome add_customer(const Customer& c);
  // Replaces a customer (Error(kNotFound) if none) after the same checks; the
  // currency may change only while the customer has no documents. Publishes
  // customer.updated with both versions; an identical customer is a no-op.
  void update_customer(const Customer& c);
  // Visits customers in id order from `from_id`; return false to stop.
  void for_each_customer(const std::function<bool(const Customer&)>& fn,
                         std::string_view from_id = {});
  CustomerBalance balance(std::string_view customer);

  // ---- documents
  // Validates and posts: a well-formed id and text fields, the customer exists
  // (except a receipt in suspense), currency matches the customer's, amount >
  // 0, due >= issued (an unset due date is the issue date), then the issue
  // date is after the period lock (Error(kPeriodLocked)); the other refusals
  // are Error(kConflict). Same id, same content: kUnchanged, even in a locked
  // period, so that re-importing a file is harmless; different content:
  // Error(kConflict) naming the difference. Publishes document.posted.
  PostResult post(Document doc);
  std::optional<Document> find_document(std::string_view id);
  Document document(std::string_view id);  // Error(kNotFound)
  // A hint that these documents are about to be read: a server store reads
  // them in a few statements instead of one each. Unknown ids are fine; LMDB
  // ignores it.
  void prefetch_documents(const std::vector<std::string>& ids);
  // Voids a document with nothing applied (Error(kConflict) otherwise) on
  // `date`: after the lock (Error(kPeriodLocked)) and not before the
  // document's own date (Error(kConflict)). A document dated in a locked
  // period can be voided on an open date; the void event then carries the
  // document's date as `document_date`.
  void void_document(std::string_view id, std::string_view reason, Date date);
  // Gives a suspense receipt (no customer, nothing applied) its customer. The
  // assignment posts on posting_date(the receipt's date): document.assigned
  // carries that `date`, and `document_date` when the two differ.
  void assign_customer(std::string_view id, std::string_view customer);
  // Moves a receipt booked to the wrong customer to `customer`: its customer
  // index, open item and both customers' running balances move with it.
  // Publishes document.reassigned {id, from, to, amount, currency, open}.
  // Cost: a few point reads and writes plus one read per application.
  // Errors: kNotFound (receipt or customer); kConflict if it is not a receipt,
  // is void, is in suspense (use assign_customer), has active applications
  // (reverse them first), already belongs to `customer` or is in another
  // currency than the customer's.
  void reassign_receipt(std::string_view id, std::string_view customer);
  // Sets (or, with an empty value, removes) a link on a document, such as
  // "rebilled_by"; links are not part of the posted content. Journaled.
  void set_link(std::string_view id, std::string_view key, std::string_view value);
  // Documents of one customer with from <= issued <= to, in issued order.
  void documents_of(std::string_view customer, Date from, Date to,
                    const std::function<bool(const Document&)>& fn);
  // Every document in id order (for checks and exports).
  void for_each_document(const std::function<bool(const Document&)>& fn);
  // Documents whose external reference equals `ref`.
  std::vector<std::string> documents_by_ref(std::string_view ref);
  // Open items from the covering index, by customer then due date. With
  // `customer` set, only that customer's. `debits`/`credits` select the side.
  void open_items(const std::function<bool(const OpenItem&)>& fn,
                  std::optional<std::string_view> customer = std::nullopt, bool debits = true,
                  bool credits = true);

  // ---- applications
  // Applies `amount` of credit document `from` (receipt, credit note, ...) to
  // debit document `to` (invoice, debit note, ...): neither void, `from`
  // assigned to a customer, the same customer and currency, `amount` positive
  // and open on both, dated on or after both documents (Error(kConflict)
  // otherwise) and after the lock (Error(kPeriodLocked)). Publishes
  // application.made.
  Application apply(std::string_view from, std::string_view to, const Money& amount, Date date,
                    std::string_view reason);
  // Writes a reversal of application `id` (never deletes) and reopens its
  // amount on both documents. Error(kConflict) when `id` is itself a reversal,
  // is already reversed, or `date` is before it; Error(kPeriodLocked) when
  // `date` is on or before the lock.
  Application reverse(std::uint64_t id, Date date, std::string_view reason);
  Application application(std::uint64_t id);  // Error(kNotFound)
  std::vector<Application> applications_of(std::string_view doc);

  // The latest date of any posting, application, reversal or void: when it is
  // on or before a date D, today's open amounts are also the amounts as of D.
  std::optional<Date> latest_activity();
  // Visits the applications, reversals and voids dated after `after`, by
  // date, then document, then application (a void first); return false to
  // stop. A document's open amount as of `after` is today's less the effects
  // of its changes visited here (for a void document, zero if it was voided
  // on or before `after`), or zero if it was issued after `after`.
  // Returns false, visiting nothing, when the ledger has no complete index of
  // changes: one last written by an arctl before the index existed (the next
  // write transaction builds it); the caller must then replay documents and
  // applications (applications_of).
  // Cost: one range scan of the index from `after` + 1; no document or
  // application is read.
  bool changes_after(Date after, const std::function<bool(const DatedChange&)>& fn);

  // ---- periods
  std::optional<Date> lock_date();
  // Locks every date up to `through`; the same date again does nothing, an
  // earlier one is Error(kConflict). Publishes period.locked.
  void lock_period(Date through);
  // Moves the lock back to `new_lock` (unset: nothing locked); needs a reason
  // (Error(kUsage)) and a locked period (Error(kConflict)). Publishes
  // period.reopened.
  void reopen_period(std::string_view reason, std::optional<Date> new_lock);
  // Error(kPeriodLocked) naming `what` when `d` is on or before the lock.
  void check_not_locked(Date d, std::string_view what);
  // The date an action whose implied date is `wanted` posts on: `wanted`
  // itself when it is after the lock (or nothing is locked), else the first
  // open day (lock + 1) or the session's business date if that is later. A
  // date the user typed is not passed through here: it is checked, not moved.
  // Cost: one point read (the lock date).
  Date posting_date(Date wanted);

  // ---- configuration (stored in the ledger)
  std::optional<std::string> config(std::string_view key);
  std::string config_or(std::string_view key, std::string_view fallback);
  void set_config(std::string_view key, std::string_view value);
  bool unset_config(std::string_view key);
  std::vector<std::pair<std::string, std::string>> config_list(std::string_view prefix = {});

  // ---- counters: gap-free within the ledger because they roll back with the txn
  std::uint64_t next_counter(std::string_view name);
  std::uint64_t peek_counter(std::string_view name);

  // ---- journal and events
  // Appends an event to the journal and dispatches it to subscribers, inside
  // this transaction. Returns the event's sequence number.
  std::uint64_t emit(std::string_view type, Json payload);
  // The typed form of emit (a struct from arctl/events/*.hpp): journals
  // E::kName with e.to_json(). Plugins publish only through this.
  template <class E>
  std::uint64_t publish(const E& e) {
    return emit(E::kName, e.to_json());
  }
  JournalHead journal_head();
  std::optional<JournalEntry> journal_entry(std::uint64_t seq);
  // Visits entries with seq >= from in order; return false to stop.
  void journal(std::uint64_t from, const std::function<bool(const JournalEntry&)>& fn);

  // ---- plugin storage: tables named "x.<plugin>.<name>"
  PluginTable table(const PluginHandle& plugin, std::string_view name);

  // Number of events this transaction has appended so far.
  std::uint64_t events_emitted() { return txn_first_seq_ == 0 ? 0 : next_seq() - txn_first_seq_; }

  // ---- work done once per transaction, after the command's own work
  // Queues `fn` to run before this write transaction commits (and before a
  // dry run is discarded): for a subscriber that gathers what a transaction
  // touched and acts once per item rather than once per event. The key names
  // the work, "<plugin>.<what>"; queuing a key that is already waiting does
  // nothing, queuing one that already ran runs it again. Returns true when
  // the key is new to this transaction. An error in `fn` aborts the
  // transaction and names the plugin.
  bool before_commit(std::string_view key, std::function<void(Tx&)> fn);
  // Runs the queued work until nothing is left, then asserts that every
  // balance the transaction changed equals the sum of that customer's open
  // items (kInternal, exit 70, otherwise). Ledger::write calls it.
  void run_before_commit();

  // ---- work done only once the data is committed
  // Queues `fn` to run after this write transaction commits, in the order
  // queued: for what must not happen unless the data is committed, such as
  // putting a file in place (arctl/staged_file.hpp). Never runs for a dry run
  // (discarded), for an attempt the store retried (only the committed
  // attempt's work runs) or when the transaction fails; `fn` is then
  // destroyed unrun, so what it owns is released (a staged file removed).
  // Errors: kInternal when called on a read transaction. If `fn` throws, the
  // data stays committed: the rest of the queue still runs, then the write
  // fails with kError "committed, but: <what fn said>" so the command exits
  // non-zero naming what was not done. `fn` runs outside the transaction and
  // may open transactions of its own (Ledger::write).
  void after_commit(std::function<void()> fn);
  // Hands the queued work over (Ledger::write takes it before committing).
  std::vector<std::function<void()>> take_after_commit() noexcept {
    return std::move(after_commit_);
  }

 private:
  // Raw store access stays inside the kernel: plugins get PluginTable.
  friend class PluginTable;
  friend struct KernelAccess;
  ReadTxn& raw_read() noexcept { return read_; }
  WriteTxn& raw_write();

  void store_document(const Document& d);
  void index_document(const Document& d);
  void unindex_document(const Document& d);
  void move_to_customer(Document& d, const Customer& c);
  void adjust_open(Document& d, const Money& delta, bool to_void = false);
  void add_to_balance(const std::string& customer, const Currency& cur, DocKind kind,
                      const Money& delta, int items);
  std::uint64_t next_seq();
  void note_activity(Date d);
  // Indexes a change of `d`'s open amount by `effect` on `date`
  // (changes_after); application 0 is the document's void.
  void note_change(Date date, const Document& d, std::uint64_t application, std::int64_t effect);

  Ledger& ledger_;
  ReadTxn& read_;
  WriteTxn* write_;
  std::uint64_t txn_first_seq_ = 0;
  std::optional<JournalHead> head_;
  struct Deferred {
    std::string key;
    std::function<void(Tx&)> fn;
    bool due = true;
  };
  std::vector<Deferred> deferred_;
  std::vector<std::function<void()>> after_commit_;
};

// Key/value access to a plugin's own table, prefixed so that a plugin cannot
// reach kernel data except through Tx.
class ARCTL_API PluginTable {
 public:
  std::optional<Bytes> get(BytesView key);
  void put(BytesView key, BytesView value);
  bool del(BytesView key);
  // Visits entries whose key starts with `prefix`, in key order.
  void scan(BytesView prefix, const std::function<bool(BytesView key, BytesView value)>& fn);
  std::unique_ptr<Cursor> cursor();
  const std::string& name() const noexcept { return table_; }

 private:
  // Only Tx::table makes one, always named "x.<plugin>.<name>".
  friend class Tx;
  PluginTable(Tx& tx, std::string table) : tx_(tx), table_(std::move(table)) {}
  Tx& tx_;
  std::string table_;
};

// Who is acting and why, stamped on every journal event of a transaction.
struct ARCTL_API Session {
  std::string actor;
  std::string command;
  bool dry_run = false;  // write() runs the work, then aborts
  // The business date of the command, for postings moved out of a locked
  // period (Tx::posting_date); unset: the first open day.
  std::optional<Date> today;
};

class ARCTL_API Ledger {
 public:
  Ledger(std::unique_ptr<Store> store, std::filesystem::path dir, Session session);
  ~Ledger();

  // Opens the ledger in `dir`; Error(kNotFound) if none and !create.
  static std::unique_ptr<Ledger> open(const std::filesystem::path& dir, Session session,
                                      bool create = false);

  // Runs `fn` in one write transaction, then the before-commit work, then
  // commits (or aborts under dry-run), then runs the after-commit work and the
  // commit listeners. The whole function is re-run if the store asks for a
  // retry, so `fn` must not have side effects outside the transaction: put
  // them in Tx::after_commit.
  template <class F>
  auto write(F&& fn) -> decltype(fn(std::declval<Tx&>())) {
    using R = decltype(fn(std::declval<Tx&>()));
    if constexpr (std::is_void_v<R>) {
      run_write([&](Tx& tx) { fn(tx); });
    } else {
      std::optional<R> result;
      run_write([&](Tx& tx) { result.emplace(fn(tx)); });
      return std::move(*result);
    }
  }
  template <class F>
  auto read(F&& fn) -> decltype(fn(std::declval<Tx&>())) {
    auto txn = store_->begin_read();
    Tx tx(*this, *txn, nullptr);
    return fn(tx);
  }

  EventBus& bus() noexcept { return bus_; }
  const std::filesystem::path& dir() const noexcept { return dir_; }
  Session& session() noexcept { return session_; }
  // Called after each commit that wrote events, with the sequence numbers of
  // the first and last (read them from the journal; they are committed), in
  // journal order: a write made by after-commit work is told after the
  // write whose work made it.
  using CommitListener = std::function<void(std::uint64_t first_seq, std::uint64_t last_seq)>;
  void on_commit(CommitListener fn) { on_commit_.push_back(std::move(fn)); }

 private:
  // The store itself is the host's (backup, store copy), not a plugin's.
  friend struct HostAccess;
  void run_write(const std::function<void(Tx&)>& fn);

  std::unique_ptr<Store> store_;
  std::filesystem::path dir_;
  Session session_;
  EventBus bus_;
  // Tells the listeners of events first..last, or holds them while
  // after-commit work runs (after_depth_ > 0) until the outer write's own.
  void notify_commit(std::uint64_t first, std::uint64_t last);

  std::vector<CommitListener> on_commit_;
  bool in_write_ = false;
  int after_depth_ = 0;  // after-commit work running (it may write)
  std::vector<std::pair<std::uint64_t, std::uint64_t>> held_commits_;
};

}  // namespace arctl
