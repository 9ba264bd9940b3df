// Statements and notices by e-mail (`--send`): the messages are queued
// through the mail plugin's MailService in the command's write transaction
// and delivered after the commit; the command prints one row per customer.
#pragma once

#include <vector>

#include "arctl/mail.hpp"
#include "batch.hpp"
#include "notices.hpp"
#include "statement.hpp"

namespace arctl::statements {

// The mail plugin's service. Errors: kNotFound when it is not loaded.
MailService& mail_service(Context& ctx);

// The message for statement `s`: template mail/statement, the PDF attached,
// Message-ID from the customer and the statement's dates.
MailRequest statement_mail(const Statement& s);

// Queues the statement of `customer` (a group statement unless `group` is
// false), or with an empty `customer` each customer's own statement chosen
// as `statement --all` chooses them, in `tx`. Cost: one statement and one
// PDF per customer.
std::vector<QueuedMail> queue_statements(Context& ctx, Tx& tx, MailService& mail,
                                         const BatchOptions& o, const std::string& customer,
                                         bool group);

// The message for notice `n` of run `run`: template mail/notice, the letter
// attached as text/plain (notice-CUSTOMER-LEVEL.txt).
MailRequest notice_mail(const Notice& n, std::uint64_t run);

// After the commit that queued `queued`: delivers the new ones (not under
// --dry-run), prints a row per message (customer, to, subject, message_id,
// status, reason or reply; attachments under --dry-run) with the counts on
// stderr, and sets exit 11 when any is left undelivered.
void deliver_and_report(Context& ctx, MailService& mail, const std::vector<QueuedMail>& queued,
                        const std::string& none);

}  // namespace arctl::statements
