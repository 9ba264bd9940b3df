// What the disputes plugin offers the others: the disputed amount of each
// document (so dunning and aging leave it out of collectible balances) and
// the open promises to pay.
#pragma once

#include "arctl/context.hpp"
#include "arctl/services.hpp"

namespace arctl::disputes {

class DisputeServiceImpl : public DisputeService {
 public:
  DisputeServiceImpl(const PluginHandle*& handle, const Context*& ctx)
      : handle_(handle), ctx_(ctx) {}
  Money disputed(Tx& tx, const Document& d) override;
  // As the disputes stood at the end of the business date (`--as-of`): a case
  // opened after it is left out, one resolved after it still counts (with
  // its amount, which the caller caps at the document's open amount as of
  // that date). When no case is dated after the business date, this is the
  // unresolved cases' index, capped at each document's open amount.
  // Cost: the index of unresolved cases; as of an earlier date, a scan of
  // every case.
  std::map<std::string, Money> disputed_documents(
      Tx& tx, std::optional<std::string_view> customer) override;

 private:
  const PluginHandle*& handle_;  // set by init(), after provide()
  const Context*& ctx_;          // set by register_commands(): the business date
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
void validate_config(const std::string& key, const std::string& value);

}  // namespace arctl::disputes
