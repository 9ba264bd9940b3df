// E-mail to customers, exactly once: a plugin queues a rendered message in
// its own write transaction (with the records it sends it for), and asks for
// delivery after the commit. The mail plugin provides the service; without it
// a command that would send says so and sends nothing.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "arctl/api.hpp"
#include "arctl/context.hpp"
#include "arctl/ledger.hpp"

namespace arctl {

struct ARCTL_API MailAttachment {
  std::string filename;      // "statement-C0001-2026-03.pdf"
  std::string content_type;  // "application/pdf"
  std::string bytes;
};

// One message to a customer about one document.
struct ARCTL_API MailRequest {
  std::string customer;
  std::string kind;      // "statement", "notice": also the default template
  std::string document;  // what the message is about: "C0001", "C0001.level-2"
  std::string run;       // which run sent it: a statement's period and content hash, a notice run
  std::string role = "billing";  // the contact role to write to
  std::string template_name;     // "" = kind; mail/NAME[.LANG].txt.mustache
  Json data = Json::object();    // the template's data
  std::vector<MailAttachment> attachments;
};

// What queue() did with a request.
struct ARCTL_API QueuedMail {
  std::uint64_t id = 0;  // the outbox entry; 0 when nothing is in the outbox
  std::string customer;
  std::string to;  // the address, "" when the customer has none
  std::string subject;
  std::string message_id;  // "<arctl.statement.C0001....@example.com>"
  bool queued = false;     // true only when this call added it
  // queued, sending, sent, failed, cancelled (the entry's status), or
  // "not sent" when there is no entry.
  std::string status;
  std::string reason;  // why it was not queued: "no e-mail address", "already sent"
  std::vector<std::string> attachments;  // "statement.pdf (2345 bytes)"
};

// The outcome of one delivery pass.
struct ARCTL_API Delivery {
  std::uint64_t sent = 0, queued = 0, failed = 0, review = 0;
  Json rows = Json::array();  // id, to, subject, message_id, status, reply
  // Messages still in the outbox after this pass (queued, failed, to review).
  std::uint64_t undelivered() const noexcept { return queued + failed + review; }
};

// Provided by the mail plugin.
class ARCTL_API MailService {
 public:
  static constexpr std::string_view kName = "mail";
  virtual ~MailService() = default;
  // Renders the message (template, recipient, MIME) and stores it in the
  // outbox, journaling mail.queued, inside the caller's write transaction:
  // it is queued if and only if that transaction commits. A message whose
  // Message-ID (ledger, kind, document, run) is already in the outbox is not
  // queued again: the result names its status. A customer with no address
  // is not queued (status "not sent", reason "no e-mail address").
  // Cost: a few point reads and writes, one template render.
  // Errors: kConflict when mail.from is unset; kNotFound for an unknown
  // customer or template.
  virtual QueuedMail queue(Context& ctx, Tx& tx, const MailRequest& request) = 0;
  // Sends the queued messages `ids`, each in turn: a write transaction marks
  // it sending, the transport runs outside any transaction, and a second one
  // marks it sent (journaling mail.sent), back to queued (a temporary
  // failure) or failed (journaling mail.failed). A message left sending is
  // never sent again by this call. Call it after the commit that queued
  // them, never inside a transaction. Cost: two write transactions and one
  // transport call per message.
  virtual Delivery deliver(Context& ctx, const std::vector<std::uint64_t>& ids) = 0;
};

}  // namespace arctl
