#!/usr/bin/env bash
# End-to-end: config close.send_statements=true makes the close's statements
# step queue each statement and send it after the step commits; mail that
# cannot be delivered stays in the outbox (exit 11) and does not block the
# lock; a later `mail send` delivers it, and nothing goes twice.
source "$ARCTL_TEST_LIB"

start_ledger
a -q customer add ACME --name "Acme Corp" --email ap@acme.example >/dev/null
a -q customer add BETA --name "Beta Ltd" --email billing@beta.example >/dev/null
a -q customer add NOMAIL --name "No Mail Inc" >/dev/null
a -q customer add IDLE --name "Idle Co" --email idle@idle.example >/dev/null
for c in ACME BETA NOMAIL; do
  a -q invoice create --customer $c --id INV-$c --date 2026-03-02 --line "Goods;1;400.00" >/dev/null
done

spool="$tmp/spool"
mkdir -p "$spool" "$tmp/bin"
# Stores each message as spool/N.eml; while spool/down exists, exits 75.
cat >"$tmp/bin/sendmail" <<EOF
#!/usr/bin/env bash
if [[ -e "$spool/down" ]]; then cat >/dev/null; exit 75; fi
n=\$(ls "$spool" | grep -c '\.eml\$')
cat >"$spool/\$n.eml"
EOF
chmod +x "$tmp/bin/sendmail"
emls() { ls "$spool" | grep -c '\.eml$' || true; }
a -q config set mail.from "Acme Receivables <ar@seller.example>" >/dev/null
a -q config set mail.sendmail_path "$tmp/bin/sendmail" >/dev/null

case_ "close.send_statements is a checked key, off by default"
run a --format json config keys
expect_eq "false" "$(json '[k["default"] for k in d if k["key"] == "close.send_statements"][0]' <<<"$out")" "default"

case_ "the close queues each statement with the step; undelivered mail does not block the lock"
a -q config set close.send_statements true >/dev/null
touch "$spool/down"
expect_exit 11 a --format json close 2026-03 --out "$tmp/closes"
expect_eq "closed" "$(json 'd["status"]' <<<"$out")" "closed and locked"
step="$(json '[s for s in d["steps"] if s["step"] == "statements.statements"][0]' <<<"$out")"
expect_contains "$(json 'd["summary"]' <<<"$step")" "2 queued for e-mail, 1 without an address" "summary"
expect_eq '{"queued": 2, "no_address": 1, "earlier": 0}' "$(json 'd["figures"]["mail"]' <<<"$step")" "figures"
expect_contains "$err" "e-mail sent 0, queued 2, failed 0"
expect_eq "0" "$(emls)" "nothing delivered"
run a --format json mail outbox --status queued
expect_eq '["ACME", "BETA"]' "$(json '[r["customer"] for r in d]' <<<"$out")" "left in the outbox"
expect_contains "$(cat "$tmp/closes/2026-03/close-report.txt")" "2 queued for e-mail"

case_ "mail send delivers them once the transport is back; the close again sends nothing"
rm "$spool/down"
expect_exit 0 a --format json mail send
expect_eq '["sent", "sent"]' "$(json '[r["status"] for r in d]' <<<"$out")" "sent"
expect_eq "2" "$(emls)" "two statements"
expect_exit 0 a close 2026-03 --out "$tmp/closes"
expect_exit 0 a mail send --retry
expect_eq "2" "$(emls)" "nothing twice"
run a --format json log --type mail.sent
expect_eq '["ap@acme.example", "billing@beta.example"]' "$(json 'sorted(e["payload"]["to"] for e in d)' <<<"$out")" "journal"
