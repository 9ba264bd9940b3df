// One description of a stored record drives both its encoding and decoding: a
// version byte, then each listed field in order through its typed codec
// (codec.hpp's Encoder/Decoder), so that the two directions cannot drift apart.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

#include "arctl/codec.hpp"
#include "arctl/error.hpp"

namespace arctl::record {

// A codec is a type with `static void put(Encoder&, const T&)` and
// `static T get(Decoder&)`. Codec<T> is the default one for a member of type T.
template <typename T>
struct Codec;

template <>
struct Codec<std::string> {
  static void put(Encoder& e, const std::string& v) { e.str(v); }
  static std::string get(Decoder& d) { return d.str(); }
};
template <>
struct Codec<std::uint64_t> {
  static void put(Encoder& e, std::uint64_t v) { e.u64(v); }
  static std::uint64_t get(Decoder& d) { return d.u64(); }
};
// Stored as a varint; a stored value past 32 bits keeps its low bits, as the
// hand-written decoders did.
template <>
struct Codec<std::uint32_t> {
  static void put(Encoder& e, std::uint32_t v) { e.u64(v); }
  static std::uint32_t get(Decoder& d) { return static_cast<std::uint32_t>(d.u64()); }
};
template <>
struct Codec<std::int64_t> {
  static void put(Encoder& e, std::int64_t v) { e.i64(v); }
  static std::int64_t get(Decoder& d) { return d.i64(); }
};
template <>
struct Codec<bool> {
  static void put(Encoder& e, bool v) { e.boolean(v); }
  static bool get(Decoder& d) { return d.boolean(); }
};
template <>
struct Codec<Date> {
  static void put(Encoder& e, Date v) { e.date(v); }
  static Date get(Decoder& d) { return d.date(); }
};
template <>
struct Codec<Currency> {
  static void put(Encoder& e, const Currency& v) { e.currency(v); }
  static Currency get(Decoder& d) { return d.currency(); }
};
template <>
struct Codec<Money> {
  static void put(Encoder& e, const Money& v) { e.money(v); }
  static Money get(Decoder& d) { return d.money(); }
};

// Reads a count, then calls `read_one` that many times. Nothing is sized by
// the count: every element takes at least one byte, so a corrupt count runs
// out of bytes and ends in the decoder's "truncated" Error, never in a huge
// allocation or a long loop.
template <typename ReadOne>
void read_count(Decoder& d, ReadOne&& read_one) {
  for (auto n = d.u64(); n > 0; --n)
    read_one();
}

// A count, then the elements (see read_count).
template <typename T, typename Elem = Codec<T>>
struct List {
  static void put(Encoder& e, const std::vector<T>& v) {
    e.u64(v.size());
    for (const auto& x : v)
      Elem::put(e, x);
  }
  static std::vector<T> get(Decoder& d) {
    std::vector<T> v;
    read_count(d, [&] { v.push_back(Elem::get(d)); });
    return v;
  }
};
template <typename T>
struct Codec<std::vector<T>> : List<T> {};

// A count, then key/value string pairs (the kernel's Attrs; see read_count).
template <typename Compare>
struct Codec<std::map<std::string, std::string, Compare>> {
  using Map = std::map<std::string, std::string, Compare>;
  static void put(Encoder& e, const Map& m) {
    e.u64(m.size());
    for (const auto& [k, v] : m)
      e.str(k).str(v);
  }
  static Map get(Decoder& d) {
    Map m;
    read_count(d, [&] {
      auto k = d.str();
      m.emplace(std::move(k), d.str());
    });
    return m;
  }
};

// A presence flag, then the value only when present.
template <typename T, typename Inner = Codec<T>>
struct Optional {
  static void put(Encoder& e, const std::optional<T>& v) {
    e.boolean(v.has_value());
    if (v) Inner::put(e, *v);
  }
  static std::optional<T> get(Decoder& d) {
    if (!d.boolean()) return std::nullopt;
    return Inner::get(d);
  }
};
template <typename T>
struct Codec<std::optional<T>> : Optional<T> {};

// A presence flag, then the value always (a default one when absent): the
// older layout of some plugin records.
template <typename T, typename Inner = Codec<T>>
struct FlaggedValue {
  static void put(Encoder& e, const std::optional<T>& v) {
    e.boolean(v.has_value());
    Inner::put(e, v.value_or(T{}));
  }
  static std::optional<T> get(Decoder& d) {
    const bool has = d.boolean();
    auto v = Inner::get(d);
    if (!has) return std::nullopt;
    return v;
  }
};

// An optional member that is always set when the record is stored: the
// value alone, read back as present.
template <typename T, typename Inner = Codec<T>>
struct Required {
  static void put(Encoder& e, const std::optional<T>& v) { Inner::put(e, v.value()); }
  static std::optional<T> get(Decoder& d) { return Inner::get(d); }
};

// A pair, first then second.
template <typename A, typename B>
struct Codec<std::pair<A, B>> {
  static void put(Encoder& e, const std::pair<A, B>& v) {
    Codec<A>::put(e, v.first);
    Codec<B>::put(e, v.second);
  }
  static std::pair<A, B> get(Decoder& d) {
    auto a = Codec<A>::get(d);
    return {std::move(a), Codec<B>::get(d)};
  }
};

// A name given as a template argument (Enum's, for its error message).
template <std::size_t N>
struct Name {
  char text[N];
  constexpr Name(const char (&s)[N]) {  // NOLINT: implicit, to read as a literal
    for (std::size_t i = 0; i < N; ++i)
      text[i] = s[i];
  }
};

// An enumeration stored as its number, refused unless in [lo, hi]: corrupt
// bytes must not pass as a record with an unknown kind or status.
template <typename E, std::uint64_t lo, std::uint64_t hi, Name what>
struct Enum {
  static void put(Encoder& e, E v) { e.u64(static_cast<std::uint64_t>(v)); }
  static E get(Decoder& d) {
    const auto v = d.u64();
    if (v < lo || v > hi)
      fail(ErrorKind::kError,
           std::string("corrupt record: ") + what.text + " " + std::to_string(v));
    return static_cast<E>(v);
  }
};

// A field of record R: its name (for people reading the layout) and member.
// Version: the record version that added it; older values leave it default.
template <typename R, typename M, typename C>
struct Field {
  const char* name;
  M R::*member;
  std::uint8_t since = 0;
  void put(Encoder& e, const R& r) const { C::put(e, r.*member); }
  void get(Decoder& d, R& r) const {
    if (d.version() >= since) r.*member = C::get(d);
  }
};

template <typename R, typename M>
constexpr Field<R, M, Codec<M>> field(const char* name, M R::*member, std::uint8_t since = 0) {
  return {name, member, since};
}
template <typename C, typename R, typename M>
constexpr Field<R, M, C> field_as(const char* name, M R::*member, std::uint8_t since = 0) {
  return {name, member, since};
}

// An amount stored as minor units only, in the currency of another Money
// member decoded before it (a record keeps its currency once).
template <typename R>
struct MinorField {
  const char* name;
  Money R::*member;
  Money R::*currency_of;
  void put(Encoder& e, const R& r) const { e.i64((r.*member).minor()); }
  void get(Decoder& d, R& r) const { r.*member = Money(d.i64(), (r.*currency_of).currency()); }
};

template <typename R>
constexpr MinorField<R> minor_in(const char* name, Money R::*member, Money R::*currency_of) {
  return {name, member, currency_of};
}

// The place a value was read from, for the error of a corrupt one.
struct Where {
  std::string_view table;
  BytesView key;
};

// Rethrows a corrupt-record error from decoding the value at `where` with the
// table and key in its message ("corrupt record in cases at key C-1: ...").
[[noreturn]] ARCTL_API void rethrow_corrupt(const Error& e, Where where);

// The layout of record R: its current version and its fields in stored order.
template <typename R, typename... Fields>
class Layout {
 public:
  constexpr Layout(std::uint8_t version, Fields... fields)
      : version_(version), fields_(std::move(fields)...) {}

