// Ledger: opening a store, running write transactions with retries, and the
// journal side of Tx (emit, head, iteration).
#include "arctl/ledger.hpp"

#include <chrono>

#include "arctl/error.hpp"
#include "arctl/log.hpp"
#include "ledger/balance_check.hpp"
#include "ledger/change_index.hpp"
#include "ledger/records.hpp"
#include "ledger/tables.hpp"

namespace arctl {
namespace {
constexpr int kMaxAttempts = 12;
}  // namespace

Ledger::Ledger(std::unique_ptr<Store> store, std::filesystem::path dir, Session session)
    : store_(std::move(store)), dir_(std::move(dir)), session_(std::move(session)) {}

Ledger::~Ledger() = default;

std::unique_ptr<Ledger> Ledger::open(const std::filesystem::path& dir, Session session,
                                     bool create) {
  auto store = open_store(dir, create);
  return std::make_unique<Ledger>(std::move(store), dir, std::move(session));
}

void Ledger::run_write(const std::function<void(Tx&)>& fn) {
  ARCTL_ASSERT(!in_write_, "nested write transaction");
  struct Flag {
    bool& f;
    ~Flag() { f = false; }
  } flag{in_write_ = true};
  std::string last_reason;
  const auto started = std::chrono::steady_clock::now();
  for (int attempt = 0; attempt < kMaxAttempts; ++attempt) {
    std::uint64_t first = 0, last = 0;
    // Dropped unrun unless this attempt commits: a retry or a failure
    // releases what the work owns (a staged file is removed).
    std::vector<std::function<void()>> after;
    struct DropNewestFirst {
      std::vector<std::function<void()>>& v;
      ~DropNewestFirst() {
        while (!v.empty())
          v.pop_back();
      }
    } drop{after};
    try {
      auto txn = store_->begin_write();
      ensure_change_index(*txn);
      {
        Tx tx(*this, *txn, txn.get());
        fn(tx);
        tx.run_before_commit();
        after = tx.take_after_commit();
        if (tx.events_emitted() > 0) {
          // The head is written once per transaction, not once per event:
          // inside the transaction Tx::journal_head() answers from memory.
          const auto head = tx.journal_head();
          txn->put(tables::kMeta, tables::kMetaHead, records::encode(head));
          last = head.seq;
          first = last - tx.events_emitted() + 1;
        }
      }
      if (session_.dry_run) {
        log::info("dry run: discarding " + std::to_string(first ? last - first + 1 : 0) +
                  " events");
        return;  // the transaction aborts as it goes out of scope
      }
      txn->commit();
    } catch (const RetryTransaction& r) {
      log::info("retrying the transaction: " + r.reason);
      last_reason = r.reason;
      store_->prepare_retry();
      continue;
    }
    if (log::enabled(1)) {
      const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                          std::chrono::steady_clock::now() - started)
                          .count();
      log::info("committed " + std::to_string(first ? last - first + 1 : 0) + " events in " +
                std::to_string(ms) + " ms");
    }
    // The transaction is over: the work after it may open its own (a
    // delivery records each message's outcome in one).
    in_write_ = false;
    std::string not_done;
    ++after_depth_;
    for (auto& work : after) {
      try {
        work();
      } catch (const std::exception& e) {
        not_done += (not_done.empty() ? "" : "; ") + std::string(e.what());
      }
    }
    --after_depth_;
    notify_commit(first, last);
    if (!not_done.empty()) fail(ErrorKind::kError, "committed, but: " + not_done);
    return;
  }
  fail(ErrorKind::kError, "transaction could not complete after " + std::to_string(kMaxAttempts) +
                              " attempts: " + last_reason);
}

void Ledger::notify_commit(std::uint64_t first, std::uint64_t last) {
  if (after_depth_ > 0) {
    if (first != 0) held_commits_.emplace_back(first, last);
    return;
  }
  // This write's events, then those of the writes its after-commit work made.
  auto held = std::move(held_commits_);
  held_commits_.clear();
  if (first != 0) held.insert(held.begin(), {first, last});
  for (const auto& [f, l] : held)
    for (const auto& cb : on_commit_)
      cb(f, l);
}

