#!/usr/bin/env bash
# The SDK as an in-house team uses it: install arctl, build the example
# hello plugin with find_package(arctl), then load it into the installed arctl.
source "$(dirname "$0")/lib.sh"

: "${ARCTL_BUILD_DIR:?}" "${ARCTL_SOURCE_DIR:?}"
cmake="${ARCTL_CMAKE:-cmake}"
prefix="$tmp/prefix"
has_file_like() { compgen -G "$1" >/dev/null; }
build="$tmp/hello-build"

case_ "cmake --install puts the binary, library, headers and CMake package in the prefix"
expect_exit 0 "$cmake" --install "$ARCTL_BUILD_DIR" --prefix "$prefix"
for f in bin/arctl include/arctl/plugin.hpp lib/cmake/arctl/arctlConfig.cmake \
  lib/cmake/arctl/arctlConfigVersion.cmake lib/cmake/arctl/arctlTargets.cmake \
  share/arctl/examples/hello-plugin/hello.cpp; do
  expect_true "installed $f" test -f "$prefix/$f"
done
expect_true "installed libarctl" has_file_like "$prefix/lib/libarctl.so*"
installed="$prefix/bin/arctl"

case_ "the example plugin configures and builds against the installed arctl"
generator=()
[[ -n "${ARCTL_CMAKE_GENERATOR:-}" ]] && generator=(-G "$ARCTL_CMAKE_GENERATOR")
compiler=()
[[ -n "${ARCTL_CXX_COMPILER:-}" ]] && compiler=(-DCMAKE_CXX_COMPILER="$ARCTL_CXX_COMPILER")
expect_exit 0 "$cmake" -S "$ARCTL_SOURCE_DIR/share/examples/hello-plugin" -B "$build" \
  "${generator[@]}" "${compiler[@]}" -DCMAKE_BUILD_TYPE=Debug -DCMAKE_PREFIX_PATH="$prefix"
expect_not_contains "$out$err" "ABI mismatch" "configure output"
expect_exit 0 "$cmake" --build "$build" -j1
expect_true "hello.so was built" test -f "$build/hello.so"
[[ -f "$build/hello.so" ]] || exit 1

L="$tmp/ledger"
expect_exit 0 "$installed" -C "$L" init
expect_exit 0 "$installed" -C "$L" customer add ACME --name "Acme Industrial"
expect_exit 0 "$installed" -C "$L" customer add BETA --name "Beta GmbH"

case_ "the installed arctl loads the plugin from --plugin-dir and runs its command"
expect_exit 0 "$installed" --plugin-dir "$build" -C "$L" hello
expect_eq "Hello, world!
The ledger has 2 customers." "$out" "arctl hello"
expect_exit 0 "$installed" --plugin-dir "$build" -C "$L" --format json hello Ada
expect_eq '["Hello, Ada!", 2]' "$(json '[d["greeting"], d["customers"]]' <<<"$out")" \
  "arctl --format json hello Ada"

case_ "plugin list shows hello loaded"
expect_exit 0 "$installed" --plugin-dir "$build" -C "$L" --format json plugin list
expect_eq '[["loaded", "1.0.0", "'"$build"'/hello.so"]]' \
  "$(json '[[r["status"], r["version"], r["file"]] for r in d if r["name"] == "hello"]' <<<"$out")" \
  "hello's record"

case_ "installing the plugin puts it where the installed arctl finds it unaided"
expect_exit 0 "$cmake" --install "$build"
expect_true "hello.so installed into the plugin directory" \
  test -f "$prefix/lib/arctl/plugins/hello.so"
expect_exit 0 "$installed" -C "$L" hello Bob
expect_eq "Hello, Bob!
The ledger has 2 customers." "$out" "arctl hello Bob"

case_ "a version the package does not provide is refused by find_package"
mkdir -p "$tmp/wants-v99"
cat >"$tmp/wants-v99/CMakeLists.txt" <<'CMAKE'
cmake_minimum_required(VERSION 3.20)
project(wants_v99 LANGUAGES CXX)
find_package(arctl 99 REQUIRED)
CMAKE
expect_exit 1 "$cmake" -S "$tmp/wants-v99" -B "$tmp/wants-v99/build" "${generator[@]}" \
  -DCMAKE_PREFIX_PATH="$prefix"
