// A table naming an enum's values as the command line spells them, and where
// it matters the file extension each value writes. Parsing a name, printing a
// value and choosing an extension all read the one table, so they cannot
// disagree. Lookups are linear: the tables hold a handful of entries.
#pragma once

#include <array>
#include <cstddef>
#include <string_view>

namespace arctl {

template <class E>
struct Named {
  E value;
  const char* name;            // "hledger"
  const char* extension = "";  // ".journal"; "" where the value writes no file
};

// The entry spelt `name`, or nullptr.
template <class E, std::size_t N>
constexpr const Named<E>* find_name(const std::array<Named<E>, N>& table, std::string_view name) {
  for (const auto& e : table)
    if (name == e.name) return &e;
  return nullptr;
}

// The entry of `value`, or nullptr.
template <class E, std::size_t N>
constexpr const Named<E>* find_value(const std::array<Named<E>, N>& table, E value) {
  for (const auto& e : table)
    if (e.value == value) return &e;
  return nullptr;
}

}  // namespace arctl
