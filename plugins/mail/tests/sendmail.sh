#!/usr/bin/env bash
# End-to-end: statements by e-mail through the sendmail transport, with a stub
# sendmail (the interface itself) that stores its arguments and input: the
# message and its PDF, once per period; a temporary failure left queued and
# sent by `mail send`; a transmit killed midway left for review, never resent
# by itself; cancel, show, --dry-run, and the configuration checks.
source "$ARCTL_TEST_LIB"

start_ledger
a -q customer add ACME --name "Acme Corp" --email ap@acme.example >/dev/null
a -q customer add BETA --name "Beta Ltd" --email billing@beta.example >/dev/null
a -q customer add NOMAIL --name "No Mail Inc" >/dev/null
for c in ACME BETA NOMAIL; do
  a -q invoice create --customer $c --id INV-$c --date 2026-03-02 --line "Goods;1;1250.00" >/dev/null
done

spool="$tmp/spool"
mkdir -p "$spool" "$tmp/bin"
# The stub: stores its arguments and standard input as spool/N.args and N.eml,
# then exits 0; exits 75 once when spool/fail-once exists; kills the arctl
# that ran it when spool/kill exists.
cat >"$tmp/bin/sendmail" <<EOF
#!/usr/bin/env bash
n=\$(ls "$spool" | grep -c '\.eml\$')
printf '%s\n' "\$@" >"$spool/\$n.args"
cat >"$spool/\$n.eml"
if [[ -e "$spool/kill" ]]; then rm "$spool/kill"; kill -KILL \$PPID; sleep 5; fi
if [[ -e "$spool/fail-once" ]]; then rm "$spool/fail-once" "$spool/\$n.eml"; exit 75; fi
exit 0
EOF
chmod +x "$tmp/bin/sendmail"
emls() { ls "$spool" | grep -c '\.eml$' || true; }
# header FILE NAME: a header of the stored message, decoded.
header() {
  python3 -c '
import email, email.header, email.policy, sys
m = email.message_from_binary_file(open(sys.argv[1], "rb"), policy=email.policy.default)
print(str(m[sys.argv[2]]))' "$1" "$2"
}

case_ "without mail.from nothing is queued: exit 4 naming the key"
expect_exit 4 a statement ACME --send
expect_contains "$err" "mail.from"
run a --format json mail outbox
expect_eq "0" "$(json 'len(d)' <<<"$out")" "outbox empty"

case_ "config: a transport URL with a password, a bad address or STARTTLS mode is refused"
expect_exit 4 a config set mail.transport "smtp://ar:secret@mail.example:587"
expect_contains "$err" "password"
expect_exit 4 a config set mail.transport "ftp://mail.example"
expect_exit 4 a config set mail.from "not an address"
expect_exit 4 a config set mail.starttls sometimes
expect_exit 0 a config set mail.from "Acme Receivables <ar@seller.example>"
expect_exit 0 a config set mail.sendmail_path "$tmp/bin/sendmail"
expect_exit 0 a config set mail.reply_to "collections@seller.example"

case_ "statement --send: one message with the PDF, through sendmail -t -oi"
expect_exit 0 a --format json statement ACME --send
expect_eq '["ACME", "ap@acme.example", "sent"]' "$(json '[d[0]["customer"], d[0]["to"], d[0]["status"]]' <<<"$out")" "row"
mid="$(json 'd[0]["message_id"]' <<<"$out")"
expect_match "$mid" '^<arctl\.statement\.ACME\.2026-03-01\.2026-03-31\.[0-9a-f]{12}\.[0-9a-f]{10}@seller\.example>$' "Message-ID"
expect_eq "1" "$(emls)" "one message"
expect_eq "$(printf -- '-t\n-oi')" "$(cat "$spool/0.args")" "sendmail arguments"
expect_eq "Acme Corp <ap@acme.example>" "$(header "$spool/0.eml" To)" "To: the customer's name and e-mail"
expect_eq "Acme Receivables <ar@seller.example>" "$(header "$spool/0.eml" From)" "From"
expect_eq "collections@seller.example" "$(header "$spool/0.eml" Reply-To)" "Reply-To"
expect_eq "$mid" "$(header "$spool/0.eml" Message-ID)" "Message-ID header"
expect_contains "$(header "$spool/0.eml" Subject)" "Statement of account ACME" "Subject"
python3 - "$spool/0.eml" "$tmp/acme.pdf" <<'PY' || fail "the attachment is not the statement PDF"
import email, email.policy, sys
m = email.message_from_binary_file(open(sys.argv[1], "rb"), policy=email.policy.default)
parts = [p for p in m.iter_attachments()]
assert len(parts) == 1, parts
assert parts[0].get_content_type() == "application/pdf"
assert parts[0].get_filename() == "statement-ACME-2026-03-31.pdf", parts[0].get_filename()
data = parts[0].get_content()
assert data.startswith(b"%PDF"), data[:10]
open(sys.argv[2], "wb").write(data)
body = m.get_body(("plain",)).get_content()
assert "1250.00" in body, body
PY
checks=$((checks + 1))
run pdftotext -layout "$tmp/acme.pdf" -
expect_match "$out" "Closing balance +1,?250\.00 USD" "the PDF's closing balance"
run a --format json mail outbox
expect_eq '[["sent", "ACME", 1]]' "$(json '[[r["status"], r["customer"], r["attempts"]] for r in d]' <<<"$out")" "outbox"
run a --format json log --type mail.sent
expect_eq '["ap@acme.example", "sendmail: exit 0"]' "$(json '[d[0]["payload"]["to"], d[0]["payload"]["reply"]]' <<<"$out")" "journal: mail.sent"
expect_eq "$mid" "$(json 'd[0]["payload"]["message_id"]' <<<"$out")" "journal: Message-ID"

