// One field list per event drives both its to_json and its from_json (as
// arctl/record.hpp does for stored records): each entry names a JSON key, the
// member it holds and how the value is written, in the payload's key order.
#pragma once

#include <optional>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "arctl/events/fields.hpp"

namespace arctl::events::payload {

// What a field is read from: the payload object, and the payload it is
// nested in, if any.
struct In {
  const Json& j;
  const In* outer = nullptr;

  // The currency of the payload's amounts: its "currency" key; a nested
  // payload's (an invoice line's) are in the enclosing payload's currency.
  Currency currency() const { return outer ? outer->currency() : fields::currency(j); }
};

// How a whole object is written into a payload and read back: through its
// field list by default (`T::json_fields()`); the kernel's entities through
// their own JSON (arctl/events/kernel.hpp).
template <class T>
struct Object {
  static void put(Json& j, const T& v) { T::json_fields().put(j, v); }
  static void get(const In& in, T& v) { T::json_fields().get(in, v); }
};

// An entity written as its command output shows it (arctl::to_json, shared
// with that output) and read by `Reader::get(json, entity)`.
template <class T, class Reader>
struct Entity {
  static void put(Json& j, const T& v) {
    const Json own = arctl::to_json(v);
    for (const auto& [k, x] : own.items())
      j[k] = x;
  }
  static void get(const In& in, T& v) { Reader::get(in.j, v); }
};

// A codec writes one value at `key` and reads it back into `v`, which holds
// the member's default until then. Codec<T> is the one for a member of type
// T; a type without its own is an object nested under the key.
template <class T>
struct Codec {
  static void put(Json& j, const char* key, const T& v) {
    Json o = Json::object();
    Object<T>::put(o, v);
    j[key] = std::move(o);
  }
  static void get(const In& in, const char* key, T& v) {
    const Json o = in.j.value(key, Json::object());
    Object<T>::get(In{o, &in}, v);
  }
};

template <>
struct Codec<std::string> {
  static void put(Json& j, const char* key, const std::string& v) { j[key] = v; }
  static void get(const In& in, const char* key, std::string& v) { v = fields::str(in.j, key); }
};
// Zero when missing or not an unsigned number.
template <>
struct Codec<std::uint64_t> {
  static void put(Json& j, const char* key, std::uint64_t v) { j[key] = v; }
  static void get(const In& in, const char* key, std::uint64_t& v) { v = fields::u64(in.j, key); }
};
// The member's default when missing.
template <class N>
struct Number {
  static void put(Json& j, const char* key, N v) { j[key] = v; }
  static void get(const In& in, const char* key, N& v) { v = in.j.value(key, v); }
};
template <>
struct Codec<std::int64_t> : Number<std::int64_t> {};
template <>
struct Codec<int> : Number<int> {};
// False when missing.
template <>
struct Codec<bool> {
  static void put(Json& j, const char* key, bool v) { j[key] = v; }
  static void get(const In& in, const char* key, bool& v) { v = fields::flag(in.j, key); }
};
// A decimal string ("1234.50") in the payload's currency; zero when missing.
template <>
struct Codec<Money> {
  static void put(Json& j, const char* key, const Money& v) { j[key] = v.str(); }
  static void get(const In& in, const char* key, Money& v) {
    v = fields::money(in.j, key, in.currency());
  }
};
// ISO ("2026-10-31"); the epoch's day when missing.
template <>
struct Codec<Date> {
  static void put(Json& j, const char* key, Date v) { j[key] = format_date(v); }
  static void get(const In& in, const char* key, Date& v) { v = fields::date(in.j, key); }
};
template <>
struct Codec<Currency> {
  static void put(Json& j, const char* key, const Currency& v) { j[key] = std::string(v.code()); }
  static void get(const In& in, const char* key, Currency& v) {
    v = Currency::parse(fields::str(in.j, key));
  }
};
template <>
struct Codec<Decimal> {
  static void put(Json& j, const char* key, const Decimal& v) { j[key] = v.str(); }
  static void get(const In& in, const char* key, Decimal& v) {
    v = Decimal::parse(fields::str(in.j, key));
  }
};
template <>
struct Codec<DocKind> {
  static void put(Json& j, const char* key, DocKind v) { j[key] = to_string(v); }
  static void get(const In& in, const char* key, DocKind& v) {
    v = parse_doc_kind(fields::str(in.j, key));
  }
};
// Passed through as it is; an empty object when missing.
template <>
struct Codec<Json> {
  static void put(Json& j, const char* key, const Json& v) { j[key] = v; }
  static void get(const In& in, const char* key, Json& v) { v = in.j.value(key, Json::object()); }
};
template <>
struct Codec<std::vector<std::string>> {
  static void put(Json& j, const char* key, const std::vector<std::string>& v) { j[key] = v; }
  static void get(const In& in, const char* key, std::vector<std::string>& v) {
    v = fields::strings(in.j, key);
  }
};
// An array of nested objects; empty when missing.
template <class T>
struct Codec<std::vector<T>> {
  static void put(Json& j, const char* key, const std::vector<T>& v) {
    Json arr = Json::array();
    for (const auto& x : v) {
      Json o = Json::object();
      Object<T>::put(o, x);
      arr.push_back(std::move(o));
    }
    j[key] = std::move(arr);
  }
  static void get(const In& in, const char* key, std::vector<T>& v) {
    auto it = in.j.find(key);
    if (it == in.j.end() || !it->is_array()) return;
    for (const auto& o : *it) {
      T x{};
      Object<T>::get(In{o, &in}, x);
      v.push_back(std::move(x));
    }
  }
};
// Null when there is none.
template <>
struct Codec<std::optional<std::string>> {
  static void put(Json& j, const char* key, const std::optional<std::string>& v) {
    j[key] = fields::or_null(v);
  }
  static void get(const In& in, const char* key, std::optional<std::string>& v) {
    v = fields::opt_str(in.j, key);
  }
};
// Null when there is none; none when null, missing or empty.
template <>
struct Codec<std::optional<Date>> {
  static void put(Json& j, const char* key, const std::optional<Date>& v) {
    j[key] = fields::or_null(v);
  }
  static void get(const In& in, const char* key, std::optional<Date>& v) {
    v = fields::opt_date(in.j, key);
  }
};

// A rate as a percentage: "8.25%".
struct Percent {
  static void put(Json& j, const char* key, const Decimal& v) {
    j[key] = Decimal{v.micros * 100}.str() + "%";
  }
  static void get(const In& in, const char* key, Decimal& v) {
    v = Decimal::parse_percent(fields::str(in.j, key));
  }
};

// An optional value whose key is absent, not null, when there is none.
template <class T>
struct IfSet {
  static void put(Json& j, const char* key, const std::optional<T>& v) {
    if (v) Codec<T>::put(j, key, *v);
  }
  static void get(const In& in, const char* key, std::optional<T>& v) {
    Codec<std::optional<T>>::get(in, key, v);
  }
};

// A string whose key is absent when it is empty.
struct IfNotEmpty {
  static void put(Json& j, const char* key, const std::string& v) {
    if (!v.empty()) j[key] = v;
  }
  static void get(const In& in, const char* key, std::string& v) { v = fields::str(in.j, key); }
};

// A member of E at a JSON key, through codec C.
template <class E, class M, class C>
struct Field {
  const char* key;
  M E::*member;
  void put(Json& j, const E& e) const { C::put(j, key, e.*member); }
  void get(const In& in, E& e) const { C::get(in, key, e.*member); }
};

template <class E, class M>
constexpr Field<E, M, Codec<M>> field(const char* key, M E::*member) {
  return {key, member};
}
template <class C, class E, class M>
constexpr Field<E, M, C> field_as(const char* key, M E::*member) {
  return {key, member};
}

// An amount followed by its "currency" key, the payload's one currency.
template <class E>
struct Amount {
  const char* key;
  Money E::*member;
  void put(Json& j, const E& e) const {
    Codec<Money>::put(j, key, e.*member);
    j["currency"] = std::string((e.*member).currency().code());
  }
  void get(const In& in, E& e) const { Codec<Money>::get(in, key, e.*member); }
};

template <class E>
constexpr Amount<E> with_currency(const char* key, Money E::*member) {
  return {key, member};
}

// The "currency" key alone, where the payload has it apart from its
// amounts: the currency of `member`. Each amount reads it for itself.
template <class E>
struct CurrencyOf {
  Money E::*member;
  void put(Json& j, const E& e) const {
    j["currency"] = std::string((e.*member).currency().code());
  }
  void get(const In&, E&) const {}
};

template <class E>
constexpr CurrencyOf<E> currency_of(Money E::*member) {
  return {member};
}

// A member whose own keys stand at the payload's top level (an entity, or
// the part several events share).
template <class E, class M>
struct Spread {
  M E::*member;
  void put(Json& j, const E& e) const { Object<M>::put(j, e.*member); }
  void get(const In& in, E& e) const { Object<M>::get(in, e.*member); }
};

template <class E, class M>
constexpr Spread<E, M> spread(M E::*member) {
  return {member};
}

// A second key written with a copy of a member, for readers of an older
// shape; the member is read from its own key only.
template <class E, class M>
struct Copy {
  const char* key;
  M E::*member;
  void put(Json& j, const E& e) const { Codec<M>::put(j, key, e.*member); }
  void get(const In&, E&) const {}
};

template <class E, class M>
constexpr Copy<E, M> copy(const char* key, M E::*member) {
  return {key, member};
}

// The fields of E in key order. A list is a field too, so the fields several
// events share are one list inside theirs.
template <class E, class... F>
class List {
 public:
  constexpr explicit List(F... f) : fields_(std::move(f)...) {}
  void put(Json& j, const E& e) const {
    std::apply([&](const auto&... f) { (f.put(j, e), ...); }, fields_);
  }
  void get(const In& in, E& e) const {
    std::apply([&](const auto&... f) { (f.get(in, e), ...); }, fields_);
  }

