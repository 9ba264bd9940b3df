// Export files that appear only once their export is recorded: written under
// a temporary name inside the export's transaction, renamed into place after
// it commits, so a file never describes an export the ledger does not hold.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <iosfwd>
#include <map>
#include <memory>
#include <set>

#include "arctl/ledger.hpp"

namespace arctl::gl {

// A file staged beside its final path. Error(kError) naming the path when the
// temporary file cannot be created or written. Removed unless published.
class StagedFile {
 public:
  explicit StagedFile(std::filesystem::path path);
  ~StagedFile();
  StagedFile(const StagedFile&) = delete;
  StagedFile& operator=(const StagedFile&) = delete;

  // (Re)writes the temporary file: a retried transaction writes it again.
  void write(const std::function<void(std::ostream&)>& produce);
  // Renames it over the final path (atomic within one file system).
  void publish();
  const std::filesystem::path& path() const noexcept { return path_; }
  const std::filesystem::path& staged() const noexcept { return tmp_; }

 private:
  std::filesystem::path path_, tmp_;
  bool published_ = false;
};

// For files written inside a transaction someone else commits (a close
// step): each is published by a commit listener when the commit that
// journals its gl.exported event happens; one never committed is removed.
class Publisher {
 public:
  // Cost: the first call per ledger adds one commit listener, which reads the
  // committed events of each later write transaction.
  void stage(Ledger& ledger, std::uint64_t export_number, std::unique_ptr<StagedFile> file);

 private:
  void committed(Ledger& ledger, std::uint64_t first, std::uint64_t last);

  std::map<std::uint64_t, std::unique_ptr<StagedFile>> pending_;  // export number -> file
  std::set<const Ledger*> watched_;
};

}  // namespace arctl::gl
