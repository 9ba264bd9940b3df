#!/usr/bin/env bash
# An installed arctl is relocatable: `cmake --install` writes nothing outside
# its prefix, and the installed tree finds its library, bundled plugins and
# templates relative to the binary, before and after the tree is moved.
source "$ARCTL_TEST_LIB"

root="$tmp/root"
prefix=/opt/arctl
moved="$tmp/elsewhere/arctl"

case_ "cmake --install writes every file under the prefix"
expect_exit 0 env DESTDIR="$root" "$ARCTL_CMAKE" --install "$ARCTL_BUILD_DIR" --prefix "$prefix"
outside="$(cd "$root" && find . -mindepth 1 ! -path ./opt ! -path "./opt/arctl" ! -path "./opt/arctl/*")"
expect_eq "" "$outside" "paths installed outside $prefix"
for f in bin/arctl "$ARCTL_LIBDIR/libarctl.so.0" "$ARCTL_LIBDIR/arctl/plugins/invoicing.so" \
  share/arctl/templates/invoice.txt.mustache share/arctl/sample/demo \
  "$ARCTL_MANDIR/man1/arctl.1.gz" "$ARCTL_MANDIR/man1/arctl-invoice.1.gz" \
  "$ARCTL_MANDIR/man7/arctl-exit-codes.7.gz" share/doc/arctl/copyright \
  share/bash-completion/completions/arctl include/arctl/plugin.hpp; do
  expect_true "installed $f" test -e "$root$prefix/$f"
done
expect_true "manual pages are gzip files" gzip -t "$root$prefix/$ARCTL_MANDIR/man1/arctl.1.gz"

# Runs the installed binary from wherever the tree is now, with no help
# from the build tree or the environment.
loaded_plugins() {
  "$1/bin/arctl" --format json plugin list |
    python3 -c 'import json,sys; print(sorted(r["name"] for r in json.load(sys.stdin) if r["status"] == "loaded"))'
}
bundled="['collections', 'disputes', 'gl', 'holds', 'invoicing', 'mail', 'payments', 'statements']"

case_ "the installed binary loads the bundled plugins from its own tree"
expect_eq "$bundled" "$(loaded_plugins "$root$prefix")" "plugins at $prefix"

case_ "moved elsewhere, the tree still finds its plugins, library and templates"
mkdir -p "$(dirname "$moved")"
mv "$root$prefix" "$moved"
expect_eq "$bundled" "$(loaded_plugins "$moved")" "plugins after the move"
expect_exit 0 "$moved/bin/arctl" --format json plugin list
expect_contains "$out" "$moved/lib" "plugin files come from the moved tree"
L="$tmp/ledger"
expect_exit 0 "$moved/bin/arctl" -C "$L" init --currency USD
expect_exit 0 "$moved/bin/arctl" -C "$L" customer add ACME --name "Acme Industrial"
expect_exit 0 "$moved/bin/arctl" -C "$L" invoice create --customer ACME --id INV-1 \
  --date 2026-03-02 --line "Widget;3;19.99;8.25%" --line "Freight;1;12.50"
expect_exit 0 "$moved/bin/arctl" -C "$L" invoice render INV-1 --format text
expect_contains "$out" "Total        77.42 USD" "an invoice rendered from the moved tree's templates"
expect_exit 0 "$moved/bin/arctl" --version
expect_contains "$out" "plugin invoicing 0.1.0" "--version lists the plugins"
