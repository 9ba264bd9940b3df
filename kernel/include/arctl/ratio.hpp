// Exact ratios as decimal text, for reports that divide money by money or
// amount-days by amounts (DSO, days to pay, percentages): integer arithmetic,
// never a float.
#pragma once

#include <string>

#include "arctl/api.hpp"

namespace arctl {

// 128-bit intermediates: sums of amounts times days do not overflow.
__extension__ typedef __int128 WideInt;

// a/b with `decimals` decimals ("12.35" for 1235/100 and 2), rounded half
// away from zero; b must not be zero.
ARCTL_API std::string ratio_text(WideInt a, WideInt b, int decimals);

}  // namespace arctl
