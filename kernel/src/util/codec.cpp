// Byte encodings for the store: composite keys whose byte order is their
// logical order, and compact versioned record values (LEB128 varints).
#include "arctl/codec.hpp"

#include <algorithm>
#include <cstring>
#include <limits>

#include "arctl/error.hpp"
#include "arctl/record.hpp"

namespace arctl {
namespace {

constexpr std::size_t kKeyReserve = 64;
constexpr std::uint64_t kSignBit64 = std::uint64_t{1} << 63;
constexpr std::uint32_t kSignBit32 = std::uint32_t{1} << 31;
constexpr int kMaxVarintBytes = 10;

// Most keys are a few short components; one early reservation avoids the
// small-string-to-heap regrowths that appending byte by byte would cause.
void make_room(Bytes& out, std::size_t n) {
  if (out.capacity() - out.size() < n) out.reserve(std::max(kKeyReserve, 2 * (out.size() + n)));
}

template <class T>
void put_big_endian(Bytes& out, T v) {
  make_room(out, sizeof(T));
  for (int shift = 8 * (static_cast<int>(sizeof(T)) - 1); shift >= 0; shift -= 8)
    out.push_back(static_cast<char>(static_cast<unsigned char>(v >> shift)));
}

[[noreturn]] void corrupt_key() {
  fail(ErrorKind::kError, "corrupt key");
}

template <class T>
T take_big_endian(BytesView& in) {
  if (in.size() < sizeof(T)) corrupt_key();
  T v = 0;
  for (std::size_t i = 0; i < sizeof(T); ++i)
    v = static_cast<T>((v << 8) | static_cast<unsigned char>(in[i]));
  in.remove_prefix(sizeof(T));
  return v;
}

[[noreturn]] void corrupt_record(const std::string& what) {
  fail(ErrorKind::kError, "corrupt record: " + what);
}

std::int32_t day_count(Date d) {
  const auto days = d.time_since_epoch().count();
  if (days < std::numeric_limits<std::int32_t>::min() ||
      days > std::numeric_limits<std::int32_t>::max())
    fail(ErrorKind::kError, "date out of range for a key");
  return static_cast<std::int32_t>(days);
}

}  // namespace

KeyBuilder& KeyBuilder::u8(std::uint8_t v) {
  put_big_endian(out_, v);
  return *this;
}

KeyBuilder& KeyBuilder::u32(std::uint32_t v) {
  put_big_endian(out_, v);
  return *this;
}

KeyBuilder& KeyBuilder::u64(std::uint64_t v) {
  put_big_endian(out_, v);
  return *this;
}

KeyBuilder& KeyBuilder::i64(std::int64_t v) {
  put_big_endian(out_, static_cast<std::uint64_t>(v) ^ kSignBit64);
  return *this;
}

KeyBuilder& KeyBuilder::str(std::string_view v) {
  make_room(out_, v.size() + 2);
  for (char c : v) {
    out_.push_back(c);
    if (c == '\0') out_.push_back('\xff');
  }
  out_.push_back('\0');
  out_.push_back('\x01');
  return *this;
}

KeyBuilder& KeyBuilder::date(Date d) {
  put_big_endian(out_, static_cast<std::uint32_t>(day_count(d)) ^ kSignBit32);
  return *this;
}

KeyBuilder& KeyBuilder::raw(BytesView v) {
  make_room(out_, v.size());
  out_.append(v);
  return *this;
}

std::uint8_t KeyReader::u8() {
  return take_big_endian<std::uint8_t>(in_);
}
std::uint32_t KeyReader::u32() {
  return take_big_endian<std::uint32_t>(in_);
}
std::uint64_t KeyReader::u64() {
  return take_big_endian<std::uint64_t>(in_);
}

std::int64_t KeyReader::i64() {
  return static_cast<std::int64_t>(take_big_endian<std::uint64_t>(in_) ^ kSignBit64);
}

std::string KeyReader::str() {
  std::string out;
  read_str(&out);
  return out;
}

void KeyReader::skip_str() {
  read_str(nullptr);
}

// Strings end in 00 01, and a 00 inside one is written 00 ff: the runs
// between zero bytes are copied whole (most strings have no zero byte).
void KeyReader::read_str(std::string* out) {
  for (;;) {
    const auto* z = static_cast<const char*>(std::memchr(in_.data(), '\0', in_.size()));
    if (z == nullptr) corrupt_key();
    const auto i = static_cast<std::size_t>(z - in_.data());
    if (i + 1 >= in_.size()) corrupt_key();
    if (out) out->append(in_.data(), i);
    const char next = in_[i + 1];
    in_.remove_prefix(i + 2);
    if (next == '\x01') return;
    if (next != '\xff') corrupt_key();
    if (out) out->push_back('\0');
  }
}

Date KeyReader::date() {
  const auto biased = take_big_endian<std::uint32_t>(in_) ^ kSignBit32;
  return Date(std::chrono::days(static_cast<std::int32_t>(biased)));
}

Encoder& Encoder::u64(std::uint64_t v) {
  while (v >= 0x80) {
    out_.push_back(static_cast<char>((v & 0x7f) | 0x80));
    v >>= 7;
  }
  out_.push_back(static_cast<char>(v));
  return *this;
}

Encoder& Encoder::i64(std::int64_t v) {
  // Zig-zag keeps small negative numbers small: 0, -1, 1, -2 -> 0, 1, 2, 3.
  const auto u = static_cast<std::uint64_t>(v);
  return u64((u << 1) ^ (v < 0 ? ~std::uint64_t{0} : 0));
}

Encoder& Encoder::str(std::string_view v) {
  u64(v.size());
  out_.append(v);
  return *this;
}

Decoder::Decoder(BytesView value, std::uint8_t max_version) : in_(value) {
  if (in_.empty()) corrupt_record("empty value");
  version_ = static_cast<std::uint8_t>(in_.front());
  in_.remove_prefix(1);
  if (version_ > max_version)
    corrupt_record("version " + std::to_string(version_) + " is newer than the supported " +
                   std::to_string(max_version));
}

std::uint64_t Decoder::u64() {
  std::uint64_t v = 0;
  for (int i = 0; i < kMaxVarintBytes; ++i) {
    if (in_.empty()) corrupt_record("truncated");
    const auto b = static_cast<unsigned char>(in_.front());
    in_.remove_prefix(1);
    // The tenth byte holds only bit 63; anything more would overflow.
    if (i == kMaxVarintBytes - 1 && b > 1) corrupt_record("bad varint");
    v |= static_cast<std::uint64_t>(b & 0x7f) << (7 * i);
    if ((b & 0x80) == 0) return v;
  }
  corrupt_record("bad varint");
}

std::int64_t Decoder::i64() {
  const auto u = u64();
  return static_cast<std::int64_t>((u >> 1) ^ (~(u & 1) + 1));
}

std::string_view Decoder::str_view() {
  const auto n = u64();
  if (n > in_.size()) corrupt_record("truncated");
  const auto v = in_.substr(0, n);
  in_.remove_prefix(n);
  return v;
}

std::string Decoder::str() {
  return std::string(str_view());
}

Currency Decoder::currency() {
  const auto code = str_view();
  // A scan decodes the same few currencies millions of times.
  thread_local Currency last;
  if (!last.empty() && code == last.code()) return last;
  try {
    last = Currency::parse(code);
    return last;
  } catch (const Error&) {
    corrupt_record("unknown currency '" + std::string(code) + "'");
  }
}

Money Decoder::money() {
  const auto c = currency();
  const auto minor = i64();
  return Money(minor, c);
}

namespace record {

void rethrow_corrupt(const Error& e, Where where) {
  if (where.table.empty() || e.kind() != ErrorKind::kError) throw e;
  std::string what = e.what();
  constexpr std::string_view kPrefix = "corrupt record: ";
  if (what.starts_with(kPrefix)) what.erase(0, kPrefix.size());
  // Keys are binary (KeyBuilder): printable bytes as they are, others escaped.
  std::string key;
  for (const char ch : where.key) {
    const auto b = static_cast<unsigned char>(ch);
    if (b >= 0x20 && b < 0x7f) {
      key += ch;
    } else {
      constexpr char kHex[] = "0123456789abcdef";
      key += "\\x";
      key += kHex[b >> 4];
      key += kHex[b & 0xf];
    }
  }
  fail(ErrorKind::kError,
       "corrupt record in " + std::string(where.table) + " at key '" + key + "': " + what);
}

}  // namespace record
}  // namespace arctl
