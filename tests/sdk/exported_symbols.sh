#!/usr/bin/env bash
# libarctl exports the SDK and nothing else. Every arctl symbol in its dynamic
# symbol table must be named in an installed header (kernel/include/arctl),
# and nothing of the kernel's internals (the PostgreSQL and LMDB backends, the
# record codecs, the table names) or of its private libraries may show.
#   exported_symbols.sh LIBARCTL SDK_INCLUDE_DIR
set -euo pipefail
lib=$1
sdk=$2

symbols=$(nm -D --defined-only -C "$lib" | sed -E 's/^[0-9a-f]+ [A-Za-z] //')
echo "libarctl exports $(wc -l <<<"$symbols") symbols"

# A class that a private library declares visible (spdlog's sink is) has its
# typeinfo emitted, weak, in every object that uses it polymorphically; the
# sanitizer build does. Such a weak copy of a symbol the library itself
# exports is that library's ABI, not a leak of ours.
theirs=$(
  ldd "$lib" | awk '/lib(spdlog|fmt|pq|lmdb|mustache)[^ ]*\.so/ { print $3 }' |
    while read -r dep; do nm -D --defined-only -C "$dep"; done |
    sed -nE 's/^[0-9a-f]+ [VWu] //p' | sort -u
)
weak_ours=$(nm -D --defined-only -C "$lib" | sed -nE 's/^[0-9a-f]+ [VWu] //p' | sort -u)

# Top-level names the SDK headers declare: classes, structs, enums, functions,
# the namespaces they open (arctl::record, arctl::events) and log.
allowed=$(
  sed -e 's|//.*||' "$sdk"/arctl/*.hpp |
    sed -nE -e 's/^(class|struct) ARCTL_API ([A-Za-z_][A-Za-z0-9_]*).*/\2/p' \
      -e 's/^enum class ([A-Za-z_][A-Za-z0-9_]*).*/\1/p' \
      -e 's/^(\[\[noreturn\]\] )?ARCTL_API .*[ *&]([A-Za-z_][A-Za-z0-9_]*|operator[^(]*)\(.*/\2/p' \
      -e 's/^namespace arctl::([a-z_][a-z0-9_]*) \{.*/\1/p' |
    sort -u
  echo log
)

bad=0
while IFS= read -r sym; do
  [ -z "$sym" ] && continue
  name=${sym#typeinfo name for }
  name=${name#typeinfo for }
  name=${name#vtable for }
  name=${name#VTT for }
  # The qualified name: what precedes the parameter list, without a template
  # function's return type.
  name=${name//\[abi:cxx11\]/}
  head=${name%%(*}
  head=${head##* }
  case "$head" in
  arctl::*) ;;
  fmt::* | spdlog::* | kainjow::* | mdb_* | PQ* | pq*)
    if grep -qxF -- "$sym" <<<"$weak_ours" && grep -qxF -- "$sym" <<<"$theirs"; then
      continue
    fi
    echo "private library symbol exported: $sym"
    bad=1
    continue
    ;;
  *) continue ;;
  esac
  top=${head#arctl::}
  top=${top%%::*}
  [[ "$top" == operator* ]] || top=${top%%<*}
  if [[ "$head" == *"(anonymous namespace)"* ]] || ! grep -qxF -- "$top" <<<"$allowed"; then
    echo "not in the SDK: $sym"
    bad=1
  fi
done <<<"$symbols"
exit $bad
