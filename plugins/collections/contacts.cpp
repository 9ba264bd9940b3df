// A customer's contacts (see contacts.hpp).
#include "contacts.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "arctl/codec.hpp"
#include "arctl/error.hpp"
#include "arctl/events/collections.hpp"
#include "arctl/record.hpp"

namespace arctl::collections {
namespace {

constexpr std::uint8_t kVersion = 1;
const auto kContact = record::layout<Contact>(
    kVersion, record::field("customer", &Contact::customer), record::field("name", &Contact::name),
    record::field("role", &Contact::role), record::field("email", &Contact::email),
    record::field("phone", &Contact::phone), record::field("language", &Contact::language),
    record::field("preferred", &Contact::preferred), record::field("primary", &Contact::primary));

Bytes key(std::string_view customer, std::string_view name) {
  return KeyBuilder().str(customer).str(name).bytes();
}

// Without a stated channel: e-mail when there is an address, else a call
// when there is a phone, else a letter.
std::string default_channel(const Contact& c) {
  return !c.email.empty() ? "email" : !c.phone.empty() ? "call" : "letter";
}

// Applies the given fields of `in` to `c`, each checked.
void apply(Contact& c, const ContactInput& in) {
  if (in.role) c.role = valid_role(*in.role);
  if (in.email) c.email = in.email->empty() ? "" : valid_email(*in.email);
  if (in.phone) c.phone = in.phone->empty() ? "" : valid_phone(*in.phone);
  if (in.language) c.language = in.language->empty() ? "" : valid_language(*in.language);
  if (in.preferred) c.preferred = in.preferred->empty() ? "" : valid_preferred(*in.preferred);
  if (c.preferred.empty()) c.preferred = default_channel(c);
}

template <class E>
E event_of(const Contact& c) {
  return E{c.customer, c.name, c.role, c.email, c.phone, c.language, c.preferred, c.primary};
}

}  // namespace

std::optional<Contact> Contacts::find(const std::string& customer, const std::string& name) {
  auto t = tx_.table(handle_, "contacts");
  const auto k = key(customer, name);
  auto v = t.get(k);
  if (!v) return std::nullopt;
  return kContact.decode(*v, {t.name(), k});
}

std::vector<Contact> Contacts::list(std::optional<std::string> customer) {
  auto t = tx_.table(handle_, "contacts");
  KeyBuilder prefix;
  if (customer) prefix.str(*customer);
  std::vector<Contact> out;
  t.scan(prefix, [&](BytesView k, BytesView v) {
    out.push_back(kContact.decode(v, {t.name(), k}));
    return true;
  });
  return out;
}

void Contacts::put(const Contact& c) {
  tx_.table(handle_, "contacts").put(key(c.customer, c.name), kContact.encode(c));
}

bool Contacts::settle_primary(const std::string& customer, const std::string& role,
                              const std::string& name) {
  auto all = list(customer);
  std::string chosen = name;
  if (chosen.empty()) {
    for (const auto& c : all)
      if (c.role == role && c.primary) return false;  // the role keeps its primary
    for (const auto& c : all)
      if (c.role == role) {
        chosen = c.name;
        break;
      }
  }
  bool journaled_name = false;
  for (auto c : all) {
    if (c.role != role || c.primary == (c.name == chosen)) continue;
    c.primary = c.name == chosen;
    put(c);
    tx_.publish(event_of<events::ContactChanged>(c));
    journaled_name = journaled_name || c.name == name;
  }
  return journaled_name;
}

bool Contacts::add(const std::string& customer_id, const std::string& name,
                   const ContactInput& in) {
  const auto customer = tx_.customer(customer_id).id;
  if (name.empty() || name.size() > 200) fail_usage("--name must be 1 to 200 characters");
  Contact c;
  c.customer = customer;
  c.name = name;
  apply(c, in);
  if (auto old = find(customer, name)) {
    Contact same = c;
    same.primary = old->primary;
    if (!(same == *old))
      fail_conflict("'" + name + "' is already a contact of " + customer +
                    " with other details: change them with `arctl contact edit`");
    if (!in.primary || old->primary) return false;
    settle_primary(customer, c.role, name);
    return true;
  }
  bool role_has_contact = false;
  for (const auto& o : list(customer))
    role_has_contact = role_has_contact || o.role == c.role;
  c.primary = in.primary || !role_has_contact;
  if (c.primary) settle_primary(customer, c.role, name);  // demotes the old primary
  put(c);
  tx_.publish(event_of<events::ContactAdded>(c));
  return true;
}

Contact Contacts::edit(const std::string& customer_id, const std::string& name,
                       const ContactInput& in) {
  const auto customer = tx_.customer(customer_id).id;
  auto old = find(customer, name);
  if (!old) fail_not_found("no contact '" + name + "' for " + customer);
  Contact c = *old;
  apply(c, in);
  bool journaled = false;
  if (c.role != old->role) {
    c.primary = false;
    put(c);
    if (old->primary) settle_primary(customer, old->role, "");
    journaled = settle_primary(customer, c.role, in.primary ? name : "");
  } else if (in.primary && !old->primary) {
    journaled = settle_primary(customer, c.role, name);
  }
  const Contact now = *find(customer, name);
  c.primary = now.primary;
  // What settle_primary wrote and journaled is not journaled twice.
  if (c == *old || (journaled && c == now)) return c;
  put(c);
  tx_.publish(event_of<events::ContactChanged>(c));
  return c;
}

Contact Contacts::remove(const std::string& customer_id, const std::string& name) {
  const auto customer = tx_.customer(customer_id).id;
  auto old = find(customer, name);
  if (!old) fail_not_found("no contact '" + name + "' for " + customer);
  tx_.table(handle_, "contacts").del(key(customer, name));
  tx_.publish(events::ContactRemoved{customer, name, old->role});
  if (old->primary) settle_primary(customer, old->role, "");
  return *old;
}

std::optional<Contact> Contacts::to_reach(const std::string& customer) {
  std::optional<Contact> best;
  int best_rank = 99;
  const std::vector<std::string> order = {"billing", "ap", "purchasing", "owner", "other"};
  for (const auto& c : list(customer)) {
    if (!c.primary) continue;
    const int rank =
        static_cast<int>(std::find(order.begin(), order.end(), c.role) - order.begin());
    if (rank < best_rank) best = c, best_rank = rank;
  }
  return best;
}

std::optional<Contact> Contacts::to_email(const std::string& customer, const std::string& role) {
  std::vector<std::string> order = {role, "billing", "ap", "purchasing", "owner", "other"};
  std::optional<Contact> best;
  auto best_rank = order.size();
  for (const auto& c : list(customer)) {
    if (!c.primary || c.email.empty()) continue;
    const auto rank =
        static_cast<std::size_t>(std::find(order.begin(), order.end(), c.role) - order.begin());
    if (rank < best_rank) best = c, best_rank = rank;
  }
  return best;
}

std::string reach(const Contact& c) {
  if (c.preferred == "letter") return "letter";
  if (c.preferred == "call" && !c.phone.empty()) return c.phone;
  if (c.preferred == "email" && !c.email.empty()) return c.email;
  return !c.phone.empty() ? c.phone : c.email;
}

Json contact_row(const Contact& c) {
  Json j;
  j["customer"] = c.customer;
  j["name"] = c.name;
  j["role"] = c.role;
  j["primary"] = c.primary;
  j["email"] = c.email;
  j["phone"] = c.phone;
  j["language"] = c.language;
  j["preferred"] = c.preferred;
  return j;
}

void check_contacts(Tx& tx, const PluginHandle& handle, CheckReport& report) {
  std::map<std::pair<std::string, std::string>, int> primaries;  // (customer, role) -> count
  std::set<std::string> missing;
  for (const auto& c : Contacts(tx, handle).list(std::nullopt)) {
    primaries[{c.customer, c.role}] += c.primary ? 1 : 0;
    if (!missing.count(c.customer) && !tx.find_customer(c.customer)) {
      missing.insert(c.customer);
      report.add("collections", "contact " + c.customer + "/" + c.name,
                 "its customer does not exist");
    }
  }
  for (const auto& [cr, n] : primaries)
    if (n != 1)
      report.add("collections", "contacts of " + cr.first + " role " + cr.second,
                 std::to_string(n) + " primary contacts; a role has exactly one");
}

}  // namespace arctl::collections
