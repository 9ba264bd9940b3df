// The mail plugin: statements and notices by e-mail, exactly once. Other
// plugins queue messages through MailService in their own transactions; the
// outbox keeps every message whole, and `arctl mail` shows and sends it.
#include "arctl/plugin.hpp"

#include "arctl/events/kernel.hpp"
#include "arctl/mail.hpp"
#include "commands.hpp"
#include "compose.hpp"
#include "deliver.hpp"
#include "mime.hpp"
#include "outbox.hpp"
#include "transport.hpp"

namespace arctl::mail {
namespace {

class Service : public MailService {
 public:
  Service(const PluginHandle& handle, const Services& services)
      : handle_(handle), services_(services) {}
  QueuedMail queue(Context& ctx, Tx& tx, const MailRequest& request) override {
    return queue_message(ctx, tx, handle_, services_, request);
  }
  Delivery deliver(Context& ctx, const std::vector<std::uint64_t>& ids) override {
    return deliver_messages(ctx, handle_, ids);
  }

 private:
  const PluginHandle& handle_;
  const Services& services_;  // the host's: the contact directory, looked up when used
};

void validate_config(std::string_view key, std::string_view value) {
  if (key == "mail.transport") validate_transport(value);
  if (key == "mail.starttls") validate_starttls(value);
  if (key == "mail.from") parse_mailbox(value);
  if (key == "mail.reply_to" || key == "mail.bcc") parse_mailbox_list(value);
}

}  // namespace

class MailPlugin : public Plugin {
 public:
  PluginInfo info() const override {
    return {"mail", "0.1.0", "Statements and notices by e-mail: the outbox, sendmail and SMTP"};
  }
  void init(const PluginHandle& handle) override { handle_ = &handle; }
  std::vector<ConfigKey> config_keys() const override {
    return {
        {"mail.transport", "sendmail",
         "how mail leaves: sendmail (mail.sendmail_path -t -oi), smtp://HOST[:PORT] or "
         "smtps://HOST[:PORT]; a URL with a password is refused"},
        {"mail.sendmail_path", "/usr/sbin/sendmail",
         "the sendmail program the sendmail transport runs"},
        {"mail.starttls", "opportunistic",
         "STARTTLS on smtp://: required, opportunistic (when the server offers it) or off"},
        {"mail.netrc_file", "",
         "the netrc file with the SMTP login (default ~/.netrc); else ARCTL_SMTP_PASSWORD for the "
         "user in the URL"},
        {"mail.from", "", "the sender, 'Name <address>'; required to queue mail"},
        {"mail.reply_to", "", "the Reply-To addresses, comma-separated; none when unset"},
        {"mail.bcc", "", "addresses that get a blind copy of every message, comma-separated"},
    };
  }
  void subscribe(EventBus& bus) override {
    bus.on<events::ConfigSet>("mail", [](Tx&, const events::ConfigSet& e, const JournalEntry&) {
      validate_config(e.key, e.value);
    });
  }
  void provide(Services& services) override {
    services.provide<MailService>(std::make_shared<Service>(*handle_, services));
  }
  void register_commands(CLI::App& app, Context& ctx) override {
    register_mail(app, ctx, *handle_);
  }
  void check(Tx& tx, CheckReport& report) override { check_outbox(tx, *handle_, report); }

 private:
  const PluginHandle* handle_ = nullptr;
};

}  // namespace arctl::mail

ARCTL_PLUGIN(arctl::mail::MailPlugin)
