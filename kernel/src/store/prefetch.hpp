// A store transaction that can read many known keys at once. Private to the
// kernel: Tx offers it to plugins as hints (Tx::prefetch_documents), which
// a store without it ignores.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace arctl {

class Prefetch {
 public:
  // Reads `keys` of `table` ahead of the gets that follow; what is already
  // known is not read again.
  virtual void prefetch(std::string_view table, const std::vector<std::string>& keys) = 0;

 protected:
  ~Prefetch() = default;
};

}  // namespace arctl