  std::uint8_t version() const noexcept { return version_; }

  // Appends the fields of `r` to an encoder (for a record that adds
  // hand-written parts after them).
  void put(Encoder& e, const R& r) const {
    std::apply([&](const auto&... f) { (f.put(e, r), ...); }, fields_);
  }
  void get(Decoder& d, R& r) const {
    std::apply([&](const auto&... f) { (f.get(d, r), ...); }, fields_);
  }

  Bytes encode(const R& r) const {
    Encoder e(version_);
    put(e, r);
    return std::move(e).bytes();
  }

  // Decodes into a default R. Errors: a corrupt value (truncated, a bad
  // varint, a count or length past its end, a newer version) is an
  // Error(kError) naming `where`.
  R decode(BytesView value, Where where = {}) const {
    R r{};
    decode_into(value, r, where);
    return r;
  }
  // As decode, into `r` whose other members the caller set (from the key).
  void decode_into(BytesView value, R& r, Where where = {}) const {
    try {
      Decoder d(value, version_);
      get(d, r);
    } catch (const Error& e) {
      rethrow_corrupt(e, where);
    }
  }

 private:
  std::uint8_t version_;
  std::tuple<Fields...> fields_;
};

template <typename R, typename... Fields>
constexpr Layout<R, Fields...> layout(std::uint8_t version, Fields... fields) {
  return Layout<R, Fields...>(version, std::move(fields)...);
}

}  // namespace arctl::record
