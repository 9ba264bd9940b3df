#!/usr/bin/env bash
# End-to-end: statements of account on the fixture ledger: opening + activity
# = closing = the balance as of --to; HTML escaping; a PDF that opens, has the
# closing balance in its text and breaks long statements over pages.
source "$ARCTL_TEST_LIB"
source "$FIXTURES/ledger.sh"

L="$tmp/ledger"
fixture_ledger "$L"
a() { arctl -C "$L" "$@"; }

case_ "opening + activity = closing = aging total as of --to"
expect_exit 0 a statement ACME --from 2026-01-01 --to 2026-03-31 --format json
expect_eq "1000.00" "$(json 'd["opening_balance"]' <<<"$out")" "opening"
expect_eq "750.00" "$(json 'd["debits"]' <<<"$out")" "debits"
expect_eq "1400.00" "$(json 'd["credits"]' <<<"$out")" "credits"
expect_eq "350.00" "$(json 'd["closing_balance"]' <<<"$out")" "closing"
expect_eq '["1500.00", "500.00", "500.00", "750.00", "350.00", "350.00"]' "$(json '[l["balance"] for l in d["lines"]]' <<<"$out")" "running balance"
expect_eq '["invoice", "receipt", "applied", "invoice", "receipt", "applied"]' "$(json '[l["type"] for l in d["lines"]]' <<<"$out")" "line types"
expect_eq "True" "$(json 'str(abs(float(d["opening_balance"]) + float(d["debits"]) - float(d["credits"]) - float(d["closing_balance"])) < 0.001)' <<<"$out")" "opening + activity = closing"
expect_eq '["0.00", "250.00", "300.00"]' "$(json '[a["amount"] for a in d["aging"][:3]]' <<<"$out")" "aging summary"
expect_eq '["credits", "-200.00"]' "$(json '[d["aging"][-1]["bucket"], d["aging"][-1]["amount"]]' <<<"$out")" \
  "unapplied cash is a credits row, not current"
st="$out"
run a --format json aging --as-of 2026-03-31 --customer ACME
expect_eq "$(json 'd["closing_balance"]' <<<"$st")" "$(json '[r["total"] for r in d if r["row"]=="customer"][0]' <<<"$out")" "closing = aging total as of --to"
run a --format json customer show ACME
expect_eq "350.00" "$(json 'd["balance"]' <<<"$out")" "closing = customer balance today"

case_ "an earlier --to gives the balance as of that day"
expect_exit 0 a statement ACME --from 2026-01-01 --to 2026-02-15 --format json
expect_eq "500.00" "$(json 'd["closing_balance"]' <<<"$out")" "closing as of 02-15"
run a --format json aging --as-of 2026-02-15 --customer ACME
expect_eq "500.00" "$(json '[r["total"] for r in d if r["row"]=="customer"][0]' <<<"$out")" "aging total as of 02-15"

case_ "csv: opening and closing rows around the lines"
expect_exit 0 a statement ACME --from 2026-01-01 --to 2026-03-31 --format csv
expect_eq '["opening", "1000.00"]' "$(csv '[rows[1][1], rows[1][7]]' <<<"$out")" "opening row"
expect_eq '["closing", "350.00"]' "$(csv '[rows[-1][1], rows[-1][7]]' <<<"$out")" "closing row"

case_ "text: closing balance and remittance slip"
expect_exit 0 a statement ACME --from 2026-01-01 --to 2026-03-31
expect_match "$out" "Closing balance +350\.00 USD" "text closing"
expect_contains "$out" "REMITTANCE" "remittance slip"
expect_match "$out" "Amount due: +350\.00 USD" "amount due"

case_ "html escapes every field"
expect_exit 0 a statement ACME --from 2026-01-01 --to 2026-03-31 --format html --out "$tmp/acme.html"
html="$(cat "$tmp/acme.html")"
expect_contains "$html" "Acme &lt;Industrial&gt; &amp; Sons" "escaped name"
expect_not_contains "$html" "<Industrial>" "raw name"
expect_contains "$html" "<strong>350.00 USD</strong>" "closing in html"
expect_exit 0 a statement BETA --format html
expect_contains "$out" "Beta &quot;Quoted&quot; Ltd" "escaped quotes"

case_ "a ledger's templates/ overrides the installed template"
mkdir -p "$L/templates"
printf 'CUSTOM {{{customer}}} {{{closing_balance}}}\n' >"$L/templates/statement.txt.mustache"
expect_exit 0 a statement ACME --to 2026-03-31
expect_eq "CUSTOM ACME 350.00" "$out" "override"
rm -r "$L/templates"

case_ "pdf opens and has the closing balance in its text"
expect_exit 0 a statement ACME --from 2026-01-01 --to 2026-03-31 --format pdf --out "$tmp/acme.pdf"
expect_exit 0 pdfinfo "$tmp/acme.pdf"
expect_match "$out" "Pages: +1" "one page"
expect_exit 0 pdftotext -layout "$tmp/acme.pdf" -
expect_match "$out" "Closing balance +350\.00 USD" "pdf closing"
expect_contains "$out" "Acme <Industrial> & Sons" "pdf name"

case_ "a long statement breaks over pages with the closing balance on the last"
a -q customer add LONG --name "Long History" >/dev/null
{
  echo "id,customer,date,amount"
  for i in $(seq 1 150); do printf 'L%03d,LONG,2026-03-%02d,10.00\n' "$i" $(( (i % 28) + 1 )); done
} >"$tmp/long.csv"
a -q invoice import "$tmp/long.csv" >/dev/null
expect_exit 0 a statement LONG --from 2026-03-01 --to 2026-03-31 --format pdf --out "$tmp/long.pdf"
run pdfinfo "$tmp/long.pdf"
pages="$(sed -n 's/^Pages: *//p' <<<"$out")"
expect_true "several pages ($pages)" test "$pages" -ge 3
run pdftotext -f "$pages" -l "$pages" -layout "$tmp/long.pdf" -
expect_match "$out" "Closing balance +1,?500\.00 USD" "closing on the last page"
run pdftotext -f 2 -l 2 -layout "$tmp/long.pdf" -
expect_contains "$out" "(continued)" "continuation header"
expect_contains "$out" "Balance" "table header repeated"

case_ "usage errors"
expect_exit 2 a statement
expect_exit 2 a statement ACME --all --out "$tmp/x"
expect_exit 2 a statement --all
expect_exit 3 a statement NOPE
expect_exit 2 a statement ACME --format docx
