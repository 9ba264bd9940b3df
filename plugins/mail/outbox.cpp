// The outbox table and its Message-ID index (see outbox.hpp).
#include "outbox.hpp"

#include <chrono>
#include <ctime>

#include "arctl/codec.hpp"
#include "arctl/error.hpp"
#include "arctl/record.hpp"

namespace arctl::mail {
namespace {

constexpr std::uint8_t kVersion = 1;
constexpr std::string_view kTable = "outbox";
constexpr std::string_view kIndex = "message_ids";
constexpr std::string_view kCounter = "mail.outbox";

using StatusCodec = record::Enum<Status, 0, 4, "mail status">;
const auto kEntry = record::layout<OutboxEntry>(
    kVersion, record::field("message_id", &OutboxEntry::message_id),
    record::field("customer", &OutboxEntry::customer), record::field("kind", &OutboxEntry::kind),
    record::field("document", &OutboxEntry::document), record::field("run", &OutboxEntry::run),
    record::field("to", &OutboxEntry::to), record::field("to_name", &OutboxEntry::to_name),
    record::field("subject", &OutboxEntry::subject), record::field("sender", &OutboxEntry::sender),
    record::field("recipients", &OutboxEntry::recipients),
    record::field("attachments", &OutboxEntry::attachments),
    record::field_as<StatusCodec>("status", &OutboxEntry::status),
    record::field("attempts", &OutboxEntry::attempts),
    record::field("last_reply", &OutboxEntry::last_reply),
    record::field("queued_on", &OutboxEntry::queued_on),
    record::field("sent_at", &OutboxEntry::sent_at),
    record::field("history", &OutboxEntry::history),
    record::field("message", &OutboxEntry::message));

Bytes id_key(std::uint64_t id) {
  return KeyBuilder().u64(id).bytes();
}

OutboxEntry decode(BytesView key, BytesView value, std::string_view table) {
  OutboxEntry e;
  e.id = KeyReader(key).u64();
  kEntry.decode_into(value, e, {table, key});
  return e;
}

}  // namespace

const char* to_string(Status s) noexcept {
  switch (s) {
    case Status::kQueued:
      return "queued";
    case Status::kSending:
      return "sending";
    case Status::kSent:
      return "sent";
    case Status::kFailed:
      return "failed";
    case Status::kCancelled:
      return "cancelled";
  }
  return "queued";
}

Status parse_status(std::string_view text) {
  for (auto s :
       {Status::kQueued, Status::kSending, Status::kSent, Status::kFailed, Status::kCancelled})
    if (text == to_string(s)) return s;
  fail_usage("unknown status '" + std::string(text) +
             "': queued, sending, sent, failed or cancelled");
}

std::optional<OutboxEntry> Outbox::find(std::uint64_t id) {
  auto t = tx_.table(handle_, kTable);
  const auto k = id_key(id);
  const auto v = t.get(k);
  if (!v) return std::nullopt;
  return decode(k, *v, t.name());
}

OutboxEntry Outbox::get(std::uint64_t id) {
  auto e = find(id);
  if (!e) fail_not_found("no message " + std::to_string(id) + " in the outbox");
  return std::move(*e);
}

std::optional<std::uint64_t> Outbox::by_message_id(std::string_view message_id) {
  const auto v = tx_.table(handle_, kIndex).get(KeyBuilder().str(message_id));
  if (!v) return std::nullopt;
  return KeyReader(*v).u64();
}

void Outbox::add(OutboxEntry& e) {
  ARCTL_ASSERT(!by_message_id(e.message_id), "Message-ID already in the outbox");
  e.id = tx_.next_counter(kCounter);
  tx_.table(handle_, kIndex).put(KeyBuilder().str(e.message_id), id_key(e.id));
  put(e);
}

void Outbox::put(const OutboxEntry& e) {
  tx_.table(handle_, kTable).put(id_key(e.id), kEntry.encode(e));
}

std::vector<OutboxEntry> Outbox::list() {
  std::vector<OutboxEntry> out;
  auto t = tx_.table(handle_, kTable);
  t.scan({}, [&](BytesView k, BytesView v) {
    out.push_back(decode(k, v, t.name()));
    return true;
  });
  return out;
}

std::string utc_now() {
  const auto secs = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

void check_outbox(Tx& tx, const PluginHandle& handle, CheckReport& report) {
  // Read first, then look up: no point read runs inside a scan.
  std::vector<std::pair<Bytes, Bytes>> entries, index;
  auto table = tx.table(handle, kTable);
  table.scan({}, [&](BytesView k, BytesView v) {
    entries.emplace_back(k, v);
    return true;
  });
  tx.table(handle, kIndex).scan({}, [&](BytesView k, BytesView v) {
    index.emplace_back(k, v);
    return true;
  });
  Outbox outbox(tx, handle);
  for (const auto& [k, v] : entries) {
    try {
      const auto e = decode(k, v, table.name());
      if (outbox.by_message_id(e.message_id) != e.id)
        report.add("mail", "outbox " + std::to_string(e.id),
                   "its Message-ID " + e.message_id + " is not indexed to it");
    } catch (const Error& err) {
      report.add("mail", "outbox", err.what());
    }
  }
  for (const auto& [k, v] : index) {
    const auto message_id = KeyReader(k).str();
    const auto id = KeyReader(v).u64();
    const auto e = outbox.find(id);
    if (!e || e->message_id != message_id)
      report.add("mail", "message_ids " + message_id,
                 "names outbox entry " + std::to_string(id) +
                     ", which is missing or has another Message-ID");
  }
}

}  // namespace arctl::mail
