// Sending what is in the outbox (MailService::deliver and `mail send`):
// each message is marked sending in one transaction, handed to the
// transport outside any transaction, and its outcome recorded in another.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "arctl/mail.hpp"
#include "outbox.hpp"

namespace arctl::mail {

// What to tell the user about a message left in `sending`.
inline constexpr std::string_view kReviewAdvice =
    "may have been delivered; check the server's log, then `mail send --resend ID` or "
    "`mail cancel ID`";

// Sends each of `ids` that is queued or failed; reports the others as they
// are (a `sending` one as needing review). Must be called outside any
// transaction. Cost per message: two write transactions and one transport call.
Delivery deliver_messages(Context& ctx, const PluginHandle& handle,
                          const std::vector<std::uint64_t>& ids);

// One row of `mail send`, `mail outbox` and the commands that send: id,
// customer, to, subject, message_id, status, attempts, reply.
Json delivery_row(const OutboxEntry& e);

}  // namespace arctl::mail
