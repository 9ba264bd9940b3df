#!/usr/bin/env bash
# Group accounts: a customer's parent (customer edit --parent/--no-parent,
# customer add --parent, the parent and collector columns of customer import)
# is refused when it is missing, itself, in another currency or makes a loop;
# customer show lists a parent's children.
source "$(dirname "$0")/lib.sh"

start_ledger P "Parent Co" C1 "Child One" C2 "Child Two" X "Other"
a -q customer add E --name "Euro" --currency EUR >/dev/null
parent_of() { a --format json customer show "$1" | json 'd.get("attrs", {}).get("parent", "")'; }

case_ "edit --parent sets the parent; show lists the children"
expect_exit 0 a customer edit C1 --parent P
expect_exit 0 a customer edit C2 --parent P
expect_exit 0 a customer add G --name "Grandchild" --parent C1
expect_eq "C1" "$(parent_of G)" "add --parent"
run a --format json customer show P
expect_eq '["C1", "C2"]' "$(json 'd["children"]' <<<"$out")" "P's children"
run a --format json customer show C1
expect_eq '["G"]' "$(json 'd["children"]' <<<"$out")" "C1's child"

case_ "a missing parent, itself, another currency and a loop are refused (4)"
expect_exit 4 a customer edit X --parent NOPE
expect_contains "$err" "parent" "names the field"
expect_exit 4 a customer edit X --parent X
expect_exit 4 a customer edit E --parent P
expect_exit 4 a customer edit P --parent G
expect_contains "$err" "loop" "says why"
expect_exit 4 a customer edit P --attr parent=C1
expect_exit 4 a customer add Y --name Y --parent NOPE
expect_eq "" "$(parent_of P)" "P unchanged"

case_ "--no-parent removes the parent"
expect_exit 0 a customer edit X --parent C2
expect_exit 0 a customer edit X --no-parent
expect_eq "" "$(parent_of X)" "no parent"
expect_exit 2 a customer edit X --parent P --no-parent

case_ "import: parent and collector columns; a parent may come later in the file"
cat >"$tmp/ok.csv" <<'CSV'
id,name,parent,collector
K1,Kid One,KP,maria
KP,Kid Parent,,maria
K2,Kid Two,K1,
CSV
expect_exit 0 a customer import "$tmp/ok.csv"
expect_eq "KP" "$(parent_of K1)" "K1's parent"
expect_eq "K1" "$(parent_of K2)" "K2's parent"
expect_eq "maria" "$(a --format json customer show KP | json 'd["attrs"]["collector"]')" "collector"
expect_exit 0 a customer import "$tmp/ok.csv"
expect_eq "0" "$(json 'd["created"]' <<<"$(a --format json customer import "$tmp/ok.csv")")" "re-import unchanged"

case_ "import: a loop or a missing parent refuses the whole file"
cat >"$tmp/loop.csv" <<'CSV'
id,name,parent
L1,Loop One,L2
L2,Loop Two,L1
CSV
expect_exit 4 a customer import "$tmp/loop.csv"
expect_contains "$err" "parent" "names the column"
printf '{"id":"J1","name":"J","attr.parent":"NOPE"}\n' >"$tmp/bad.jsonl"
expect_exit 4 a customer import "$tmp/bad.jsonl"
expect_exit 3 a customer show L1
expect_exit 3 a customer show J1
