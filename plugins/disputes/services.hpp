// What the disputes plugin offers the others: the disputed amount of each
// document (so dunning and aging leave it out of collectible balances) and
// the open promises to pay.
#pragma once

#include "arctl/services.hpp"

namespace arctl::disputes {

class DisputeServiceImpl : public DisputeService {
 public:
  explicit DisputeServiceImpl(const PluginHandle*& handle) : handle_(handle) {}
  Money disputed(Tx& tx, const Document& d) override;
  std::map<std::string, Money> disputed_documents(
      Tx& tx, std::optional<std::string_view> customer) override;

 private:
  const PluginHandle*& handle_;  // set by init(), after provide()
};

class PromiseServiceImpl : public PromiseService {
 public:
  explicit PromiseServiceImpl(const PluginHandle*& handle) : handle_(handle) {}
  std::vector<PromiseToPay> open_promises(Tx& tx,
                                          std::optional<std::string_view> customer) override;

 private:
  const PluginHandle*& handle_;
};

// config.set {key, value, previous}: vetoes (exit 4) a value of one of this
// plugin's keys that would not work, so that a typo fails at `config set`
// rather than at month-end.
void validate_config(const Json& payload);

}  // namespace arctl::disputes
