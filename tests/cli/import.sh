#!/usr/bin/env bash
# `arctl customer import`: CSV and JSON lines, from a file or standard input,
# all or nothing; re-importing is a no-op; every bad file exits 4 naming the
# file, line and field, and leaves the journal untouched.
source "$(dirname "$0")/lib.sh"

L="$tmp/ledger"
new_ledger "$L"
D="$tmp/in"
mkdir -p "$D"

cat >"$D/good.csv" <<'CSV'
id,name,currency,terms,credit_limit,email
C1,Alpha Ltd,USD,net30,1000.00,a@alpha.example
C2,"Beta, Inc.",EUR,net45,,b@beta.example
C3,Gamma Co,USD,eom,2500.50,
CSV

case_ "a good CSV file imports every row in one transaction"
expect_exit 0 arctl -C "$L" --format json customer import "$D/good.csv"
expect_eq '[3, 3, 0]' "$(json '[d["rows"], d["created"], d["unchanged"]]' <<<"$out")" \
  "rows, created, unchanged"
expect_exit 0 arctl -C "$L" --format json customer list
expect_eq '["C1", "C2", "C3"]' "$(json '[c["id"] for c in d]' <<<"$out")" "imported ids"
expect_eq '["Beta, Inc.", "EUR", "net45", null, "b@beta.example"]' \
  "$(json '[d[1][k] for k in ("name", "currency", "terms", "credit_limit", "email")]' <<<"$out")" \
  "C2 fields"
expect_eq '["2500.50", "eom", ""]' \
  "$(json '[d[2][k] for k in ("credit_limit", "terms", "email")]' <<<"$out")" "C3 fields"
expect_exit 0 arctl -C "$L" --format json log --type customer.added
expect_eq 3 "$(json 'len(d)' <<<"$out")" "customer.added events"
expect_eq 1 "$(json 'len({e["txn"] for e in d})' <<<"$out")" "transactions used by the import"

case_ "importing the same file again reports every row already present"
before=$(event_count "$L")
expect_exit 0 arctl -C "$L" --format json customer import "$D/good.csv"
expect_eq '[3, 0, 3]' "$(json '[d["rows"], d["created"], d["unchanged"]]' <<<"$out")" \
  "rows, created, unchanged on re-import"
expect_eq "$before" "$(event_count "$L")" "events after re-import"

cat >"$D/good.jsonl" <<'JSONL'
{"id":"J1","name":"Juliet Plc","currency":"GBP","terms":"net30","credit_limit":"750.00","email":"j@juliet.example"}

{"id":"J2","name":"Kilo KK","currency":"JPY","terms":"net60","credit_limit":"100000","email":""}
JSONL

case_ "a good JSON lines file imports, and re-imports as unchanged"
expect_exit 0 arctl -C "$L" --format json customer import "$D/good.jsonl"
expect_eq '[2, 2, 0]' "$(json '[d["rows"], d["created"], d["unchanged"]]' <<<"$out")" \
  "jsonl rows, created, unchanged"
expect_exit 0 arctl -C "$L" --format json customer show J2
expect_eq '["Kilo KK", "JPY", "net60", "100000"]' \
  "$(json '[d[k] for k in ("name", "currency", "terms", "credit_limit")]' <<<"$out")" "J2 fields"
before=$(event_count "$L")
expect_exit 0 arctl -C "$L" --format json customer import "$D/good.jsonl"
expect_eq '[0, 2]' "$(json '[d["created"], d["unchanged"]]' <<<"$out")" "jsonl re-import"
expect_eq "$before" "$(event_count "$L")" "events after jsonl re-import"

case_ "customer import - reads CSV from standard input"
printf 'id,name\nS1,Sierra One\nS2,Sierra Two\n' >"$D/stdin.csv"
expect_exit 0 arctl -C "$L" --format json customer import - <"$D/stdin.csv"
expect_eq '[2, 2, "-"]' "$(json '[d["rows"], d["created"], d["file"]]' <<<"$out")" \
  "stdin rows, created, file"
expect_exit 0 arctl -C "$L" --format json customer show S2
expect_eq '["Sierra Two", "USD", "net30"]' \
  "$(json '[d[k] for k in ("name", "currency", "terms")]' <<<"$out")" "S2 with ledger defaults"

case_ "customer import --format jsonl - reads JSON lines from standard input"
expect_exit 0 arctl -C "$L" --format json customer import --format jsonl - \
  <<<'{"id":"T1","name":"Tango"}'
expect_eq '[1, 1]' "$(json '[d["rows"], d["created"]]' <<<"$out")" "stdin jsonl rows, created"

