// Fuzz target for the CAMT.053 reader: hostile XML (DOCTYPEs, entities,
// deep nesting, broken encodings) is refused with a located error or read
// into credits that keep the reader's promises. A statement that declares
// anything (DOCTYPE, ENTITY, in any case) is never accepted, so no entity
// can be expanded.
#include <algorithm>
#include <cctype>
#include <cstdint>
#include <string_view>

#include "bank_checks.hpp"

namespace {

bool declares(std::string_view bytes, std::string_view upper_needle) {
  return std::search(bytes.begin(), bytes.end(), upper_needle.begin(), upper_needle.end(),
                     [](char a, char b) {
                       return std::toupper(static_cast<unsigned char>(a)) == b;
                     }) != bytes.end();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace arctl;
  const bool accepted =
      fuzz::check_bank_reader(data, size, [](Input& in) { return payments::read_camt053(in); });
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  if (accepted)
    fuzz::require(!declares(bytes, "<!DOCTYPE") && !declares(bytes, "<!ENTITY"),
                  "a statement with a DOCTYPE or ENTITY declaration was accepted");
  return 0;
}