Tx::Tx(Ledger& ledger, ReadTxn& read, WriteTxn* write)
    : ledger_(ledger), read_(read), write_(write) {}

Tx::~Tx() {
  forget_touched_balances(*this);
  // Newest first, so that a staged file goes before the directory an older one made.
  while (!after_commit_.empty())
    after_commit_.pop_back();
}

bool Tx::before_commit(std::string_view key, std::function<void(Tx&)> fn) {
  raw_write();
  for (auto& d : deferred_)
    if (d.key == key) {
      d.due = true;
      return false;
    }
  deferred_.push_back({std::string(key), std::move(fn), true});
  return true;
}

void Tx::run_before_commit() {
  // Work may queue other work (or itself again): run rounds until none is
  // due, with a bound so that two plugins re-queuing each other fail clearly.
  constexpr int kMaxRounds = 64;
  for (int round = 0; round < kMaxRounds; ++round) {
    bool ran = false;
    for (std::size_t i = 0; i < deferred_.size(); ++i) {
      if (!deferred_[i].due) continue;
      deferred_[i].due = false;
      ran = true;
      const auto fn = deferred_[i].fn;  // the vector may grow while it runs
      const auto owner = deferred_[i].key.substr(0, deferred_[i].key.find('.'));
      try {
        fn(*this);
      } catch (const RetryTransaction&) {
        throw;
      } catch (const Error& e) {
        if (std::string_view(e.what()).starts_with(owner + ":")) throw;
        throw Error(e.kind(), owner + ": " + e.what(), e.where());
      } catch (const std::exception& e) {
        throw Error(ErrorKind::kError, owner + ": " + e.what());
      } catch (...) {
        throw Error(ErrorKind::kError, owner + ": failed with an unknown exception");
      }
    }
    if (!ran) {
      assert_touched_balances(*this, read_);
      return;
    }
  }
  fail(ErrorKind::kError, "work queued before commit kept queuing more after " +
                              std::to_string(kMaxRounds) + " rounds");
}

void Tx::after_commit(std::function<void()> fn) {
  ARCTL_ASSERT(writable(), "after_commit in a read transaction");
  after_commit_.push_back(std::move(fn));
}

WriteTxn& Tx::raw_write() {
  ARCTL_ASSERT(write_ != nullptr, "write attempted in a read-only transaction");
  return *write_;
}

JournalHead Tx::journal_head() {
  if (head_) return *head_;
  JournalHead h;
  if (auto v = read_.get(tables::kMeta, tables::kMetaHead)) h = records::decode_head(*v);
  head_ = h;
  return h;
}

std::uint64_t Tx::next_seq() {
  return journal_head().seq + 1;
}

std::uint64_t Tx::emit(std::string_view type, Json payload) {
  auto& w = raw_write();
  const auto head = journal_head();
  JournalEntry e;
  e.seq = head.seq + 1;
  if (txn_first_seq_ == 0) txn_first_seq_ = e.seq;
  e.txn = txn_first_seq_;
  e.time_micros = now_micros();
  e.actor = ledger_.session().actor;
  e.command = ledger_.session().command;
  e.type = std::string(type);
  e.payload = std::move(payload);
  e.prev = head.hash;
  w.put(tables::kJournal, KeyBuilder().u64(e.seq), records::encode_and_hash(e));
  head_ = JournalHead{e.seq, e.hash};
  ledger_.bus().dispatch(*this, e);
  return e.seq;
}

std::optional<JournalEntry> Tx::journal_entry(std::uint64_t seq) {
  auto v = read_.get(tables::kJournal, KeyBuilder().u64(seq));
  if (!v) return std::nullopt;
  return records::decode_journal(*v);
}

void Tx::journal(std::uint64_t from, const std::function<bool(const JournalEntry&)>& fn) {
  auto c = read_.cursor(tables::kJournal);
  for (bool ok = c->seek(KeyBuilder().u64(from)); ok; ok = c->next()) {
    if (!fn(records::decode_journal(c->value()))) break;
  }
}

}  // namespace arctl
