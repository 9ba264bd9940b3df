#!/usr/bin/env bash
# Customers: add, list (json, csv), show, edit; re-adding identical content is
# a no-op, different content a conflict (4), unknown ids not found (3).
source "$(dirname "$0")/lib.sh"

L="$tmp/ledger"
new_ledger "$L"
base=$(event_count "$L")

case_ "customer add creates a customer and journals it"
expect_exit 0 arctl -C "$L" --format json customer add ACME --name "Acme Industrial" \
  --currency USD --terms net30 --credit-limit 50000.00 --email ap@acme.example
expect_eq created "$(json 'd["outcome"]' <<<"$out")" "outcome"
expect_exit 0 arctl -C "$L" customer add BETA --name "Beta GmbH" --currency EUR --terms net45
expect_exit 0 arctl -C "$L" customer add GAMMA --name "Gamma, Inc." --currency USD
expect_eq $((base + 3)) "$(event_count "$L")" "events after three adds"
expect_exit 0 arctl -C "$L" --format json log --type customer.added
expect_eq '["GAMMA", "BETA", "ACME"]' "$(json '[e["payload"]["id"] for e in d]' <<<"$out")" \
  "customer.added payload ids, newest first"

case_ "customer list --format json gives every field"
expect_exit 0 arctl -C "$L" --format json customer list
expect_eq 3 "$(json 'len(d)' <<<"$out")" "customers listed"
expect_eq '["ACME", "BETA", "GAMMA"]' "$(json '[c["id"] for c in d]' <<<"$out")" "ids in order"
expect_eq '["Acme Industrial", "USD", "net30", "50000.00", "ap@acme.example", "active"]' \
  "$(json '[d[0][k] for k in ("name", "currency", "terms", "credit_limit", "email", "status")]' <<<"$out")" \
  "ACME fields"
expect_eq '["EUR", "net45", null]' \
  "$(json '[d[1][k] for k in ("currency", "terms", "credit_limit")]' <<<"$out")" "BETA fields"
expect_eq '["0.00", 0]' "$(json '[d[0]["balance"], d[0]["open_items"]]' <<<"$out")" \
  "ACME balance and open items"

case_ "customer list --format csv is a header and one quoted row per customer"
expect_exit 0 arctl -C "$L" --format csv customer list
expect_eq 4 "$(csv 'len(rows)' <<<"$out")" "csv records (header + 3)"
expect_eq '["id", "name", "currency", "terms", "credit_limit", "email", "status"]' \
  "$(csv 'rows[0][:7]' <<<"$out")" "csv header"
expect_eq '["ACME", "Acme Industrial", "USD", "net30", "50000.00", "ap@acme.example", "active"]' \
  "$(csv 'rows[1][:7]' <<<"$out")" "csv ACME row"
expect_eq "Gamma, Inc." "$(csv 'rows[3][1]' <<<"$out")" "a name with a comma survives CSV"
expect_eq 'id,name,currency,terms,credit_limit,email,status' \
  "$(head -n 1 <<<"$out" | cut -d, -f1-7)" "csv header line"

case_ "customer show gives one customer with its balance and open items"
expect_exit 0 arctl -C "$L" --format json customer show ACME
expect_eq '["ACME", "Acme Industrial", "50000.00", "0.00", "0.00", "0.00", []]' \
  "$(json '[d[k] for k in ("id", "name", "credit_limit", "receivable", "unapplied", "balance", "open_items")]' <<<"$out")" \
  "ACME shown"

case_ "customer show of an unknown id exits 3"
expect_exit 3 arctl -C "$L" customer show NOPE
expect_contains "$err" "NOPE" "stderr"

case_ "adding an existing id with the same content is reported unchanged"
before=$(event_count "$L")
expect_exit 0 arctl -C "$L" --format json customer add ACME --name "Acme Industrial" \
  --currency USD --terms net30 --credit-limit 50000.00 --email ap@acme.example
expect_eq unchanged "$(json 'd["outcome"]' <<<"$out")" "outcome"
expect_eq "$before" "$(event_count "$L")" "events after an unchanged add"

