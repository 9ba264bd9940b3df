#!/usr/bin/env bash
# Every tracked C++ file is as clang-format (the repo's .clang-format) writes
# it. Exits 77 (skipped) outside a git checkout, where "tracked" means nothing.
#   tests/format/check.sh [SOURCE_DIR]
set -euo pipefail
cd "${1:-$(dirname "$0")/../..}"
git rev-parse --is-inside-work-tree >/dev/null 2>&1 || {
  echo "not a git checkout: nothing to check"
  exit 77
}
mapfile -t files < <(git ls-files -- '*.cpp' '*.hpp' '*.h' '*.cc')
clang-format --dry-run --Werror "${files[@]}"
echo "${#files[@]} files formatted"