case_ "customer import --dry-run reports the rows but writes nothing"
printf 'id,name\nDR1,Dry One\nDR2,Dry Two\n' >"$D/dry.csv"
before=$(event_count "$L")
expect_exit 0 arctl -C "$L" --format json customer import --dry-run "$D/dry.csv"
expect_eq '[2, true]' "$(json '[d["created"], d["dry_run"]]' <<<"$out")" "dry-run report"
expect_exit 3 arctl -C "$L" customer show DR1
expect_eq "$before" "$(event_count "$L")" "events after a dry-run import"

# bad_import FILE [ARGS...]: the import exits 4, names FILE on stderr, and
# changes nothing.
bad_import() {
  local file=$1
  shift
  local n
  n=$(event_count "$L")
  expect_exit 4 arctl -C "$L" customer import "$@" "$file"
  expect_contains "$err" "$(basename "$file")" "stderr"
  expect_eq "$n" "$(event_count "$L")" "events after a refused import"
}

case_ "an unknown currency on physical line 4 names the file, line 4 and field currency"
cat >"$D/bad_currency.csv" <<'CSV'
id,name,currency,terms,credit_limit,email
D1,Delta One,USD,net30,,
D2,Delta Two,USD,net30,,
D3,Delta Three,XYZ,net30,,
D4,Delta Four,USD,net30,,
CSV
bad_import "$D/bad_currency.csv"
expect_contains "$err" "bad_currency.csv:4:" "stderr"
expect_contains "$err" "currency" "stderr"
expect_exit 3 arctl -C "$L" customer show D1

case_ "an id repeated with different content in the same file names the second line"
cat >"$D/dup_in_file.csv" <<'CSV'
id,name,currency,terms,credit_limit,email
E1,Echo One,USD,net30,,
E2,Echo Two,USD,net30,,
E1,Echo Uno,USD,net30,,
CSV
bad_import "$D/dup_in_file.csv"
expect_contains "$err" "dup_in_file.csv:4:" "stderr"
expect_contains "$err" "field 'id'" "stderr"
expect_exit 3 arctl -C "$L" customer show E1

case_ "an id already in the ledger with a different name names its line"
cat >"$D/conflict_ledger.csv" <<'CSV'
id,name,currency,terms,credit_limit,email
F1,Foxtrot,USD,net30,,
C1,Alpha Limited,USD,net30,1000.00,a@alpha.example
CSV
bad_import "$D/conflict_ledger.csv"
expect_contains "$err" "conflict_ledger.csv:3:" "stderr"
expect_contains "$err" "field 'id'" "stderr"
expect_exit 3 arctl -C "$L" customer show F1
expect_exit 0 arctl -C "$L" --format json customer show C1
expect_eq "Alpha Ltd" "$(json 'd["name"]' <<<"$out")" "C1 name after the refused import"

case_ "a malformed quote names its line"
cat >"$D/bad_quote.csv" <<'CSV'
id,name,currency
G1,Golf,USD
C3,"Acme "x" Corp",USD
CSV
bad_import "$D/bad_quote.csv"
expect_contains "$err" "bad_quote.csv:3:" "stderr"
expect_exit 3 arctl -C "$L" customer show G1

case_ "a bad row read from standard input is located at -:LINE"
n=$(event_count "$L")
expect_exit 4 arctl -C "$L" customer import - <<<$'id,name,currency\nH1,Hotel,USD\nH2,India,ABC'
expect_contains "$err" "-:3:" "stderr"
expect_contains "$err" "currency" "stderr"
expect_eq "$n" "$(event_count "$L")" "events after a refused stdin import"

case_ "a JSON number where a string is required names the line and field"
cat >"$D/bad_type.jsonl" <<'JSONL'
{"id":"K1","name":"Kilo One"}
{"id":"K2","name":"Kilo Two","credit_limit":100}
JSONL
bad_import "$D/bad_type.jsonl"
expect_contains "$err" "bad_type.jsonl:2:" "stderr"
expect_contains "$err" "credit_limit" "stderr"

case_ "an unknown column is refused (a typo must not drop data)"
printf 'id,name,colour\nL1,Lima,red\n' >"$D/unknown_column.csv"
bad_import "$D/unknown_column.csv"
expect_contains "$err" "colour" "stderr"

case_ "a file without the required name column is refused"
printf 'id,currency\nM1,USD\n' >"$D/no_name.csv"
bad_import "$D/no_name.csv"
expect_contains "$err" "name" "stderr"

case_ "importing a missing file exits 3"
expect_exit 3 arctl -C "$L" customer import "$D/does-not-exist.csv"

case_ "the ledger checks clean after all of it"
expect_exit 0 arctl -C "$L" check
