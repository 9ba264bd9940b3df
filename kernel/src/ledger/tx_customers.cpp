// Tx: customers and their running balances.
#include "arctl/error.hpp"
#include "arctl/events/kernel.hpp"
#include "arctl/ledger.hpp"
#include "arctl/terms.hpp"
#include "arctl/text.hpp"
#include "ledger/balance_check.hpp"
#include "ledger/groups.hpp"
#include "ledger/records.hpp"
#include "ledger/tables.hpp"
#include "ledger/validate.hpp"

namespace arctl {

void validate_id(std::string_view id, std::string_view what) {
  if (id.empty()) fail_conflict(std::string(what) + " id is empty");
  if (id.size() > 128) fail_conflict(std::string(what) + " id is longer than 128 bytes");
  if (id.front() == ' ' || id.back() == ' ')
    fail_conflict(std::string(what) + " id '" + std::string(id) +
                  "' has leading or trailing spaces");
  if (text::has_control(id)) fail_conflict(std::string(what) + " id contains a control character");
}

void validate_text(std::string_view text, std::string_view what, std::size_t max) {
  if (text.size() > max)
    fail_conflict(std::string(what) + " is longer than " + std::to_string(max) + " bytes");
  if (text::has_control(text, "\t"))
    fail_conflict(std::string(what) + " contains a control character");
}

std::optional<Customer> Tx::find_customer(std::string_view id) {
  auto v = read_.get(tables::kCustomers, id);
  if (!v) return std::nullopt;
  return records::decode_customer(*v);
}

Customer Tx::customer(std::string_view id) {
  auto c = find_customer(id);
  if (!c) fail_not_found("no customer '" + std::string(id) + "'");
  return std::move(*c);
}

namespace {

void validate_customer(const Customer& c) {
  validate_id(c.id, "customer");
  if (c.name.empty()) fail_conflict("customer '" + c.id + "' has no name");
  validate_text(c.name, "customer name", 256);
  validate_text(c.email, "customer email", 256);
  validate_text(c.terms, "customer terms", 64);
  Terms::parse(c.terms);
  if (c.currency.empty()) fail_conflict("customer '" + c.id + "' has no currency");
  if (c.credit_limit && !(c.credit_limit->currency() == c.currency))
    fail_conflict("customer '" + c.id + "': credit limit currency " +
                  std::string(c.credit_limit->currency().code()) + " differs from " +
                  std::string(c.currency.code()));
  if (c.credit_limit && c.credit_limit->is_negative())
    fail_conflict("customer '" + c.id + "': credit limit is negative");
  for (const auto& [k, v] : c.attrs) {
    validate_text(k, "attribute name", 64);
    validate_text(v, "attribute '" + k + "'");
  }
}

std::string describe_difference(const Customer& a, const Customer& b) {
  if (a.name != b.name) return "name '" + a.name + "' vs '" + b.name + "'";
  if (!(a.currency == b.currency))
    return "currency " + std::string(a.currency.code()) + " vs " + std::string(b.currency.code());
  if (a.terms != b.terms) return "terms '" + a.terms + "' vs '" + b.terms + "'";
  if (a.credit_limit != b.credit_limit) return "credit limit";
  if (a.email != b.email) return "email '" + a.email + "' vs '" + b.email + "'";
  if (a.status != b.status) return "status";
  return "attributes";
}

}  // namespace

Outcome Tx::add_customer(const Customer& c) {
  validate_customer(c);
  if (auto existing = find_customer(c.id)) {
    if (*existing == c) return Outcome::kUnchanged;
    fail_conflict("customer '" + c.id + "' already exists with different content (" +
                  describe_difference(*existing, c) + ")");
  }
  validate_group(*this, c, false);
  raw_write().put(tables::kCustomers, c.id, records::encode(c));
  CustomerBalance b{Money::zero(c.currency), Money::zero(c.currency), 0};
  raw_write().put(tables::kBalances, c.id, records::encode(b));
  publish(events::CustomerAdded{c});
  return Outcome::kCreated;
}

void Tx::update_customer(const Customer& c) {
  validate_customer(c);
  auto before = customer(c.id);
  if (before == c) return;
  validate_group(*this, c, !(before.currency == c.currency));
  if (!(before.currency == c.currency)) {
    const auto b = balance(c.id);
    bool has_docs = b.open_items > 0;
    if (!has_docs) {
      auto cur = read_.cursor(tables::kDocByCustomer);
      const auto prefix = KeyBuilder().str(c.id).bytes();
      has_docs = cur->seek(prefix) && cur->key().substr(0, prefix.size()) == prefix;
    }
    if (has_docs)
      fail_conflict("customer '" + c.id + "' has documents; its currency cannot change");
    CustomerBalance zero{Money::zero(c.currency), Money::zero(c.currency), 0};
    raw_write().put(tables::kBalances, c.id, records::encode(zero));
  }
  raw_write().put(tables::kCustomers, c.id, records::encode(c));
  publish(events::CustomerUpdated{before, c});
}

void Tx::for_each_customer(const std::function<bool(const Customer&)>& fn,
                           std::string_view from_id) {
  auto c = read_.cursor(tables::kCustomers);
  for (bool ok = from_id.empty() ? c->first() : c->seek(from_id); ok; ok = c->next())
    if (!fn(records::decode_customer(c->value()))) break;
}

CustomerBalance Tx::balance(std::string_view customer_id) {
  if (auto v = read_.get(tables::kBalances, customer_id)) return records::decode_balance(*v);
  if (customer_id.empty()) {
    // Suspense in the ledger's default currency.
    const auto cur = Currency::parse(config_or("ledger.currency", "USD"));
    if (auto v = read_.get(tables::kBalances, balance_key(customer_id, cur)))
      return records::decode_balance(*v);
    return {Money::zero(cur), Money::zero(cur), 0};
  }
  const auto c = customer(customer_id);
  return {Money::zero(c.currency), Money::zero(c.currency), 0};
}

std::string balance_key(std::string_view customer_id, const Currency& cur) {
  // Suspense receipts have no customer; their totals are kept per currency
  // under a key no customer id can take (ids have no control characters).
  if (!customer_id.empty()) return std::string(customer_id);
  return "\x01" + std::string(cur.code());
}

void Tx::add_to_balance(const std::string& customer_id, const Currency& cur, DocKind kind,
                        const Money& delta, int items) {
  const auto key = balance_key(customer_id, cur);
  CustomerBalance b;
  if (auto v = read_.get(tables::kBalances, key))
    b = records::decode_balance(*v);
  else
    b = {Money::zero(cur), Money::zero(cur), 0};
  if (is_debit(kind))
    b.receivable += delta;
  else
    b.unapplied += delta;
  ARCTL_ASSERT(!b.receivable.is_negative() && !b.unapplied.is_negative(),
               "the balance of '" + customer_id + "' would go below zero");
  ARCTL_ASSERT(items >= 0 || b.open_items >= static_cast<std::uint64_t>(-items),
               "the open-item count of '" + customer_id + "' would go below zero");
  b.open_items = static_cast<std::uint64_t>(static_cast<std::int64_t>(b.open_items) + items);
  raw_write().put(tables::kBalances, key, records::encode(b));
  note_balance_changed(*this, customer_id, cur.code());
}

}  // namespace arctl