case_ "adding an existing id with different content is a conflict (4)"
expect_exit 4 arctl -C "$L" customer add ACME --name "Acme Other" --currency USD
expect_contains "$err" "ACME" "stderr"
expect_eq "$before" "$(event_count "$L")" "events after a conflicting add"
expect_exit 0 arctl -C "$L" --format json customer show ACME
expect_eq "Acme Industrial" "$(json 'd["name"]' <<<"$out")" "name after the refused add"

case_ "invalid customer content is a validation failure (4)"
expect_exit 4 arctl -C "$L" customer add BAD1 --name "Bad" --credit-limit=-5.00
expect_exit 4 arctl -C "$L" customer add BAD2 --name "Bad" --currency XYZ
expect_exit 3 arctl -C "$L" customer show BAD1
expect_eq "$before" "$(event_count "$L")" "events after refused adds"

case_ "customer add --dry-run reports but writes nothing"
expect_exit 0 arctl -C "$L" --format json customer add DRY --name "Dry Run Ltd" --dry-run
expect_eq '["created", true]' "$(json '[d["outcome"], d["dry_run"]]' <<<"$out")" "dry-run report"
expect_exit 3 arctl -C "$L" customer show DRY
expect_eq "$before" "$(event_count "$L")" "events after a dry run"

case_ "customer edit changes the named fields and journals before and after"
expect_exit 0 arctl -C "$L" --format json customer edit ACME --name "Acme Industrial Supply" \
  --email billing@acme.example
expect_exit 0 arctl -C "$L" --format json customer show ACME
expect_eq '["Acme Industrial Supply", "billing@acme.example", "net30", "50000.00"]' \
  "$(json '[d[k] for k in ("name", "email", "terms", "credit_limit")]' <<<"$out")" "edited ACME"
expect_eq $((before + 1)) "$(event_count "$L")" "events after an edit"
expect_exit 0 arctl -C "$L" --format json log --type customer.updated
expect_eq '["Acme Industrial", "Acme Industrial Supply"]' \
  "$(json '[d[0]["payload"]["before"]["name"], d[0]["payload"]["after"]["name"]]' <<<"$out")" \
  "customer.updated payload"

case_ "customer edit of an unknown id exits 3"
expect_exit 3 arctl -C "$L" customer edit NOPE --name "Nobody"

case_ "an inactive customer leaves the default list but not --status all"
expect_exit 0 arctl -C "$L" customer edit BETA --status inactive
expect_exit 0 arctl -C "$L" --format json customer list
expect_eq '["ACME", "GAMMA"]' "$(json '[c["id"] for c in d]' <<<"$out")" "active customers"
expect_exit 0 arctl -C "$L" --format json customer list --status all
expect_eq '["ACME", "BETA", "GAMMA"]' "$(json '[c["id"] for c in d]' <<<"$out")" "all customers"

case_ "a new currency keeps the credit limit's amount, not its minor units"
expect_exit 0 arctl -C "$L" customer add CURX --name "Currency Change" --credit-limit 50000.00
expect_exit 0 arctl -C "$L" --format json customer edit CURX --currency JPY
expect_eq '["JPY", "50000"]' "$(json '[d["currency"], d["credit_limit"]]' <<<"$out")" "USD to JPY"
expect_exit 0 arctl -C "$L" --format json customer edit CURX --currency EUR
expect_eq '["EUR", "50000.00"]' "$(json '[d["currency"], d["credit_limit"]]' <<<"$out")" "JPY to EUR"
expect_exit 0 arctl -C "$L" customer edit CURX --credit-limit 1234.56
before=$(event_count "$L")
expect_exit 4 arctl -C "$L" customer edit CURX --currency JPY
expect_contains "$err" "--currency" "names the option"
expect_contains "$err" "1234.56 cannot be written in JPY" "says why"
expect_eq "$before" "$(event_count "$L")" "nothing written"
expect_exit 0 arctl -C "$L" --format json customer edit CURX --currency JPY --credit-limit 200000
expect_eq '["JPY", "200000"]' "$(json '[d["currency"], d["credit_limit"]]' <<<"$out")" "with a new limit"

case_ "the ledger checks clean after all of it"
expect_exit 0 arctl -C "$L" check
