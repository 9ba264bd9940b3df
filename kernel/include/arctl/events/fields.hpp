// Reading and writing the fields of event payloads: the shared shapes behind
// every event struct's to_json/from_json (money as a decimal string beside a
// "currency" field, dates as ISO strings, absent or null for "none").
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "arctl/date.hpp"
#include "arctl/model.hpp"
#include "arctl/money.hpp"
#include "arctl/output.hpp"

namespace arctl::events::fields {

// The string at `key`; empty when it is missing or not a string (journals
// written before the field existed).
inline std::string str(const Json& j, std::string_view key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// The string at `key`; nullopt when missing or null.
inline std::optional<std::string> opt_str(const Json& j, std::string_view key) {
  auto it = j.find(key);
  if (it == j.end() || !it->is_string()) return std::nullopt;
  return it->get<std::string>();
}

inline std::uint64_t u64(const Json& j, std::string_view key) {
  auto it = j.find(key);
  return it != j.end() && it->is_number_unsigned() ? it->get<std::uint64_t>() : 0;
}

inline bool flag(const Json& j, std::string_view key) {
  auto it = j.find(key);
  return it != j.end() && it->is_boolean() && it->get<bool>();
}

inline std::vector<std::string> strings(const Json& j, std::string_view key) {
  std::vector<std::string> out;
  auto it = j.find(key);
  if (it != j.end() && it->is_array())
    for (const auto& v : *it)
      if (v.is_string()) out.push_back(v.get<std::string>());
  return out;
}

inline Currency currency(const Json& j) {
  return Currency::parse(str(j, "currency"));
}

// Money at `key` in currency `c`; zero when missing.
inline Money money(const Json& j, std::string_view key, const Currency& c) {
  const auto s = str(j, key);
  return s.empty() ? Money::zero(c) : Money::parse(s, c);
}

inline std::optional<Money> opt_money(const Json& j, std::string_view key, const Currency& c) {
  const auto s = opt_str(j, key);
  if (!s) return std::nullopt;
  return Money::parse(*s, c);
}

// The date at `key`; the epoch's day when missing.
inline Date date(const Json& j, std::string_view key) {
  const auto s = str(j, key);
  return s.empty() ? Date{} : parse_date(s);
}

inline std::optional<Date> opt_date(const Json& j, std::string_view key) {
  const auto s = opt_str(j, key);
  if (!s || s->empty()) return std::nullopt;
  return parse_date(*s);
}

inline Json or_null(const std::optional<std::string>& s) {
  return s ? Json(*s) : Json(nullptr);
}

inline Json or_null(const std::optional<Date>& d) {
  return d ? Json(format_date(*d)) : Json(nullptr);
}

inline Attrs attrs(const Json& j, std::string_view key) {
  Attrs out;
  auto it = j.find(key);
  if (it != j.end() && it->is_object())
    for (const auto& [k, v] : it->items())
      if (v.is_string()) out[k] = v.get<std::string>();
  return out;
}

inline Json attrs_json(const Attrs& a) {
  Json j = Json::object();
  for (const auto& [k, v] : a)
    j[k] = v;
  return j;
}

}  // namespace arctl::events::fields

namespace arctl::events {

// The base of an event whose payload is not typed yet: it carries the JSON
// its publisher builds, as journaled. Self is the event struct.
template <class Self>
struct JsonPayload {
  Json payload;  // the payload as journaled

  Json to_json() const { return payload; }
  static Self from_json(const Json& j) {
    Self s;
    s.payload = j;
    return s;
  }
};

}  // namespace arctl::events
