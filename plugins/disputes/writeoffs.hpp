// Write-offs under four-eyes approval: a proposal by one actor, approved by
// another (two others above the approval limits); the last approval posts
// the write_off document and applies it to the invoice.
#pragma once

#include <optional>
#include <string>

#include "arctl/events/disputes.hpp"
#include "arctl/ledger.hpp"
#include "records.hpp"

namespace arctl::disputes {

class Writeoffs {
 public:
  Writeoffs(Tx& tx, const PluginHandle& handle) : tx_(tx), handle_(handle), store_(tx, handle) {}

  // `amount` defaults to what is open on the invoice and not already proposed.
  Proposal propose(const std::string& invoice, const std::optional<std::string>& amount,
                   const std::string& reason, const std::string& dispute, Date date);
  // Error(kConflict) when the actor proposed it or already approved it, or,
  // with writeoff.approver_must_be_login=true, is not `login` (the
  // operating-system login running the approval, recorded with it).
  Proposal approve(const std::string& id, Date date, const std::string& login);
  Proposal reject(const std::string& id, const std::string& reason, Date date);
  Proposal get(const std::string& id);  // Error(kNotFound)
  // The approval limit in `currency`: config writeoff.approval_limit, default 1000.00.
  Money limit(const Currency& currency);
  // The per customer and calendar month limit in `currency`: config
  // writeoff.approval_limit_period, default 5000.00.
  Money period_limit(const Currency& currency);
  // Approvals `p` needs: two when the invoice's write-offs (pending or
  // posted, this one included) exceed limit(), or the customer's proposed in
  // the same calendar month as `p` exceed period_limit(); else one.
  // Cost: one scan of all proposals.
  std::uint32_t approvals_needed(const Proposal& p);

  static Json row(const Proposal& p);

 private:
  void post(Proposal& p, Date date);

  Tx& tx_;
  const PluginHandle& handle_;
  Records store_;
};

}  // namespace arctl::disputes
