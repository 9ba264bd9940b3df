// Staging files beside their final path and renaming them into place after
// the commit; see arctl/staged_file.hpp.
#include "arctl/staged_file.hpp"

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <memory>

#include "arctl/error.hpp"

namespace arctl {
namespace fs = std::filesystem;

StagedFile::StagedFile(fs::path path) : path_(std::move(path)) {
  const auto dir = path_.has_parent_path() ? path_.parent_path() : fs::path(".");
  std::error_code ec;
  for (auto p = dir; !p.empty() && !fs::exists(p, ec); p = p.parent_path()) {
    made_.push_back(p);
    if (p == p.parent_path()) break;
  }
  for (auto it = made_.rbegin(); it != made_.rend(); ++it)
    if (!fs::create_directory(*it, ec) && ec) {
      const auto failed = *it;                // erase() below invalidates `it`
      made_.erase(made_.begin(), it.base());  // keep only what was made
      discard();
      fail(ErrorKind::kError, "cannot create " + failed.string() + ": " + ec.message());
    }
  auto tmp = (dir / ("." + path_.filename().string() + ".XXXXXX")).string();
  const int fd = ::mkstemp(tmp.data());
  if (fd < 0) {
    const std::string why = std::strerror(errno);
    discard();
    fail(ErrorKind::kError, "cannot write " + path_.string() + ": " + why);
  }
  ::close(fd);
  tmp_ = tmp;
}

StagedFile::~StagedFile() {
  if (!published_) discard();
}

void StagedFile::discard() noexcept {
  std::error_code ec;
  if (!tmp_.empty()) fs::remove(tmp_, ec);
  for (const auto& p : made_)
    fs::remove(p, ec);  // only while empty: never what someone else put there
  made_.clear();
  tmp_.clear();
}

void StagedFile::write(const std::function<void(std::ostream&)>& produce) {
  std::ofstream out(tmp_, std::ios::binary | std::ios::trunc);
  if (!out) fail(ErrorKind::kError, "cannot write " + path_.string());
  produce(out);
  out.close();
  if (!out) fail(ErrorKind::kError, "cannot write " + path_.string());
}

void StagedFile::publish() {
  std::error_code ec;
  fs::rename(tmp_, path_, ec);
  if (ec) fail(ErrorKind::kError, "cannot write " + path_.string() + ": " + ec.message());
  published_ = true;
}

void write_file_on_commit(Tx& tx, const fs::path& path, std::string_view text) {
  write_file_on_commit(tx, path, [&](std::ostream& out) {
    out.write(text.data(), static_cast<std::streamsize>(text.size()));
  });
}

void write_file_on_commit(Tx& tx, const fs::path& path,
                          const std::function<void(std::ostream&)>& produce) {
  auto file = std::make_shared<StagedFile>(path);
  file->write(produce);
  tx.after_commit([file] { file->publish(); });
}

}  // namespace arctl
