// Services one plugin offers others without a hard dependency: a plugin
// registers an implementation under the interface's name; a consumer asks
// for it and carries on without it when the provider is not loaded (the
// aging shows a disputed column only when the disputes plugin is there).
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "arctl/api.hpp"
#include "arctl/ledger.hpp"

namespace arctl {

// Provided by the disputes plugin.
class ARCTL_API DisputeService {
 public:
  static constexpr std::string_view kName = "disputes";
  virtual ~DisputeService() = default;
  // The amount of document `id` under open dispute (zero when none).
  virtual Money disputed(Tx& tx, const Document& d) = 0;
  // Every document with an open dispute and its disputed amount, for one
  // customer or (nullopt) the whole ledger.
  virtual std::map<std::string, Money> disputed_documents(
      Tx& tx, std::optional<std::string_view> customer) = 0;
};

struct ARCTL_API PromiseToPay {
  std::string id;
  std::string customer;
  std::string invoice;  // empty: on account
  Money amount;
  Date date{};
  std::string status;  // open, kept, broken
};

// Provided by the disputes plugin (promises to pay).
class ARCTL_API PromiseService {
 public:
  static constexpr std::string_view kName = "promises";
  virtual ~PromiseService() = default;
  virtual std::vector<PromiseToPay> open_promises(Tx& tx,
                                                  std::optional<std::string_view> customer) = 0;
};

struct ARCTL_API HoldStatus {
  bool on_hold = false;
  std::vector<std::string> reasons;
};

// Provided by the holds plugin.
class ARCTL_API HoldService {
 public:
  static constexpr std::string_view kName = "holds";
  virtual ~HoldService() = default;
  virtual HoldStatus status(Tx& tx, std::string_view customer) = 0;
};

class ARCTL_API Services {
 public:
  template <class I>
  void provide(std::shared_ptr<I> impl) {
    map_[std::string(I::kName)] = std::move(impl);
  }
  // The provider of interface I, or nullptr. When the provider's plugin is
  // not loaded yet (arctl loads plugins as a command needs them), this loads
  // it first.
  template <class I>
  I* find() const {
    return static_cast<I*>(find(I::kName));
  }
  void* find(std::string_view name) const;
  // The names of the interfaces provided.
  std::vector<std::string> names() const;
  // Called with an interface's name when find() has no provider for it; it
  // may provide() one (the plugin host loads the plugin that does).
  void set_resolver(std::function<void(std::string_view)> resolver) {
    resolver_ = std::move(resolver);
  }
  void clear() { map_.clear(); }

 private:
  std::map<std::string, std::shared_ptr<void>, std::less<>> map_;
  std::function<void(std::string_view)> resolver_;
};

}  // namespace arctl