case_ "the same statement again sends nothing: already sent"
expect_exit 0 a --format json statement ACME --send
expect_eq '["sent", "already sent"]' "$(json '[d[0]["status"], d[0]["reason"]]' <<<"$out")" "row"
expect_eq "1" "$(emls)" "still one message"

case_ "a customer with no address is listed as not sent, with the reason"
expect_exit 0 a --format json statement NOMAIL --send
expect_eq '["not sent", "no e-mail address"]' "$(json '[d[0]["status"], d[0]["reason"]]' <<<"$out")" "row"

case_ "mail show: headers, recipients, attachments and history; --raw is what was sent"
expect_exit 0 a --format json mail show 1
expect_eq '"Acme Corp" <ap@acme.example>' "$(json 'd["headers"]["To"]' <<<"$out")" "To"
expect_eq '["ap@acme.example"]' "$(json 'd["recipients"]' <<<"$out")" "recipients"
expect_match "$(json 'd["attachments"][0]' <<<"$out")" '^statement-ACME-2026-03-31\.pdf \(application/pdf, [0-9]+ bytes\)$' "attachment"
expect_eq "3" "$(json 'len(d["history"])' <<<"$out")" "queued, sending, sent"
a mail show 1 --raw | tr -d '\r' >"$tmp/raw.eml"
expect_true "--raw equals what sendmail got" cmp -s "$tmp/raw.eml" "$spool/0.eml"

case_ "sendmail exit 75 leaves the message queued (exit 11); mail send delivers it once"
touch "$spool/fail-once"
expect_exit 11 a --format json statement BETA --send
expect_eq '["queued", "sendmail: exit 75 (temporary failure)"]' "$(json '[d[0]["status"], d[0]["reason"]]' <<<"$out")" "row"
expect_contains "$err" "sent 0, queued 1, failed 0"
expect_eq "1" "$(emls)" "nothing delivered"
run a --format json log --type mail.failed
expect_eq '["queued"]' "$(json '[e["payload"]["status"] for e in d]' <<<"$out")" "journal: mail.failed"
expect_exit 0 a --format json mail send
expect_eq '[["billing@beta.example", "sent", 2]]' "$(json '[[r["to"], r["status"], r["attempts"]] for r in d]' <<<"$out")" "sent on the second attempt"
expect_eq "2" "$(emls)" "delivered"
expect_exit 0 a --format json mail send
expect_eq "0" "$(json 'len(d)' <<<"$out")" "nothing left to send"
expect_eq "2" "$(emls)" "nothing sent twice"

case_ "a transmit killed midway leaves the message sending: never resent by itself"
touch "$spool/kill"
expect_exit 137 a statement ACME --from 2026-02-01 --to 2026-02-28 --send
expect_eq "3" "$(emls)" "the stub got it once"
run a --format json mail outbox --status sending
expect_eq '[[3, "ACME"]]' "$(json '[[r["id"], r["customer"]] for r in d]' <<<"$out")" "left sending"
expect_exit 11 a --format json mail send
expect_eq "sending" "$(json 'd[0]["status"]' <<<"$out")" "reported as sending"
expect_contains "$(json 'd[0]["reply"]' <<<"$out")" "may have been delivered"
expect_contains "$err" "1 to review"
expect_eq "3" "$(emls)" "not sent again"
expect_exit 11 a --format json mail send --retry
expect_eq "3" "$(emls)" "not even with --retry"
expect_exit 0 a --format json mail show 3
expect_contains "$(json 'd["review"]' <<<"$out")" "mail send --resend ID"

