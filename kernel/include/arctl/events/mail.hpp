// The mail plugin's events: a message put in the outbox, accepted by the
// mail server, refused by it (or left for a retry), or cancelled by hand.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "arctl/events/payload.hpp"

namespace arctl::events {

// A message was put in the outbox, in the transaction of what it sends.
struct MailQueued {
  static constexpr std::string_view kName = "mail.queued";
  std::uint64_t id = 0;     // the outbox entry
  std::string message_id;   // the Message-ID header, "<...@domain>"
  std::string customer;     // the customer written to
  std::string to;           // the recipient's address
  std::string subject;      // the Subject, decoded
  std::string kind;         // statement, notice
  std::string document;     // what it is about (customer, letter)
  std::uint64_t bytes = 0;  // the size of the stored message

  ARCTL_EVENT_FIELDS(MailQueued, field("id", &E::id), field("message_id", &E::message_id),
                     field("customer", &E::customer), field("to", &E::to),
                     field("subject", &E::subject), field("kind", &E::kind),
                     field("document", &E::document), field("bytes", &E::bytes))
};

// The mail server (or sendmail) accepted a message.
struct MailSent {
  static constexpr std::string_view kName = "mail.sent";
  std::uint64_t id = 0;        // the outbox entry
  std::string message_id;      // the Message-ID header
  std::string to;              // the recipient's address
  std::string subject;         // the Subject, decoded
  std::string document;        // what it is about
  std::string reply;           // the server's last reply, "250 2.0.0 Ok: queued as ..."
  std::uint64_t attempts = 0;  // transport attempts, this one included

  ARCTL_EVENT_FIELDS(MailSent, field("id", &E::id), field("message_id", &E::message_id),
                     field("to", &E::to), field("subject", &E::subject),
                     field("document", &E::document), field("reply", &E::reply),
                     field("attempts", &E::attempts))
};

// A message was not accepted: left queued for a retry (a temporary failure)
// or failed (refused).
struct MailFailed {
  static constexpr std::string_view kName = "mail.failed";
  std::uint64_t id = 0;        // the outbox entry
  std::string message_id;      // the Message-ID header
  std::string to;              // the recipient's address
  std::string status;          // queued (will be retried) or failed
  std::string reply;           // the server's reply or the transport's error
  std::uint64_t attempts = 0;  // transport attempts, this one included

  ARCTL_EVENT_FIELDS(MailFailed, field("id", &E::id), field("message_id", &E::message_id),
                     field("to", &E::to), field("status", &E::status), field("reply", &E::reply),
                     field("attempts", &E::attempts))
};

// A message was taken out of the outbox unsent (`mail cancel`).
struct MailCancelled {
  static constexpr std::string_view kName = "mail.cancelled";
  std::uint64_t id = 0;    // the outbox entry
  std::string message_id;  // the Message-ID header
  std::string previous;    // the status it had: queued, failed, sending

  ARCTL_EVENT_FIELDS(MailCancelled, field("id", &E::id), field("message_id", &E::message_id),
                     field("previous", &E::previous))
};

}  // namespace arctl::events
