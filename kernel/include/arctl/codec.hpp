// Byte encodings for the store: order-preserving composite keys (so that byte
// order equals logical order) and compact, versioned binary record values.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "arctl/api.hpp"
#include "arctl/date.hpp"
#include "arctl/money.hpp"

namespace arctl {

using Bytes = std::string;  // an owned byte string
using BytesView = std::string_view;

// Builds a composite key. Each component sorts as its logical value:
// unsigned integers big-endian; signed ones with the sign bit flipped;
// strings with 0x00 escaped as 0x00 0xFF and terminated by 0x00 0x01, so that
// "ab" < "ab\0" < "abc" and a string prefix never collides with a longer one.
class ARCTL_API KeyBuilder {
 public:
  KeyBuilder& u8(std::uint8_t v);
  KeyBuilder& u32(std::uint32_t v);
  KeyBuilder& u64(std::uint64_t v);
  KeyBuilder& i64(std::int64_t v);
  KeyBuilder& str(std::string_view v);
  KeyBuilder& date(Date d);
  // Appends raw bytes with no terminator: only as the last component, or to
  // build a prefix for a range scan.
  KeyBuilder& raw(BytesView v);

  const Bytes& bytes() const& noexcept { return out_; }
  Bytes bytes() && noexcept { return std::move(out_); }
  operator BytesView() const noexcept { return out_; }

 private:
  Bytes out_;
};

// Reads a key written by KeyBuilder, component by component. Throws
// Error(kError, "corrupt key") when the bytes do not fit.
class ARCTL_API KeyReader {
 public:
  explicit KeyReader(BytesView key) : in_(key) {}
  std::uint8_t u8();
  std::uint32_t u32();
  std::uint64_t u64();
  std::int64_t i64();
  std::string str();
  void skip_str();  // as str(), without building the string
  Date date();
  BytesView rest() const noexcept { return in_; }
  bool done() const noexcept { return in_.empty(); }

 private:
  void read_str(std::string* out);  // appends to `out` unless it is null
  BytesView in_;
};

// Builds a record value: a version byte, then fields as LEB128 varints
// (signed ones zig-zag encoded) and length-prefixed strings. Readers accept
// every version up to their own and default what older versions lack.
class ARCTL_API Encoder {
 public:
  explicit Encoder(std::uint8_t version) { out_.push_back(static_cast<char>(version)); }
  Encoder& u64(std::uint64_t v);
  Encoder& i64(std::int64_t v);
  Encoder& boolean(bool v) { return u64(v ? 1 : 0); }
  Encoder& str(std::string_view v);
  Encoder& date(Date d) { return i64(d.time_since_epoch().count()); }
  Encoder& currency(const Currency& c) { return str(c.code()); }
  Encoder& money(const Money& m) { return currency(m.currency()).i64(m.minor()); }

  const Bytes& bytes() const& noexcept { return out_; }
  Bytes bytes() && noexcept { return std::move(out_); }

 private:
  Bytes out_;
};

class ARCTL_API Decoder {
 public:
  // Throws Error(kError) if the value is empty or its version exceeds `max_version`.
  Decoder(BytesView value, std::uint8_t max_version);
  std::uint8_t version() const noexcept { return version_; }
  std::uint64_t u64();
  std::int64_t i64();
  bool boolean() { return u64() != 0; }
  std::string str();
  std::string_view str_view();  // valid as long as the underlying bytes
  Date date() { return Date(std::chrono::days(i64())); }
  Currency currency();
  Money money();
  bool done() const noexcept { return in_.empty(); }

 private:
  BytesView in_;
  std::uint8_t version_ = 0;
};

}  // namespace arctl
