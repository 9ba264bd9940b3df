// Internet messages as they go on the wire: RFC 5322 headers with RFC 2047
// encoded words for non-ASCII text, and a multipart/mixed body of a UTF-8
// text part and base64 attachments, every line ending in CRLF.
#pragma once

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include "arctl/mail.hpp"

namespace arctl::mail {

struct Mailbox {
  std::string name;   // display name, may be empty or non-ASCII
  std::string email;  // addr-spec
};

// "Name <addr>", "<addr>" or "addr" as configured (mail.from) -> its parts.
// Errors: kConflict when there is no plausible address (one @, no spaces).
Mailbox parse_mailbox(std::string_view text);
// A comma-separated list of them (mail.reply_to, mail.bcc); empty parts are
// skipped. Errors: as parse_mailbox, for the first bad one.
std::vector<Mailbox> parse_mailbox_list(std::string_view text);

struct MessageParts {
  Mailbox from, to;
  std::vector<Mailbox> reply_to;
  std::string subject;  // UTF-8
  std::string date;     // rfc5322_date()
  std::string message_id;
  std::string body;  // UTF-8 text, LF or CRLF line ends
  std::vector<MailAttachment> attachments;
};

// The whole message, headers then body, CRLF line ends.
std::string build_message(const MessageParts& m);

// `text` as is when it is printable ASCII, else RFC 2047 "=?utf-8?B?...?="
// words (at most 75 characters each, never splitting a UTF-8 sequence),
// separated by CRLF SP so that a long header folds.
std::string encode_words(std::string_view text);
// A mailbox for a header: `addr`, `"Name" <addr>` or `=?utf-8?B?..?= <addr>`.
std::string format_mailbox(const Mailbox& m);
// Base64 (RFC 4648), in lines of 76 characters ending in CRLF when `wrap`.
std::string base64(std::string_view bytes, bool wrap = false);
// Quoted-printable (RFC 2045): lines of at most 76 characters, CRLF ends.
std::string quoted_printable(std::string_view text);
// "Tue, 31 Mar 2026 09:05:00 +0000".
std::string rfc5322_date(std::chrono::system_clock::time_point t);

// The header block of `message` (up to the first empty line), unfolded:
// name and value pairs in order, values as they are (still encoded).
std::vector<std::pair<std::string, std::string>> header_fields(std::string_view message);

}  // namespace arctl::mail
