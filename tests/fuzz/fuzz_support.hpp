// Shared helpers for the fuzz targets: an in-memory file that the importers
// can open by path, and a check that stops the run with a readable message.
#pragma once

#include <sys/mman.h>
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

namespace arctl::fuzz {

// A memfd rewritten on every input: the readers take an arctl::Input, which
// opens a path, and /proc/self/fd/N avoids touching the disk per execution.
class MemFile {
 public:
  MemFile() : fd_(::memfd_create("arctl-fuzz", 0)) {
    if (fd_ < 0) {
      std::perror("memfd_create");
      std::abort();
    }
    path_ = "/proc/self/fd/" + std::to_string(fd_);
  }
  MemFile(const MemFile&) = delete;
  MemFile& operator=(const MemFile&) = delete;

  const std::string& write(const std::uint8_t* data, std::size_t size) {
    if (::ftruncate(fd_, 0) != 0 ||
        (size > 0 && ::pwrite(fd_, data, size, 0) != static_cast<ssize_t>(size))) {
      std::perror("memfd write");
      std::abort();
    }
    return path_;
  }

 private:
  int fd_;
  std::string path_;
};

// An invariant the code under test broke: report it and abort, which
// libFuzzer records as a crash with the input that caused it.
[[noreturn]] inline void broken(const char* what, const std::string& detail = {}) {
  std::fprintf(stderr, "fuzz invariant broken: %s %s\n", what, detail.c_str());
  std::abort();
}

inline void require(bool ok, const char* what, const std::string& detail = {}) {
  if (!ok) broken(what, detail);
}

}  // namespace arctl::fuzz
