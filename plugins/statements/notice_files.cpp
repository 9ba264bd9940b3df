// Staging and publishing notice letters; see notice_files.hpp.
#include "notice_files.hpp"

#include <stdlib.h>

#include <algorithm>
#include <cerrno>

#include <fstream>
#include <system_error>

#include "arctl/error.hpp"
#include "report_parts.hpp"

namespace arctl::statements {
namespace fs = std::filesystem;

StagedNotices::StagedNotices(fs::path dir, const std::vector<Notice>& notices)
    : dir_(std::move(dir)) {
  try {
    std::error_code ec;
    for (auto p = dir_; !p.empty() && !fs::exists(p, ec); p = p.parent_path()) {
      made_.push_back(p);
      if (p == p.parent_path()) break;
    }
    std::reverse(made_.begin(), made_.end());
    for (const auto& p : made_)
      if (!fs::create_directory(p, ec) && ec)
        fail(ErrorKind::kError, "cannot create notice directory " + p.string() + ": " +
                                    ec.message() + "; no notice was recorded");
    std::reverse(made_.begin(), made_.end());
    if (!fs::is_directory(dir_, ec))
      fail(ErrorKind::kError, "cannot write notices into " + dir_.string() +
                                  ": not a directory; no notice was recorded");
    std::string pattern = (dir_ / ".notice-staging-XXXXXX").string();
    if (!::mkdtemp(pattern.data()))
      fail(ErrorKind::kError, "cannot write notices into " + dir_.string() + ": " +
                                  std::generic_category().message(errno) +
                                  "; no notice was recorded");
    staging_ = pattern;
    for (const auto& n : notices) {
      // What would make the rename after the commit fail is refused now.
      if (fs::exists(dir_ / n.file, ec) && !fs::is_regular_file(dir_ / n.file, ec))
        fail(ErrorKind::kError, "cannot write notice " + (dir_ / n.file).string() +
                                    ": it exists and is not a file; no notice was recorded");
      std::ofstream out(staging_ / n.file, std::ios::binary | std::ios::trunc);
      if (!out || !out.write(n.text.data(), static_cast<std::streamsize>(n.text.size())) ||
          !out.flush())
        fail(ErrorKind::kError,
             "cannot write notice " + (dir_ / n.file).string() + "; no notice was recorded");
      files_.push_back(n.file);
    }
  } catch (...) {
    remove_made();
    throw;
  }
}

StagedNotices::~StagedNotices() {
  remove_made();
}

void StagedNotices::remove_made() noexcept {
  std::error_code ec;
  if (!staging_.empty()) fs::remove_all(staging_, ec);
  staging_.clear();
  if (published_) return;
  for (const auto& p : made_)
    fs::remove(p, ec);  // only while empty: never what someone else put there
  made_.clear();
}

void StagedNotices::publish(std::uint64_t run) {
  std::string failed;
  for (const auto& f : files_) {
    std::error_code ec;
    fs::rename(staging_ / f, dir_ / f, ec);
    if (ec)
      failed += (failed.empty() ? "" : ", ") + (dir_ / f).string() + " (" + ec.message() + ")";
  }
  published_ = true;
  if (!failed.empty())
    fail(ErrorKind::kError, "notice run " + std::to_string(run) +
                                " is recorded but these letters could not be put in place: " +
                                failed + "; write them with `arctl notice reprint --run " +
                                std::to_string(run) + " --out " + dir_.string() + "`");
}

void write_letters(const fs::path& dir, const std::vector<Notice>& notices) {
  for (const auto& n : notices)
    write_file(dir / n.file, n.text);
}

}  // namespace arctl::statements
