// Delivery of outbox messages (see deliver.hpp). The order of the steps is
// what makes a message go at most once: it is marked sending and committed
// before the transport runs, and nothing sends a message that is sending.
#include "deliver.hpp"

#include "arctl/error.hpp"
#include "arctl/events/mail.hpp"
#include "compose.hpp"
#include "transport.hpp"

namespace arctl::mail {
namespace {

// Marks entry `id` sending when it may be sent; returns it either way.
std::pair<OutboxEntry, bool> claim(Context& ctx, const PluginHandle& handle, std::uint64_t id) {
  return ctx.ledger().write([&](Tx& tx) {
    Outbox outbox(tx, handle);
    auto e = outbox.get(id);
    if (e.status != Status::kQueued && e.status != Status::kFailed) return std::pair{e, false};
    e.status = Status::kSending;
    ++e.attempts;
    e.history.push_back(utc_now() + " sending (attempt " + std::to_string(e.attempts) + ")");
    outbox.put(e);
    return std::pair{e, true};
  });
}

OutboxEntry record(Context& ctx, const PluginHandle& handle, std::uint64_t id,
                   const TransmitResult& result) {
  return ctx.ledger().write([&](Tx& tx) {
    Outbox outbox(tx, handle);
    auto e = outbox.get(id);
    ARCTL_ASSERT(e.status == Status::kSending, "outbox entry changed while it was being sent");
    e.last_reply = result.reply;
    const auto now = utc_now();
    switch (result.outcome) {
      case Outcome::kAccepted:
        e.status = Status::kSent;
        e.sent_at = now;
        e.history.push_back(now + " sent: " + result.reply);
        tx.publish(events::MailSent{e.id, e.message_id, e.to, e.subject, e.document, e.last_reply,
                                    e.attempts});
        break;
      case Outcome::kTemporary:
        e.status = Status::kQueued;
        e.history.push_back(now + " queued again (temporary failure): " + result.reply);
        break;
      case Outcome::kRefused:
        e.status = Status::kFailed;
        e.history.push_back(now + " failed: " + result.reply);
        break;
      case Outcome::kUnknown:
        e.history.push_back(now + " no answer after the message went out: " + result.reply);
        break;
    }
    if (result.outcome != Outcome::kAccepted)
      tx.publish(events::MailFailed{e.id, e.message_id, e.to, to_string(e.status), e.last_reply,
                                    e.attempts});
    outbox.put(e);
    return e;
  });
}

void count(Delivery& d, const OutboxEntry& e) {
  switch (e.status) {
    case Status::kSent:
      ++d.sent;
      break;
    case Status::kQueued:
      ++d.queued;
      break;
    case Status::kFailed:
      ++d.failed;
      break;
    case Status::kSending:
      ++d.review;
      break;
    case Status::kCancelled:
      break;
  }
}

}  // namespace

Json delivery_row(const OutboxEntry& e) {
  return Json{
      {"id", e.id},
      {"customer", e.customer},
      {"to", e.to},
      {"subject", e.subject},
      {"message_id", e.message_id},
      {"status", to_string(e.status)},
      {"attempts", e.attempts},
      {"reply", e.status == Status::kSending
                    ? std::string(kReviewAdvice) +
                          (e.last_reply.empty() ? "" : " (last reply: " + e.last_reply + ")")
                    : e.last_reply}};
}

Delivery deliver_messages(Context& ctx, const PluginHandle& handle,
                          const std::vector<std::uint64_t>& ids) {
  Delivery d;
  if (ids.empty()) return d;
  const auto config = ctx.ledger().read([](Tx& tx) { return transport_config(tx); });
  for (const auto id : ids) {
    auto [e, claimed] = claim(ctx, handle, id);
    if (claimed) {
      const auto result = transmit(config, e.sender, e.recipients, e.message);
      e = record(ctx, handle, id, result);
    }
    // Sent or cancelled before: nothing to say about it.
    if (!claimed && (e.status == Status::kSent || e.status == Status::kCancelled)) continue;
    count(d, e);
    d.rows.push_back(delivery_row(e));
  }
  return d;
}

}  // namespace arctl::mail
