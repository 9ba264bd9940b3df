#!/usr/bin/env bash
# Spreadsheets: --format xlsx --out FILE on the list and report commands,
# read back with openpyxl. Amounts are number cells and dates date cells,
# never text; each sheet has a bold frozen header and an autofilter; aging's
# totals row holds =SUM() (one currency) or =SUMIF() (several) formulas whose
# cached values, and whose sums recomputed from the cells, equal the CSV.
# A workbook is refused on a terminal without --out (exit 2), goes to a pipe
# or a file otherwise, and the same command writes the same bytes twice.
source "$(dirname "$0")/lib.sh"

start_ledger A "Alpha Ltd" B "Beta GmbH" 1001 "Numbered Inc"
a -q customer add E --name "Euro SA" --currency EUR >/dev/null
a -q customer add J --name "Yen KK" --currency JPY >/dev/null
a -q customer add F --name '=HYPERLINK("http://x.example","click")' >/dev/null
a -q invoice create --customer A --id I1 --date 2026-01-10 --line "Goods;1;1234.50" >/dev/null
a -q invoice create --customer A --id I2 --date 2026-03-20 --line "Goods;3;100.25" >/dev/null
a -q invoice create --customer B --id I3 --date 2025-12-01 --line "Goods;1;99999.99" >/dev/null
a -q invoice create --customer 1001 --id 0042 --date 2026-02-11 --line "Goods;1;10.00" >/dev/null
a -q invoice create --customer E --id E1 --date 2026-02-01 --line "Goods;1;500.00" >/dev/null
a -q invoice create --customer J --id J1 --date 2026-02-01 --line "Goods;1;15000" >/dev/null
a -q payment record --customer A --id P1 --amount 200.00 --date 2026-03-25 >/dev/null

# xl FILE PYTHON: evaluates PYTHON with `wb` (formulas) and `wv` (cached
# values) loaded from FILE by openpyxl; prints the result.
xl() {
  python3 - "$1" "$2" <<'PY'
import sys, json, datetime, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
wv = openpyxl.load_workbook(sys.argv[1], data_only=True)
def rows(ws):
    it = ws.iter_rows(values_only=True)
    head = next(it)
    return [dict(zip(head, r)) for r in it]
def is_num(v): return isinstance(v, (int, float)) and not isinstance(v, bool)
def is_date(v): return isinstance(v, datetime.datetime)
r = eval(sys.argv[2])
print(r if isinstance(r, str) else json.dumps(r, default=str))
PY
}

case_ "aging: numbers, a bold frozen header, an autofilter"
expect_exit 0 a --format xlsx aging --out "$tmp/aging.xlsx"
expect_eq "" "$out" "nothing on standard output"
expect_eq '["aging"]' "$(xl "$tmp/aging.xlsx" 'wb.sheetnames')" "sheet named for the command"
ws='wb["aging"]'
expect_eq "true" "$(xl "$tmp/aging.xlsx" "all(c.font.b for c in $ws[1])" | tr T t)" "header bold"
expect_eq "A2" "$(xl "$tmp/aging.xlsx" "$ws.freeze_panes")" "header frozen"
expect_match "$(xl "$tmp/aging.xlsx" "$ws.auto_filter.ref")" '^A1:[A-Z]+[0-9]+$' "autofilter"
expect_eq "true" "$(xl "$tmp/aging.xlsx" "all($ws.column_dimensions[c].width >= 8 for c in 'ABCDE')" | tr T t)" \
  "column widths"
run a --format csv aging
csv_aging=$out
printf '%s\n' "$csv_aging" >"$tmp/aging.csv"
expect_eq "ok" "$(xl "$tmp/aging.xlsx" '
(lambda csvrows: "ok" if len(csvrows) == len(rows(wv["aging"])) and all(
    is_num(x[k]) and abs(x[k] - float(c[k])) < 1e-9
    for x, c in zip(rows(wv["aging"]), csvrows)
    for k in ("current","1-30","31-60","61-90","91-120",">120","credits","total"))
  else "differs")(list(__import__("csv").DictReader(open("'"$tmp"'/aging.csv"))))')" \
  "every amount a number equal to the CSV"
