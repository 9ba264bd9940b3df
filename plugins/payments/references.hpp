// Document ids as people type them in remittance text. Case, the separators
// space, '-', '/', '.' and '_' inside an id, and the leading zeros of its
// numbers do not matter: "inv 2026 000014" and "INV-2026-14" both name
// INV-2026-000014. Boundaries stay strict: "A1" is never found in "A12".
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace arctl::payments {

// The normal form of an id: its runs of letters (upper-cased) and of digits
// (without leading zeros), each run ended by '|': "INV-2026-000014" is
// "INV|2026|14|". Empty when the id has no letter or digit.
// Cost: linear in the id.
std::string reference_key(std::string_view id);

// The number of runs in a normal form.
std::size_t reference_parts(std::string_view key);

// A stretch of remittance text that could be one id.
struct TextSpan {
  std::size_t first = 0;  // index of its first run in the text
  std::size_t count = 0;  // number of runs
  std::string key;        // normal form, as reference_key gives
};

// Every stretch of 1..max_parts consecutive runs of `text` that no character
// other than the five separators interrupts ("INV-14 & INV-15" gives INV-14
// and INV-15 but never "14 & INV"), in text order.
// Cost: O(runs * max_parts) strings.
std::vector<TextSpan> text_spans(std::string_view text, std::size_t max_parts);

// True when span `a` lies inside span `b` and is not `b`.
inline bool inside(const TextSpan& a, const TextSpan& b) {
  return a.first >= b.first && a.first + a.count <= b.first + b.count && a.count < b.count;
}

// The runs of digits in `text`, without leading zeros, sorted and unique: a
// cheap filter, since an id named in a text shares its numbers with it.
std::vector<std::string> digit_runs(std::string_view text);

// True when `id` has a run of digits in `runs` (as digit_runs gives them), or
// has no digits at all. Cost: linear in the id, no allocation.
bool shares_digits(std::string_view id, const std::vector<std::string>& runs);

// Ids by normal form, each with a value of the caller's (an index into its
// list of open items).
class IdIndex {
 public:
  // Cost: linear in the id.
  void add(std::string_view id, std::size_t value);
  bool empty() const noexcept { return keys_.empty(); }

  // What `text` names, in text order: for each stretch that reads as an id,
  // the values of the ids it reads as (more than one when ids differ only in
  // case, separators or zeros), keeping those `live` accepts. A stretch inside
  // a longer one that also reads as an id does not count ("14" inside
  // "INV-2026-14").
  // Cost: O(runs of text * parts of the longest id) hash lookups.
  std::vector<std::vector<std::size_t>> named(std::string_view text,
                                              const std::function<bool(std::size_t)>& live) const;

 private:
  std::unordered_map<std::string, std::vector<std::size_t>> keys_;
  std::size_t max_parts_ = 1;
};

}  // namespace arctl::payments
