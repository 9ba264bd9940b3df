// Normal forms of ids and the stretches of remittance text that may be ids.
#include "references.hpp"

#include <algorithm>

namespace arctl::payments {
namespace {

bool letter(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}
bool digit(char c) {
  return c >= '0' && c <= '9';
}
bool separator(char c) {
  return c == ' ' || c == '-' || c == '/' || c == '.' || c == '_';
}

struct Run {
  std::string text;     // normalised
  bool joined = false;  // only separators between it and the run before
};

// The runs of `text`: letters and digits apart, each normalised.
std::vector<Run> runs_of(std::string_view text) {
  std::vector<Run> out;
  bool joined = false;
  std::size_t i = 0;
  while (i < text.size()) {
    const char c = text[i];
    if (!letter(c) && !digit(c)) {
      if (!separator(c)) joined = false;
      ++i;
      continue;
    }
    const bool digits = digit(c);
    std::size_t j = i;
    while (j < text.size() && (digits ? digit(text[j]) : letter(text[j])))
      ++j;
    Run r;
    r.joined = joined && !out.empty();
    if (digits) {
      std::size_t k = i;
      while (k + 1 < j && text[k] == '0')
        ++k;
      r.text.assign(text.substr(k, j - k));
    } else {
      for (std::size_t k = i; k < j; ++k)
        r.text += static_cast<char>(text[k] >= 'a' ? text[k] - ('a' - 'A') : text[k]);
    }
    out.push_back(std::move(r));
    joined = true;
    i = j;
  }
  return out;
}

}  // namespace

std::string reference_key(std::string_view id) {
  std::string key;
  for (const auto& r : runs_of(id))
    key += r.text + '|';
  return key;
}

std::size_t reference_parts(std::string_view key) {
  std::size_t n = 0;
  for (char c : key)
    n += c == '|';
  return n;
}

std::vector<TextSpan> text_spans(std::string_view text, std::size_t max_parts) {
  const auto runs = runs_of(text);
  std::vector<TextSpan> out;
  for (std::size_t i = 0; i < runs.size(); ++i) {
    std::string key;
    for (std::size_t n = 1; n <= max_parts && i + n <= runs.size(); ++n) {
      if (n > 1 && !runs[i + n - 1].joined) break;
      key += runs[i + n - 1].text + '|';
      out.push_back({i, n, key});
    }
  }
  return out;
}

std::vector<std::string> digit_runs(std::string_view text) {
  std::vector<std::string> out;
  for (const auto& r : runs_of(text))
    if (digit(r.text[0])) out.push_back(r.text);
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

bool shares_digits(std::string_view id, const std::vector<std::string>& runs) {
  bool any = false;
  std::size_t i = 0;
  while (i < id.size()) {
    if (!digit(id[i])) {
      ++i;
      continue;
    }
    std::size_t j = i;
    while (j < id.size() && digit(id[j]))
      ++j;
    std::size_t k = i;
    while (k + 1 < j && id[k] == '0')
      ++k;
    any = true;
    if (std::binary_search(runs.begin(), runs.end(), id.substr(k, j - k),
                           [](std::string_view a, std::string_view b) { return a < b; }))
      return true;
    i = j;
  }
  return !any;
}

void IdIndex::add(std::string_view id, std::size_t value) {
  // Beyond this many runs an id is not looked for in remittance text.
  constexpr std::size_t kMaxIdParts = 8;
  auto key = reference_key(id);
  if (key.empty()) return;
  max_parts_ = std::min(kMaxIdParts, std::max(max_parts_, reference_parts(key)));
  keys_[std::move(key)].push_back(value);
}

std::vector<std::vector<std::size_t>> IdIndex::named(
    std::string_view text, const std::function<bool(std::size_t)>& live) const {
  std::vector<std::pair<TextSpan, std::vector<std::size_t>>> found;
  if (!text.empty() && !keys_.empty()) {
    for (auto& span : text_spans(text, max_parts_)) {
      auto it = keys_.find(span.key);
      if (it == keys_.end()) continue;
      std::vector<std::size_t> values;
      for (auto v : it->second)
        if (live(v)) values.push_back(v);
      if (!values.empty()) found.emplace_back(std::move(span), std::move(values));
    }
  }
  std::vector<std::vector<std::size_t>> out;
  for (auto& [span, values] : found) {
    const auto& s = span;
    if (std::none_of(found.begin(), found.end(),
                     [&](const auto& other) { return inside(s, other.first); }))
      out.push_back(std::move(values));
  }
  return out;
}

}  // namespace arctl::payments