case_ "after review: --resend sends it; a sent message is never resent"
expect_exit 0 a --format json mail send --resend 3
expect_eq '["sent", 2]' "$(json '[d[0]["status"], d[0]["attempts"]]' <<<"$out")" "resent"
expect_eq "4" "$(emls)" "sent"
expect_exit 4 a mail send --resend 3
expect_contains "$err" "never sent again"
expect_exit 3 a mail send --resend 99

case_ "mail cancel takes a queued message out; cancelling a sent one is refused"
touch "$spool/fail-once"
expect_exit 11 a statement BETA --from 2026-02-01 --to 2026-02-28 --send
expect_exit 0 a mail cancel 4
expect_exit 0 a --format json mail outbox --status cancelled
expect_eq '[4]' "$(json '[r["id"] for r in d]' <<<"$out")" "cancelled"
expect_exit 0 a mail send
expect_eq "4" "$(emls)" "a cancelled message is not sent"
expect_exit 4 a mail cancel 1
run a --format json log --type mail.cancelled
expect_eq '["queued"]' "$(json '[e["payload"]["previous"] for e in d]' <<<"$out")" "journal"
expect_exit 2 a mail outbox --status lost

case_ "--dry-run prints what it would send and records nothing"
before="$(event_count "$L")"
expect_exit 0 a --format json statement ACME --from 2026-01-01 --to 2026-01-31 --send --dry-run
expect_eq '["would send", "ap@acme.example"]' "$(json '[d[0]["status"], d[0]["to"]]' <<<"$out")" "row"
expect_match "$(json 'd[0]["attachments"][0]' <<<"$out")" '^statement-ACME-2026-01-31\.pdf \([0-9]+ bytes\)$' "attachment and size"
expect_eq "$before" "$(event_count "$L")" "nothing journaled"
expect_eq "4" "$(emls)" "nothing sent"

case_ "mail.bcc reaches sendmail as a Bcc header (sendmail -t reads and removes it)"
expect_exit 0 a config set mail.bcc "archive@seller.example"
expect_exit 0 a statement ACME --from 2026-01-01 --to 2026-01-31 --send
expect_eq "5" "$(emls)" "sent"
expect_eq "Bcc: archive@seller.example" "$(head -1 "$spool/4.eml")" "Bcc header first"
expect_eq "$(printf -- '-t\n-oi')" "$(cat "$spool/4.args")" "no extra arguments"
run a mail show 5 --raw
expect_not_contains "$out" "Bcc:" "the stored message has no Bcc header"

case_ "after a reopen and a correction the corrected statement is a new message; the first stays sent"
n0="$(emls)"
a -q config unset mail.bcc >/dev/null
a -q period lock 2026-03-31 >/dev/null
a -q period reopen --reason "damaged goods credit" >/dev/null
a -q invoice credit INV-ACME --amount 50.00 --reason damaged --date 2026-03-20 >/dev/null
expect_exit 0 a --format json statement ACME --send
expect_eq '["sent", "sendmail: exit 0"]' "$(json '[d[0]["status"], d[0]["reason"]]' <<<"$out")" "row: sent, not already sent"
mid2="$(json 'd[0]["message_id"]' <<<"$out")"
expect_match "$mid2" '^<arctl\.statement\.ACME\.2026-03-01\.2026-03-31\.[0-9a-f]{12}\.[0-9a-f]{10}@seller\.example>$' "Message-ID"
[[ "$mid2" != "$mid" ]] || fail "the corrected statement reused the first Message-ID $mid"
expect_eq "$((n0 + 1))" "$(emls)" "a second message"
expect_eq "$mid2" "$(header "$spool/$n0.eml" Message-ID)" "Message-ID header"
expect_contains "$(python3 -c '
import email, email.policy, sys
m = email.message_from_binary_file(open(sys.argv[1], "rb"), policy=email.policy.default)
print(m.get_body(("plain",)).get_content())' "$spool/$n0.eml")" "1200.00" "the body has the corrected balance"
expect_exit 0 a --format json statement ACME --send
expect_eq '["sent", "already sent"]' "$(json '[d[0]["status"], d[0]["reason"]]' <<<"$out")" "the corrected one again"
expect_eq "$((n0 + 1))" "$(emls)" "still one more message"
statuses=""
for id in $(a --format json mail outbox | json '" ".join(str(r["id"]) for r in d if r["customer"] == "ACME")'); do
  statuses+="$(a --format json mail show "$id" | json 'd["message_id"] + "=" + d["status"]') "
done
expect_contains "$statuses" "$mid=sent" "the first statement stays in the outbox as sent"
expect_contains "$statuses" "$mid2=sent" "the corrected one is sent"


case_ "the ledger checks"
expect_exit 0 a check
