// Input for importers: a named file or "-" for standard input, and a JSON
// lines reader that reports the line of every problem.
#pragma once

#include <cstdint>
#include <fstream>
#include <functional>
#include <istream>
#include <memory>
#include <string>
#include <string_view>

#include "arctl/api.hpp"
#include "arctl/output.hpp"

namespace arctl {

class ARCTL_API Input {
 public:
  // Opens `path` ("-" is standard input). Error(kNotFound) if it cannot be read.
  explicit Input(const std::string& path);
  std::istream& stream() noexcept { return *in_; }
  const std::string& name() const noexcept { return name_; }

 private:
  std::string name_;
  std::unique_ptr<std::ifstream> file_;
  std::istream* in_;
};

// The format of an import file, one rule for every importer: `format` when
// given ("csv" or "jsonl", else Error(kUsage)); else by the name (".jsonl" or
// ".ndjson": JSON lines; ".csv": CSV); else by the content: JSON lines when
// the first byte that is not blank is '{' (the blanks are consumed), CSV
// otherwise.
enum class InputFormat { kCsv, kJsonl };
ARCTL_API InputFormat input_format(Input& in, std::string_view format = {});

// Calls fn(object, line) for each non-blank line, which must be a JSON object.
// Parse errors are Error(kConflict) located at name:line.
ARCTL_API void read_jsonl(Input& in,
                          const std::function<void(const Json&, std::uint64_t line)>& fn);

// A string member of a JSONL object: "" when absent or null; numbers are
// refused for amounts elsewhere, so only strings are accepted here.
ARCTL_API std::string json_text(const Json& obj, const char* key, const std::string& source,
                                std::uint64_t line);

}  // namespace arctl
