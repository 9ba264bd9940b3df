// What every bank statement reader promises about the credits it returns,
// checked by the camt053, bai2 and bank_csv fuzz targets alike.
#pragma once

#include <set>
#include <string>
#include <vector>

#include "arctl/error.hpp"
#include "bank.hpp"
#include "fuzz_support.hpp"

namespace arctl::fuzz {

// Runs `read` on the bytes; an input the reader refuses must be refused with
// a validation error (exit 4) located in the file. True when it was accepted.
template <typename Read>
bool check_bank_reader(const std::uint8_t* data, std::size_t size, Read&& read) {
  static MemFile file;
  Input in(file.write(data, size));
  std::vector<payments::BankCredit> credits;
  try {
    credits = read(in);
  } catch (const Error& e) {
    require(e.kind() == ErrorKind::kConflict, "reader error kind", e.describe());
    require(e.where().file == in.name(), "reader error does not name the file", e.describe());
    return false;
  }
  std::set<std::string> refs;
  for (const auto& c : credits) {
    require(c.amount.is_positive(), "a credit that is not positive", c.amount.str());
    require(!c.amount.currency().empty(), "a credit without a currency");
    require(!c.entry_ref.empty(), "a credit without an entry reference");
    require(refs.insert(c.entry_ref).second, "two credits share an entry reference", c.entry_ref);
    require(c.where.file == in.name(), "a credit not located in the file");
    format_date(c.booked);
  }
  return true;
}

}  // namespace arctl::fuzz
