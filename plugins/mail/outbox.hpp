// The outbox: every message arctl sends, stored whole (the exact bytes that
// go to the server) in the plugin's table `outbox` keyed by id, with an
// index `message_ids` from Message-ID to id so that no Message-ID is queued
// twice. Its status moves queued -> sending -> sent | queued | failed, or to
// cancelled by hand; a message is sent only from queued (or failed, on retry).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "arctl/check.hpp"
#include "arctl/ledger.hpp"

namespace arctl::mail {

enum class Status : std::uint8_t { kQueued = 0, kSending, kSent, kFailed, kCancelled };
const char* to_string(Status s) noexcept;
// Error(kUsage) naming the statuses when `text` is none of them.
Status parse_status(std::string_view text);

struct OutboxEntry {
  std::uint64_t id = 0;  // the key
  std::string message_id, customer, kind, document, run;
  std::string to, to_name, subject;
  std::string sender;                    // envelope sender (mail.from's address)
  std::vector<std::string> recipients;   // envelope recipients: to, then mail.bcc
  std::vector<std::string> attachments;  // "name (type, N bytes)"
  Status status = Status::kQueued;
  std::uint64_t attempts = 0;
  std::string last_reply;
  Date queued_on{};                  // business date it was queued
  std::string sent_at;               // UTC time the server accepted it, "" until then
  std::vector<std::string> history;  // "2026-03-31T10:04:05Z sending (attempt 1)"
  std::string message;               // the whole RFC 5322 message, CRLF line ends
};

class Outbox {
 public:
  Outbox(Tx& tx, const PluginHandle& handle) : tx_(tx), handle_(handle) {}

  std::optional<OutboxEntry> find(std::uint64_t id);
  OutboxEntry get(std::uint64_t id);  // Error(kNotFound)
  // The id of the entry with this Message-ID. Cost: one point read.
  std::optional<std::uint64_t> by_message_id(std::string_view message_id);
  // Gives `e` the next id and stores it with its index entry.
  void add(OutboxEntry& e);
  // Stores a changed entry (same id and Message-ID).
  void put(const OutboxEntry& e);
  // Every entry in id order. Cost: a scan of the table (messages included).
  std::vector<OutboxEntry> list();

 private:
  Tx& tx_;
  const PluginHandle& handle_;
};

// The current UTC time, "2026-03-31T10:04:05Z", for the history and sent_at.
std::string utc_now();

// `arctl check`: every entry decodes and is indexed by its Message-ID, and
// every index entry names an entry with that Message-ID.
void check_outbox(Tx& tx, const PluginHandle& handle, CheckReport& report);

}  // namespace arctl::mail
