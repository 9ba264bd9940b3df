// The event bus: subscribers run inside the publisher's write transaction.
#include "arctl/events.hpp"

#include <algorithm>

#include "arctl/store.hpp"

#include "arctl/error.hpp"

namespace arctl {
namespace {

bool matches(std::string_view pattern, std::string_view type) {
  if (!pattern.empty() && pattern.back() == '*') {
    pattern.remove_suffix(1);
    return type.substr(0, pattern.size()) == pattern;
  }
  return pattern == type;
}

constexpr int kMaxDepth = 16;

}  // namespace

void EventBus::subscribe(std::string type, std::string owner, EventHandler handler) {
  const int rank = rank_ ? rank_(owner) : 0;
  auto pos = subs_.end();
  if (rank_)
    pos = std::find_if(subs_.begin(), subs_.end(), [&](const Sub& s) { return s.rank > rank; });
  subs_.insert(pos, {std::move(type), std::move(owner), std::move(handler), rank});
}

std::vector<std::string> EventBus::types() const {
  std::vector<std::string> out;
  for (const auto& s : subs_)
    out.push_back(s.type);
  return out;
}

void EventBus::set_loader(std::function<void(std::string_view)> resolve,
                          std::function<int(std::string_view)> rank) {
  resolve_ = std::move(resolve);
  rank_ = std::move(rank);
  if (!rank_) return;
  for (auto& s : subs_)
    s.rank = rank_(s.owner);
  subs_.sort([](const Sub& a, const Sub& b) { return a.rank < b.rank; });  // stable
}

void EventBus::dispatch(Tx& tx, const JournalEntry& entry) {
  if (depth_ >= kMaxDepth)
    fail(ErrorKind::kError, "event '" + entry.type + "' nested too deeply (a subscriber loop?)");
  struct Guard {
    int& d;
    ~Guard() { --d; }
  } guard{++depth_};
  if (resolve_) resolve_(entry.type);
  for (const auto& sub : subs_) {
    if (!matches(sub.type, entry.type)) continue;
    try {
      sub.handler(tx, entry);
    } catch (const RetryTransaction&) {
      throw;  // the store asks for the whole transaction again (Ledger::write)
    } catch (const Error& e) {
      // Keep the kind (a veto is usually kConflict or kCreditRefused) but say who refused.
      if (e.what() && std::string_view(e.what()).find(sub.owner + ":") == 0) throw;
      throw Error(e.kind(), sub.owner + ": " + e.what(), e.where());
    } catch (const std::exception& e) {
      throw Error(ErrorKind::kError,
                  sub.owner + ": handler for '" + entry.type + "' failed: " + e.what());
    } catch (...) {
      // Plugin code may throw anything; it must still only abort this transaction.
      throw Error(ErrorKind::kError, sub.owner + ": handler for '" + entry.type +
                                         "' failed with an unknown exception");
    }
  }
}

}  // namespace arctl
