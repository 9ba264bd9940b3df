// Staging export files and renaming them into place after commit.
#include "publish.hpp"

#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>

#include "arctl/error.hpp"
#include "arctl/journal.hpp"
#include "exports.hpp"

namespace arctl::gl {
namespace fs = std::filesystem;

StagedFile::StagedFile(fs::path path) : path_(std::move(path)) {
  const auto dir = path_.has_parent_path() ? path_.parent_path() : fs::path(".");
  auto tmp = (dir / ("." + path_.filename().string() + ".XXXXXX")).string();
  const int fd = ::mkstemp(tmp.data());
  if (fd < 0)
    fail(ErrorKind::kError, "cannot write " + path_.string() + ": " + std::strerror(errno));
  ::close(fd);
  tmp_ = tmp;
}

StagedFile::~StagedFile() {
  if (published_) return;
  std::error_code ec;
  fs::remove(tmp_, ec);
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

void Publisher::stage(Ledger& ledger, std::uint64_t export_number,
                      std::unique_ptr<StagedFile> file) {
  // A retried transaction stages the same export again: the newer file wins.
  pending_[export_number] = std::move(file);
  if (!watched_.insert(&ledger).second) return;
  ledger.on_commit(
      [this, &ledger](std::uint64_t first, std::uint64_t last) { committed(ledger, first, last); });
}

void Publisher::committed(Ledger& ledger, std::uint64_t first, std::uint64_t last) {
  if (pending_.empty()) return;
  ledger.read([&](Tx& tx) {
    tx.journal(first, [&](const JournalEntry& e) {
      if (e.seq > last) return false;
      if (e.type != events::GlExported::kName) return true;
      const auto it = pending_.find(e.payload.value("export", std::uint64_t{0}));
      if (it != pending_.end()) {
        it->second->publish();
        pending_.erase(it);
      }
      return true;
    });
  });
}

}  // namespace arctl::gl