 private:
  std::tuple<F...> fields_;
};

template <class E, class... F>
constexpr List<E, F...> list(F... f) {
  return List<E, F...>(std::move(f)...);
}

// An event's payload, as journaled: its fields in list order.
// Cost: one pass over the fields; no parsing.
template <class E>
Json write(const E& e) {
  Json j;
  Object<E>::put(j, e);
  return j;
}

// An event from its payload; a missing key leaves its field as its codec
// says (mostly empty, zero or none).
// Cost: one pass over the fields; each amount reads the "currency" key again.
// Errors: an amount, currency, date or document kind that does not parse
// throws the arctl::Error of its parser (Money::parse, parse_date, ...).
template <class E>
E read(const Json& j) {
  E e{};
  Object<E>::get(In{j}, e);
  return e;
}

}  // namespace arctl::events::payload

// Makes a struct an event payload described by its fields, given in JSON key
// order and naming the members as E::member (the payload:: helpers are in
// scope): json_fields(), to_json() and from_json(), the members the event bus
// and Tx::publish use. Used inside the struct, after its members.
#define ARCTL_EVENT_FIELDS(Type, ...)               \
  static auto json_fields() {                       \
    using E = Type;                                 \
    using namespace ::arctl::events::payload;       \
    return list<E>(__VA_ARGS__);                    \
  }                                                 \
  ::arctl::Json to_json() const {                   \
    return ::arctl::events::payload::write(*this);  \
  }                                                 \
  static Type from_json(const ::arctl::Json& j) {   \
    return ::arctl::events::payload::read<Type>(j); \
  }
