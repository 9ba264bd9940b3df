// Fuzz target for the BAI2 reader: truncated files, wrong counts and totals,
// overflowing amounts and odd continuations end in a located error or in
// credits that keep the reader's promises.
#include <cstdint>

#include "bank_checks.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace arctl;
  fuzz::check_bank_reader(data, size, [](Input& in) { return payments::read_bai2(in); });
  return 0;
}
