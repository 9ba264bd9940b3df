// Handlers of `arctl contact add|list|edit|remove`.
#include <CLI/CLI.hpp>

#include "arctl/command.hpp"
#include "commands.hpp"
#include "contacts.hpp"

namespace arctl::collections {
namespace {

struct Fields {
  std::string role, email, phone, language, preferred;
  bool primary = false;
  CLI::Option *o_role = nullptr, *o_email = nullptr, *o_phone = nullptr, *o_language = nullptr,
              *o_preferred = nullptr;

  void add_to(CLI::App* cmd) {
    o_role = cmd->add_option("--role", role, "billing, ap, purchasing, owner or other");
    o_email = cmd->add_option("--email", email, "E-mail address ('' to clear on edit)");
    o_phone = cmd->add_option("--phone", phone, "Phone number, e.g. '+34 91 123 45 67'");
    o_language = cmd->add_option("--language", language, "ISO 639-1 code: es, en, en-US");
    o_preferred = cmd->add_option("--preferred", preferred, "call, email or letter");
    cmd->add_flag("--primary", primary, "Make it the primary contact of its role");
  }
  // Only what was given, so that edit leaves the rest alone.
  ContactInput input() const {
    ContactInput in;
    auto given = [](CLI::Option* o, const std::string& v) {
      return o->count() ? std::optional<std::string>(v) : std::nullopt;
    };
    in.role = given(o_role, role);
    in.email = given(o_email, email);
    in.phone = given(o_phone, phone);
    in.language = given(o_language, language);
    in.preferred = given(o_preferred, preferred);
    in.primary = primary;
    return in;
  }
};

void add_command(CLI::App& group, Context& ctx, const PluginHandle& h) {
  struct Options {
    std::string customer, name;
    Fields f;
  };
  auto o = std::make_shared<Options>();
  auto* cmd = group.add_subcommand("add", "Add a contact to a customer");
  cmd->add_option("customer", o->customer, "Customer id")->required();
  cmd->add_option("--name", o->name, "The contact's name (unique within the customer)")->required();
  o->f.add_to(cmd);
  mutating(cmd, ctx, [&h, o](Tx& tx) {
    Contacts contacts(tx, h);
    const bool changed = contacts.add(o->customer, o->name, o->f.input());
    const auto c = contacts.find(tx.customer(o->customer).id, o->name);
    return Report::line(contact_row(*c),
                        (changed ? "added " : "unchanged ") + c->customer + " / " + c->name);
  });
}

void edit_command(CLI::App& group, Context& ctx, const PluginHandle& h) {
  struct Options {
    std::string customer, name;
    Fields f;
  };
  auto o = std::make_shared<Options>();
  auto* cmd = group.add_subcommand("edit", "Change a contact's details");
  cmd->add_option("customer", o->customer, "Customer id")->required();
  cmd->add_option("name", o->name, "The contact's name")->required();
  o->f.add_to(cmd);
  mutating(cmd, ctx, [&h, o](Tx& tx) {
    const auto c = Contacts(tx, h).edit(o->customer, o->name, o->f.input());
    return Report::line(contact_row(c), "changed " + c.customer + " / " + c.name);
  });
}

void remove_command(CLI::App& group, Context& ctx, const PluginHandle& h) {
  struct Options {
    std::string customer, name;
  };
  auto o = std::make_shared<Options>();
  auto* cmd = group.add_subcommand("remove", "Remove a contact");
  cmd->add_option("customer", o->customer, "Customer id")->required();
  cmd->add_option("name", o->name, "The contact's name")->required();
  mutating(cmd, ctx, [&h, o](Tx& tx) {
    const auto c = Contacts(tx, h).remove(o->customer, o->name);
    return Report::line(contact_row(c), "removed " + c.customer + " / " + c.name);
  });
}

void list_command(CLI::App& group, Context& ctx, const PluginHandle& h) {
  struct Options {
    std::string customer, role;
  };
  auto o = std::make_shared<Options>();
  auto* cmd = group.add_subcommand("list", "List contacts, by customer then name");
  cmd->add_option("customer", o->customer, "Only this customer's");
  cmd->add_option("--role", o->role, "Only this role's");
  cmd->callback([&ctx, &h, o] {
    Json rows = Json::array();
    ctx.ledger().read([&](Tx& tx) {
      std::optional<std::string> customer;
      if (!o->customer.empty()) customer = tx.customer(o->customer).id;
      if (!o->role.empty()) valid_role(o->role);
      for (const auto& c : Contacts(tx, h).list(customer))
        if (o->role.empty() || c.role == o->role) rows.push_back(contact_row(c));
    });
    print_report(ctx, Report::rows(rows, "no contacts"));
  });
}

}  // namespace

void register_contact(CLI::App& app, Context& ctx, const PluginHandle& h) {
  add_group(app, "contact", "A customer's contacts: add, list, edit, remove", ctx,
            {add_command, list_command, edit_command, remove_command}, h);
}

}  // namespace arctl::collections