expect_eq '"1001"' "$(xl "$tmp/aging.xlsx" 'json.dumps([x["customer"] for x in rows(wb["aging"]) if x["customer"] == "1001"][0])')" \
  "a numeric-looking customer id stays text"
expect_eq '"#,##0.00"' "$(xl "$tmp/aging.xlsx" 'json.dumps(wb["aging"].cell(row=2, column=[c.value for c in wb["aging"][1]].index("total")+1).number_format)')" \
  "a two-decimal number format"
expect_eq '"#,##0"' "$(xl "$tmp/aging.xlsx" 'json.dumps([wb["aging"].cell(row=i+2, column=[c.value for c in wb["aging"][1]].index("total")+1).number_format for i, x in enumerate(rows(wb["aging"])) if x["currency"] == "JPY"][0])')" \
  "yen: no decimals, still a number"

case_ "aging: the totals row holds SUMIF formulas per currency equal to the printed totals"
expect_eq "ok" "$(xl "$tmp/aging.xlsx" '
(lambda f, v, csvrows: "ok" if all(
    str(f[i]["total"]).startswith("=SUMIF(") and abs(v[i]["total"] - float(c["total"])) < 1e-9
    for i, c in enumerate(csvrows) if c["row"] == "total") and sum(c["row"] == "total" for c in csvrows) == 3
  else [f[i]["total"] for i, c in enumerate(csvrows) if c["row"] == "total"])(
  rows(wb["aging"]), rows(wv["aging"]), list(__import__("csv").DictReader(open("'"$tmp"'/aging.csv"))))')" \
  "cached values equal the CSV totals"
# Recompute each formula from the cells it names.
expect_eq "ok" "$(xl "$tmp/aging.xlsx" '
(lambda ws: (lambda evalf: "ok" if all(
    abs(evalf(c.value) - wv["aging"][c.coordinate].value) < 1e-9
    for row in ws.iter_rows(min_row=2) for c in row if isinstance(c.value, str) and c.value.startswith("="))
  else "differs")(
  lambda f: (lambda crit, rng: sum(ws[rng.split(":")[0][0] + str(i)].value or 0
      for i in range(int(rng.split(":")[0][1:]), int(rng.split(":")[1][1:]) + 1)
      if ws[crit.split(":")[0].rstrip("0123456789") + str(i)].value == f.split("\"")[1]))(
    f[len("=SUMIF("):].split(",")[0], f.split(",")[-1].rstrip(")"))))(wv["aging"])')" \
  "SUMIF recomputed from the cells"

case_ "one currency: a plain =SUM()"
expect_exit 0 a --format xlsx aging --customer A --out "$tmp/usd.xlsx"
expect_match "$(xl "$tmp/usd.xlsx" '[x["total"] for x in rows(wb["aging"]) if x["row"] == "total"][0]')" \
  '^=SUM\([A-Z]+2:[A-Z]+[0-9]+\)$' "SUM formula"

case_ "invoice list: dates are date cells, amounts numbers, ids text"
expect_exit 0 a --format xlsx invoice list --out "$tmp/inv.xlsx"
expect_eq "ok" "$(xl "$tmp/inv.xlsx" '
(lambda r: "ok" if all(is_date(x["issued"]) and is_date(x["due"]) for x in r)
   and [x["id"] for x in r if x["id"] == "0042"] == ["0042"] else r)(rows(wb[wb.sheetnames[0]]))')" "types"
expect_eq '"2026-01-10"' "$(xl "$tmp/inv.xlsx" 'json.dumps([x["issued"].date().isoformat() for x in rows(wb[wb.sheetnames[0]]) if x["id"] == "I1"][0])')" "the date's value"
expect_eq '"yyyy-mm-dd"' "$(xl "$tmp/inv.xlsx" 'json.dumps([c for c in wb[wb.sheetnames[0]][2] if isinstance(c.value, datetime.datetime)][0].number_format)')" \
  "date format"
