// Files that appear only once the transaction that describes them commits:
// written under a temporary name beside their final path inside the
// transaction, renamed into place by Tx::after_commit (atomic on one file
// system), removed again when the transaction is discarded or retried.
#pragma once

#include <filesystem>
#include <functional>
#include <iosfwd>
#include <string_view>
#include <vector>

#include "arctl/api.hpp"
#include "arctl/ledger.hpp"

namespace arctl {

// A file staged beside its final path. Creates the missing directories on
// the way. Errors: kError naming the path when the temporary file cannot be
// created or written. Unless published, the destructor removes the
// temporary file and the directories it made (while they are empty).
class ARCTL_API StagedFile {
 public:
  explicit StagedFile(std::filesystem::path path);
  ~StagedFile();
  StagedFile(const StagedFile&) = delete;
  StagedFile& operator=(const StagedFile&) = delete;

  // (Re)writes the temporary file.
  void write(const std::function<void(std::ostream&)>& produce);
  // Renames it over the final path. Errors: kError naming the path.
  void publish();
  const std::filesystem::path& path() const noexcept { return path_; }
  const std::filesystem::path& staged() const noexcept { return tmp_; }

 private:
  void discard() noexcept;

  std::filesystem::path path_, tmp_;
  std::vector<std::filesystem::path> made_;  // directories this created, deepest first
  bool published_ = false;
};

// Writes `path` as part of `tx`: staged now (a write error fails the
// transaction), put in place only after the commit. Under a dry run, a
// retried attempt or a failed transaction, no file appears.
// Cost: one temporary file per call until the transaction ends.
ARCTL_API void write_file_on_commit(Tx& tx, const std::filesystem::path& path,
                                    std::string_view text);
ARCTL_API void write_file_on_commit(Tx& tx, const std::filesystem::path& path,
                                    const std::function<void(std::ostream&)>& produce);

}  // namespace arctl
