// A customer's contacts: whom to call or write to, in which language and by
// which channel, with one primary contact per role. Stored in the plugin's
// table `contacts` keyed by (customer, name) and journaled as contact.*.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "arctl/check.hpp"
#include "arctl/ledger.hpp"
#include "arctl/output.hpp"

namespace arctl::collections {

struct Contact {
  std::string customer;
  std::string name;
  std::string role = "billing";  // billing, ap, purchasing, owner, other
  std::string email;
  std::string phone;
  std::string language;   // "es", "en-US"
  std::string preferred;  // call, email, letter
  bool primary = false;
  friend bool operator==(const Contact&, const Contact&) = default;
};

// What `contact add` / `contact edit` were given; unset: not given.
struct ContactInput {
  std::optional<std::string> role, email, phone, language, preferred;
  bool primary = false;
};

// Each throws Error(kConflict) naming `option` when the text is not valid,
// and returns it normalised (language "en-us" -> "en-US").
// E-mail: local@domain.tld, one @, no spaces, a dotted domain whose last
// label is letters. Phone: digits with an optional leading +, spaces, dots,
// dashes and parentheses, 7 to 15 digits. Language: an ISO 639-1 code,
// optionally -REGION (two letters or three digits).
std::string valid_email(const std::string& text, const char* option = "--email");
std::string valid_phone(const std::string& text, const char* option = "--phone");
std::string valid_language(const std::string& text, const char* option = "--language");
std::string valid_role(const std::string& text, const char* option = "--role");
std::string valid_preferred(const std::string& text, const char* option = "--preferred");

class Contacts {
 public:
  Contacts(Tx& tx, const PluginHandle& handle) : tx_(tx), handle_(handle) {}

  std::optional<Contact> find(const std::string& customer, const std::string& name);
  // One customer's contacts (or everyone's), by customer then name.
  // Cost: a range scan of that customer's keys (of the whole table).
  std::vector<Contact> list(std::optional<std::string> customer);
  // Adds a contact; the first of its role, or one added with --primary,
  // becomes the role's primary. The same name with the same details is
  // nothing to do (false); with other details Error(kConflict).
  bool add(const std::string& customer, const std::string& name, const ContactInput& in);
  Contact edit(const std::string& customer, const std::string& name, const ContactInput& in);
  Contact remove(const std::string& customer, const std::string& name);
  // Whom to reach: the primary billing contact, else the primary of any
  // role (billing, ap, purchasing, owner, other in that order), else none.
  std::optional<Contact> to_reach(const std::string& customer);
  // Whom to e-mail about `role`: its primary contact when it has an e-mail
  // address, else the first primary contact with one in role order
  // (billing, ap, purchasing, owner, other), else none.
  // Cost: a range scan of the customer's keys.
  std::optional<Contact> to_email(const std::string& customer, const std::string& role);

 private:
  void put(const Contact& c);
  // Makes `name` (or, when empty and the role has none, its first contact
  // by name) the only primary of `role`, journaling each contact that
  // changes; true when that includes `name`.
  bool settle_primary(const std::string& customer, const std::string& role,
                      const std::string& name);

  Tx& tx_;
  const PluginHandle& handle_;
};

// How a contact is reached by its preferred channel: the phone for a call,
// the e-mail for email, else whichever it has; "letter" for a letter.
std::string reach(const Contact& c);
Json contact_row(const Contact& c);
// `arctl check`: each contact's customer exists and each role of a customer
// has exactly one primary.
void check_contacts(Tx& tx, const PluginHandle& handle, CheckReport& report);

}  // namespace arctl::collections
