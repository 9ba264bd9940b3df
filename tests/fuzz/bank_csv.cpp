// Fuzz target for the bank statement CSV reader: bad quoting, encodings,
// amounts and dates end in a located error or in credits that keep the
// reader's promises.
#include <cstdint>

#include "bank_checks.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace arctl;
  fuzz::check_bank_reader(
      data, size, [](Input& in) { return payments::read_bank_csv(in, Currency::parse("USD")); });
  return 0;
}
