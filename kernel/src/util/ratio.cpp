// Exact ratios as decimal text (see arctl/ratio.hpp).
#include "arctl/ratio.hpp"

namespace arctl {

std::string ratio_text(WideInt a, WideInt b, int decimals) {
  if (b < 0) a = -a, b = -b;
  WideInt scale = 1;
  for (int i = 0; i < decimals; ++i)
    scale *= 10;
  const bool neg = a < 0;
  const WideInt mag = neg ? -a : a;
  const WideInt q = (mag * scale * 2 + b) / (b * 2);  // half away from zero
  const auto whole = static_cast<long long>(q / scale);
  auto frac = std::to_string(static_cast<long long>(q % scale));
  std::string s = (neg && q != 0 ? "-" : "") + std::to_string(whole);
  if (decimals > 0) s += "." + std::string(decimals - frac.size(), '0') + frac;
  return s;
}

}  // namespace arctl
