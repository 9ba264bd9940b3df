// Store locations: telling a directory from a postgresql:// URL, splitting off
// the schema that libpq does not know, and keeping passwords out of URLs and
// out of anything printed.
#include <cctype>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "arctl/error.hpp"
#include "arctl/store.hpp"
#include "store/fault_store.hpp"

namespace arctl {
namespace {

constexpr std::string_view kDefaultSchema = "arctl";
constexpr std::size_t kMaxIdentifier = 63;  // PostgreSQL's NAMEDATALEN - 1

bool is_pg_scheme(std::string_view url) {
  return url.starts_with("postgresql://") || url.starts_with("postgres://");
}

std::string percent_decode(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && std::isxdigit(static_cast<unsigned char>(s[i + 1])) &&
        std::isxdigit(static_cast<unsigned char>(s[i + 2]))) {
      out += static_cast<char>(std::stoi(std::string(s.substr(i + 1, 2)), nullptr, 16));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

bool valid_schema(std::string_view s) {
  if (s.empty() || s.size() > kMaxIdentifier) return false;
  if (!(std::islower(static_cast<unsigned char>(s[0])) || s[0] == '_')) return false;
  for (char c : s)
    if (!(std::islower(static_cast<unsigned char>(c)) ||
          std::isdigit(static_cast<unsigned char>(c)) || c == '_'))
      return false;
  return true;
}

// The authority part of a URL: between "//" and the first '/', '?' or end.
std::pair<std::size_t, std::size_t> authority(std::string_view url) {
  const auto begin = url.find("://") + 3;
  auto end = url.find_first_of("/?", begin);
  if (end == std::string_view::npos) end = url.size();
  return {begin, end};
}

}  // namespace

std::string mask_store_url(std::string_view url) {
  std::string out(url);
  if (!is_pg_scheme(url)) return out;
  const auto [begin, end] = authority(out);
  const auto at = out.rfind('@', end == 0 ? 0 : end - 1);
  if (at != std::string::npos && at >= begin) {
    const auto colon = out.find(':', begin);
    if (colon != std::string::npos && colon < at) out.replace(colon + 1, at - colon - 1, "***");
  }
  // password=... among the query parameters
  for (auto pos = out.find("password="); pos != std::string::npos;
       pos = out.find("password=", pos + 1)) {
    if (pos == 0 || (out[pos - 1] != '?' && out[pos - 1] != '&')) continue;
    const auto vbegin = pos + 9;
    auto vend = out.find('&', vbegin);
    if (vend == std::string::npos) vend = out.size();
    out.replace(vbegin, vend - vbegin, "***");
  }
  return out;
}

StoreUrl parse_store_url(std::string_view url) {
  StoreUrl r;
  r.masked = mask_store_url(url);
  if (!is_pg_scheme(url)) {
    if (url.find("://") != std::string_view::npos)
      fail_usage("unknown store URL '" + r.masked +
                 "' (expected postgresql://USER@HOST[:PORT]/DB[?schema=NAME] or a directory)");
    r.backend = kLmdbBackend;
    r.conninfo = std::string(url);
    return r;
  }
  r.backend = kPgBackend;
  if (r.masked != url)
    fail_usage("the store URL '" + r.masked +
               "' carries a password; arctl takes passwords only from ~/.pgpass, PGPASSWORD or "
               "a service file");
  const auto q = url.find('?');
  std::string base(url.substr(0, q));
  std::string kept;
  std::string schema;
  if (q != std::string_view::npos) {
    std::stringstream params{std::string(url.substr(q + 1))};
    std::string p;
    while (std::getline(params, p, '&')) {
      if (p.empty()) continue;
      if (p.starts_with("schema=")) {
        schema = percent_decode(p.substr(7));
        continue;
      }
      kept += (kept.empty() ? "" : "&") + p;
    }
  }
  r.schema = schema.empty() ? std::string(kDefaultSchema) : schema;
  if (!valid_schema(r.schema))
    fail_usage("invalid schema '" + r.schema + "' in the store URL '" + r.masked +
               "' (lower-case letters, digits and _, at most 63, not starting with a digit)");
  r.conninfo = kept.empty() ? base : base + "?" + kept;
  return r;
}

std::optional<std::string> recorded_store_url(const std::filesystem::path& dir) {
  std::ifstream in(dir / kStoreUrlFile);
  if (!in) return std::nullopt;
  std::string line;
  std::getline(in, line);
  while (!line.empty() && std::isspace(static_cast<unsigned char>(line.back())))
    line.pop_back();
  if (line.empty()) return std::nullopt;
  return line;
}

void record_store_url(const std::filesystem::path& dir, std::string_view url) {
  // Only a URL without a password may be recorded; parsing enforces it.
  const auto parsed = parse_store_url(url);
  if (parsed.backend != kPgBackend) fail_usage("not a server store URL: " + parsed.masked);
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) fail(ErrorKind::kError, "cannot create " + dir.string() + ": " + ec.message());
  std::filesystem::permissions(dir, std::filesystem::perms::owner_all,
                               std::filesystem::perm_options::replace, ec);
  const auto tmp = dir / (std::string(kStoreUrlFile) + ".tmp");
  {
    std::ofstream out(tmp, std::ios::trunc);
    out << url << '\n';
    if (!out.flush()) fail(ErrorKind::kError, "cannot write " + tmp.string());
  }
  std::filesystem::rename(tmp, dir / kStoreUrlFile, ec);
  if (ec) fail(ErrorKind::kError, "cannot write " + (dir / kStoreUrlFile).string());
}

std::unique_ptr<Store> open_store_url(std::string_view url, bool create) {
  const auto parsed = parse_store_url(url);
  if (parsed.backend == kPgBackend) return with_injected_faults(open_pg_store(url, create));
  // A ledger directory that records a server store stands for that store.
  if (auto recorded = recorded_store_url(parsed.conninfo))
    return with_injected_faults(open_pg_store(*recorded, create));
  return with_injected_faults(open_lmdb_store(parsed.conninfo, create));
}

std::unique_ptr<Store> open_store(const std::filesystem::path& dir, bool create) {
  if (const char* env = std::getenv("ARCTL_STORE"); env && *env) return open_store_url(env, create);
  if (auto url = recorded_store_url(dir)) return open_store_url(*url, create);
  return with_injected_faults(open_lmdb_store(dir, create));
}

}  // namespace arctl
