// The event bus: subscribers run inside the publisher's write transaction.
#include "arctl/events.hpp"

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
  subs_.push_back({std::move(type), std::move(owner), std::move(handler)});
}

void EventBus::dispatch(Tx& tx, const JournalEntry& entry) {
  if (depth_ >= kMaxDepth)
    fail(ErrorKind::kError, "event '" + entry.type + "' nested too deeply (a subscriber loop?)");
  struct Guard {
    int& d;
    ~Guard() { --d; }
  } guard{++depth_};
  for (std::size_t i = 0; i < subs_.size(); ++i) {
    const auto& sub = subs_[i];
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
