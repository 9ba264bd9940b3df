// Opening inputs and reading JSON lines with locations.
#include "arctl/input.hpp"

#include <filesystem>
#include <iostream>

#include "arctl/error.hpp"

namespace arctl {

Input::Input(const std::string& path) : name_(path == "-" ? "-" : path) {
  if (path == "-") {
    in_ = &std::cin;
    return;
  }
  if (std::error_code ec; std::filesystem::is_directory(path, ec))
    fail(ErrorKind::kNotFound, "'" + path + "' is a directory, not a file", {path, 0, {}});
  file_ = std::make_unique<std::ifstream>(path, std::ios::binary);
  if (!*file_) fail(ErrorKind::kNotFound, "cannot read '" + path + "'");
  in_ = file_.get();
}

InputFormat input_format(Input& in, std::string_view format) {
  if (format == "csv") return InputFormat::kCsv;
  if (format == "jsonl") return InputFormat::kJsonl;
  if (!format.empty())
    fail_usage("unknown input format '" + std::string(format) + "' (csv, jsonl)");
  const auto& n = in.name();
  if (n.ends_with(".jsonl") || n.ends_with(".ndjson")) return InputFormat::kJsonl;
  if (n.ends_with(".csv")) return InputFormat::kCsv;
  auto& s = in.stream();
  for (int c = s.peek(); c != std::char_traits<char>::eof(); c = s.peek()) {
    if (c != ' ' && c != '\t' && c != '\r' && c != '\n')
      return c == '{' ? InputFormat::kJsonl : InputFormat::kCsv;
    s.get();
  }
  return InputFormat::kCsv;
}

void read_jsonl(Input& in, const std::function<void(const Json&, std::uint64_t)>& fn) {
  std::string line;
  std::uint64_t n = 0;
  while (std::getline(in.stream(), line)) {
    ++n;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (n == 1 && line.rfind("\xEF\xBB\xBF", 0) == 0) line.erase(0, 3);
    if (line.find_first_not_of(" \t") == std::string::npos) continue;
    Json obj;
    try {
      obj = Json::parse(line);
    } catch (const nlohmann::json::parse_error& e) {
      fail(ErrorKind::kConflict, std::string("invalid JSON: ") + e.what(), {in.name(), n, {}});
    }
    if (!obj.is_object())
      fail(ErrorKind::kConflict, "each line must be a JSON object", {in.name(), n, {}});
    try {
      fn(obj, n);
    } catch (const Error& e) {
      throw e.located({in.name(), n, {}});
    }
  }
}

std::string json_text(const Json& obj, const char* key, const std::string& source,
                      std::uint64_t line) {
  auto it = obj.find(key);
  if (it == obj.end() || it->is_null()) return {};
  if (!it->is_string())
    fail(ErrorKind::kConflict, "must be a string (amounts too: \"12.50\")", {source, line, key});
  return it->get<std::string>();
}

}  // namespace arctl
