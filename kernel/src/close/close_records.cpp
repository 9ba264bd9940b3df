// Encoding of the close's per-period records (MessagePack for figures).
#include "close/close_records.hpp"

#include "arctl/record.hpp"

namespace arctl {
namespace {

constexpr std::uint8_t kVersion = 1;

void put_json(Encoder& e, const Json& j) {
  const auto packed = Json::to_msgpack(j);
  e.str(std::string_view(reinterpret_cast<const char*>(packed.data()), packed.size()));
}

Json get_json(Decoder& d) {
  const auto s = d.str_view();
  return Json::from_msgpack(s.begin(), s.end());
}

Bytes encode(const PeriodRecord& r) {
  Encoder e(kVersion);
  e.str(r.period).boolean(r.closed).str(r.closed_by).i64(r.closed_at);
  e.u64(r.steps.size());
  for (const auto& s : r.steps) {
    e.str(s.name).str(s.summary);
    put_json(e, s.figures);
    e.u64(s.artefacts.size());
    for (const auto& a : s.artefacts)
      e.str(a);
  }
  put_json(e, r.figures);
  return std::move(e).bytes();
}

PeriodRecord decode(BytesView v) {
  Decoder d(v, kVersion);
  PeriodRecord r;
  r.period = d.str();
  r.closed = d.boolean();
  r.closed_by = d.str();
  r.closed_at = d.i64();
  // Counts are read with record::read_count: a corrupt one sizes nothing.
  record::read_count(d, [&] {
    auto& s = r.steps.emplace_back();
    s.name = d.str();
    s.summary = d.str();
    s.figures = get_json(d);
    record::read_count(d, [&] { s.artefacts.push_back(d.str()); });
  });
  r.figures = get_json(d);
  return r;
}

}  // namespace

const StepRecord* PeriodRecord::step(const std::string& name) const {
  for (const auto& s : steps)
    if (s.name == name) return &s;
  return nullptr;
}

CloseRecords::CloseRecords(Tx& tx) : tx_(tx) {}

std::optional<PeriodRecord> CloseRecords::get(const std::string& period) {
  auto v = tx_.table(handle_, "periods").get(period);
  if (!v) return std::nullopt;
  return decode(*v);
}

void CloseRecords::put(const PeriodRecord& r) {
  tx_.table(handle_, "periods").put(r.period, encode(r));
}

void CloseRecords::erase(const std::string& period) {
  tx_.table(handle_, "periods").del(period);
}

std::vector<PeriodRecord> CloseRecords::all() {
  std::vector<PeriodRecord> out;
  tx_.table(handle_, "periods").scan({}, [&](BytesView, BytesView v) {
    out.push_back(decode(v));
    return true;
  });
  return out;
}

}  // namespace arctl