a --format json invoice list >"$tmp/inv.json"
expect_eq "ok" "$(xl "$tmp/inv.xlsx" '
(lambda j, r: "ok" if all(
    all((is_num(x[k]) and abs(x[k] - float(v)) < 1e-9) if isinstance(v, str) and __import__("re").fullmatch(r"-?\d+\.\d+", v) else True
        for k, v in o.items()) for o, x in zip(j, r)) and len(j) == len(r) else "differs")(
  json.loads(open("'"$tmp"'/inv.json").read()), rows(wb[wb.sheetnames[0]]))')" "every amount a number equal to the JSON"

case_ "payment list, customer list, statement and reports open with typed cells"
expect_exit 0 a --format xlsx payment list --out "$tmp/pay.xlsx"
expect_eq "ok" "$(xl "$tmp/pay.xlsx" '(lambda r: "ok" if r and all(is_num(x["amount"]) and is_date(x["date"]) for x in r) else r)(rows(wb[wb.sheetnames[0]]))')" "payments"
expect_exit 0 a --format xlsx customer list --out "$tmp/cust.xlsx"
expect_eq "6" "$(xl "$tmp/cust.xlsx" 'len(rows(wb[wb.sheetnames[0]]))')" "customers"
expect_eq "s" "$(xl "$tmp/cust.xlsx" '[c for c in wb[wb.sheetnames[0]]["B"] if str(c.value).startswith("=HYPERLINK")][0].data_type')" \
  "a name that looks like a formula is text"
expect_exit 0 a statement A --format xlsx --out "$tmp/stmt.xlsx"
run a --format json statement A
closing=$(json 'd["closing_balance"]' <<<"$out")
expect_eq "ok" "$(xl "$tmp/stmt.xlsx" '(lambda h: "ok" if is_num(h["closing_balance"]) and abs(h["closing_balance"] - float("'"$closing"'")) < 1e-9 else h)(rows(wv[wv.sheetnames[0]])[0])')" \
  "statement: the closing balance a number equal to the JSON's"
expect_eq "ok" "$(xl "$tmp/stmt.xlsx" '"ok" if "lines" in wb.sheetnames and all(is_date(x["date"]) for x in rows(wb["lines"])) else wb.sheetnames')" \
  "statement lines on their own sheet, dated"
for r in "report credits" "report dso" "worklist" "report behavior"; do
  # shellcheck disable=SC2086
  expect_exit 0 a --format xlsx $r --out "$tmp/r.xlsx"
  expect_eq "true" "$(xl "$tmp/r.xlsx" 'wb[wb.sheetnames[0]].freeze_panes == "A2"' | tr T t)" "$r"
done

case_ "a terminal is refused without --out (exit 2); a pipe gets the bytes"
# script(1) gives arctl a terminal as standard output.
expect_exit 2 script -qec "$ARCTL_BIN -C $L --format xlsx aging" /dev/null
expect_contains "$out" "--out FILE" "says what to do"
expect_exit 0 script -qec "$ARCTL_BIN -C $L --format xlsx aging --out $tmp/tty.xlsx" /dev/null
expect_eq "true" "$(cmp -s "$tmp/tty.xlsx" "$tmp/aging.xlsx" && echo true)" "a terminal with --out"
a --format xlsx aging >"$tmp/piped.xlsx"
expect_eq "0" "$?" "to a pipe"
expect_eq "true" "$(cmp -s "$tmp/piped.xlsx" "$tmp/aging.xlsx" && echo true)" "the same bytes as --out"

case_ "the same command writes the same file again"
expect_exit 0 a --format xlsx aging --out "$tmp/aging2.xlsx"
expect_eq "true" "$(cmp -s "$tmp/aging2.xlsx" "$tmp/aging.xlsx" && echo true)" "byte-identical"

case_ "--out with a text format writes the file whole"
expect_exit 0 a --format csv aging --out "$tmp/out.csv"
expect_eq "$csv_aging" "$(cat "$tmp/out.csv")" "the same as standard output"
expect_exit 1 a --format xlsx aging --out /proc/arctl-no-such-dir/a.xlsx
expect_contains "$err" "/proc/arctl-no-such-dir" "names the path"
expect_eq "0" "$(find "$tmp" -name '.*.xlsx.*' | wc -l)" "no temporary file left"
