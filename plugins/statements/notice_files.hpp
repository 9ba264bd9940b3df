// Notice letters on disk: staged inside the output directory in the
// transaction that records their levels and renamed into place only after
// it commits (Tx::after_commit), so a letter is never recorded as sent
// without its file, nor written for a level that was not recorded.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "notices.hpp"

namespace arctl::statements {

class StagedNotices {
 public:
  // Creates `dir` if needed, then DIR/.notice-staging-XXXXXX, and writes every
  // letter there. Errors: kError naming the path that could not be created or
  // written; whatever this made is removed again.
  StagedNotices(std::filesystem::path dir, const std::vector<Notice>& notices);
  StagedNotices(const StagedNotices&) = delete;
  StagedNotices& operator=(const StagedNotices&) = delete;
  // Removes the staging directory; unless published, also the directories it made.
  ~StagedNotices();

  // Renames each staged letter to DIR/FILE (one atomic rename each, same
  // filesystem), replacing a file of that name. Errors: kError naming the
  // letters that could not be moved and how to write them again from run `run`.
  void publish(std::uint64_t run);

 private:
  void remove_made() noexcept;

  std::filesystem::path dir_, staging_;
  std::vector<std::filesystem::path> made_;  // directories this created, deepest first
  std::vector<std::string> files_;
  bool published_ = false;
};

// Writes the letters straight into `dir` (for reprints, which record nothing).
// Errors: kError naming the path.
void write_letters(const std::filesystem::path& dir, const std::vector<Notice>& notices);

}  // namespace arctl::statements
