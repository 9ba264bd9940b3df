// The per-entry export record (table x.gl.sent: journal seq -> first export,
// last export, times sent).
#include "sent_log.hpp"

#include "arctl/codec.hpp"

namespace arctl::gl {
namespace {

constexpr std::uint8_t kSentV = 1;

Bytes key(std::uint64_t seq) {
  return KeyBuilder().u64(seq).bytes();
}

}  // namespace

SentLog::SentLog(Tx& tx, const PluginHandle& h) : table_(tx.table(h, "sent")) {
  for (auto& r : list_exports(tx, h))
    if (!r.per_entry) legacy_.push_back(std::move(r));
}

std::optional<Sent> SentLog::find(std::uint64_t seq, Date date) {
  if (auto v = table_.get(key(seq))) {
    Decoder d(*v, kSentV);
    Sent s;
    s.first_export = d.u64();
    s.last_export = d.u64();
    s.times = d.u64();
    return s;
  }
  for (const auto& r : legacy_)
    if (r.covers(date, seq)) return Sent{r.number, r.number, 1};
  return std::nullopt;
}

void SentLog::mark(std::uint64_t seq, std::uint64_t number) {
  Sent s{number, number, 1};
  if (auto v = table_.get(key(seq))) {
    Decoder d(*v, kSentV);
    s.first_export = d.u64();
    d.u64();
    s.times = d.u64() + 1;
  }
  table_.put(key(seq), Encoder(kSentV).u64(s.first_export).u64(s.last_export).u64(s.times).bytes());
}

}  // namespace arctl::gl
