#!/usr/bin/env bash
# The command line itself: help, usage errors with suggestions, aliases,
# external arctl-* commands, completion and --version.
source "$(dirname "$0")/lib.sh"

L="$tmp/ledger"
new_ledger "$L"
arctl -C "$L" -q customer add ACME --name "Acme Industrial" >/dev/null

case_ "arctl help lists the commands"
expect_exit 0 arctl -C "$L" help
missing=$(for c in init customer log check period config plugin help completion; do
  grep -Eq "^ +$c( |$)" <<<"$out" || printf '%s ' "$c"
done)
expect_eq "" "$missing" "commands missing from 'arctl help'"

case_ "help needs no ledger, and --help is the same"
mkdir -p "$tmp/home" "$tmp/elsewhere"
expect_exit 0 in_dir "$tmp/elsewhere" env HOME="$tmp/home" XDG_DATA_HOME= "$ARCTL_BIN" help
expect_contains "$out" "customer" "help outside any ledger"
expect_exit 0 arctl -C "$L" --help
expect_contains "$out" "customer" "--help"

case_ "arctl help customer shows its subcommands"
expect_exit 0 arctl -C "$L" help customer
missing=$(for c in add list show edit import; do
  grep -Eq "^ +$c( |$)" <<<"$out" || printf '%s ' "$c"
done)
expect_eq "" "$missing" "subcommands missing from 'arctl help customer'"

case_ "arctl help customer add shows its options"
expect_exit 0 arctl -C "$L" help customer add
expect_contains "$out" "--credit-limit" "help customer add"

case_ "arctl help GUIDE prints the guide from doc/; a misspelt guide is suggested"
expect_exit 0 arctl -C "$L" help
expect_contains "$out" "cash-application" "the guides listed under 'arctl help'"
expect_exit 0 arctl -C "$L" help cash-application
expect_eq "$(head -1 "$ARCTL_SOURCE_DIR/doc/cash-application.md")" "$(head -1 <<<"$out")" \
  "the guide's title as in doc/"
expect_contains "$out" "## Cash application rules" "the guide's rules"
expect_exit 2 arctl -C "$L" help cash-aplication
expect_contains "$err" "cash-application" "the nearest guide"

case_ "an unknown command exits 2 and suggests the nearest"
expect_exit 2 arctl -C "$L" custmer
expect_match "$err" "^[[:space:]]*customer$" "stderr"
expect_eq "" "$out" "stdout"
expect_exit 2 arctl -C "$L" help custmer

case_ "usage errors exit 2"
expect_exit 2 arctl -C "$L" customer
expect_exit 2 arctl -C "$L" customer add
expect_exit 2 arctl -C "$L" customer add X --nmae "typo"
expect_exit 2 arctl -C "$L" --format yaml customer list
expect_exit 2 arctl -C "$L" customer list --status sleeping

case_ "an alias runs its expansion, with the caller's global options"
expect_exit 0 arctl -C "$L" config set alias.ls "customer list"
expect_exit 0 arctl -C "$L" ls --format json
expect_eq '["ACME"]' "$(json '[c["id"] for c in d]' <<<"$out")" "ls --format json"
expect_exit 0 arctl -C "$L" --format csv ls
expect_eq "ACME" "$(csv 'rows[1][0]' <<<"$out")" "--format csv ls"
expect_exit 0 arctl -C "$L" help ls
expect_contains "$out" "customer list" "help for an alias"

case_ "an external arctl-foo on PATH runs with the arguments and ARCTL_DIR"
B="$tmp/bin"
mkdir -p "$B"
cat >"$B/arctl-foo" <<'SH'
#!/bin/sh
# Prints its arguments one per line, then the ledger directory it was given.
for a in "$@"; do printf 'arg:%s\n' "$a"; done
printf 'dir:%s\n' "$ARCTL_DIR"
SH
cat >"$B/arctl-fails" <<'SH'
#!/bin/sh
exit 7
SH
chmod 755 "$B/arctl-foo" "$B/arctl-fails"
expect_exit 0 env PATH="$B:$PATH" "$ARCTL_BIN" -C "$L" foo a b "c d"
expect_eq "arg:a
arg:b
arg:c d
dir:$L" "$out" "arctl-foo output"
expect_exit 7 env PATH="$B:$PATH" "$ARCTL_BIN" -C "$L" fails

case_ "arctl completion bash prints a script that registers a completion"
expect_exit 0 arctl completion bash
expect_match "$out" "^complete " "completion script"
# The script must at least be valid bash that defines the completion.
run arctl completion bash
expect_exit 0 bash -c "$out"
expect_exit 0 arctl completion zsh
expect_exit 0 arctl completion fish
expect_exit 2 arctl completion tcsh

case_ "__complete offers commands, subcommands, aliases and external commands"
expect_exit 0 arctl -C "$L" __complete cust
expect_eq "customer" "$out" "__complete cust"
expect_exit 0 arctl -C "$L" __complete customer ""
expect_match "$out" "^add$" "__complete customer ''"
expect_match "$out" "^import$" "__complete customer ''"
expect_not_contains "$out" "init" "__complete customer ''"
expect_exit 0 env PATH="$B:$PATH" "$ARCTL_BIN" -C "$L" __complete ""
expect_match "$out" "^ls$" "__complete '' (alias)"
expect_match "$out" "^foo$" "__complete '' (external)"
expect_match "$out" "^period$" "__complete '' (builtin)"
expect_exit 0 arctl -C "$L" __complete --format ""
expect_match "$out" "^json$" "__complete --format ''"

case_ "arctl --version prints the version"
expect_exit 0 arctl --version
expect_eq "arctl ${ARCTL_EXPECTED_VERSION:?}" "$(head -n 1 <<<"$out")" "--version"
expect_contains "$out" "plugin ABI arctl-plugin-api/" "--version names the plugin ABI"
expect_contains "$out" "plugin invoicing " "--version names the loaded plugins"
expect_exit 0 arctl --format json version
expect_eq "$ARCTL_EXPECTED_VERSION" "$(json 'd["version"]' <<<"$out")" "version --format json"
