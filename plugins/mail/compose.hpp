// Putting a message in the outbox (MailService::queue): the recipient, the
// Message-ID, the template in the recipient's language, the MIME message.
#pragma once

#include <string>
#include <vector>

#include "arctl/mail.hpp"
#include "arctl/services.hpp"
#include "transport.hpp"

namespace arctl::mail {

// The transport settings in force (mail.transport, mail.sendmail_path,
// mail.starttls, mail.netrc_file). Cost: four config reads.
TransportConfig transport_config(Tx& tx);

// The Message-ID of a message about `document` sent by `run`, unique to the
// ledger: <arctl.KIND.DOCUMENT.RUN.TAG@DOMAIN>, TAG from the ledger's first
// journal entry and DOMAIN from mail.from. Characters a Message-ID cannot
// hold are written =XX.
std::string message_id(Tx& tx, const MailRequest& r, const std::string& domain);

// The template for `base` in `language`: mail/BASE.es-MX.txt.mustache, then
// mail/BASE.es.txt.mustache, then mail/BASE.txt.mustache (the ledger's
// templates/ first each time). Errors: kNotFound when none exists.
std::string template_for(const Context& ctx, const std::string& base, const std::string& language);

// MailService::queue (see arctl/mail.hpp).
QueuedMail queue_message(Context& ctx, Tx& tx, const PluginHandle& handle, const Services& services,
                         const MailRequest& r);

}  // namespace arctl::mail
