#!/usr/bin/env bash
# End-to-end: statements and notices by e-mail to a real SMTP server on
# 127.0.0.1 (python3-aiosmtpd): the recipient rule (billing contact, else a
# primary contact, else the customer's e-mail), RFC 2047 for non-ASCII names
# and subjects in the contact's language, the PDF that decodes to the
# statement, exactly once across re-runs, a stopped server and --retry, a
# refusal, and notice run --send.
source "$ARCTL_TEST_LIB"

start_ledger
a -q customer add ACME --name "Acme Corp" --email ap@acme.example >/dev/null
a -q customer add BETA --name "Beta Ltd" --email office@beta.example >/dev/null
a -q customer add GAMMA --name "Gamma GmbH" --email buchhaltung@gamma.example >/dev/null
a -q customer add NANDU --name "Ñandú Comercial" --email info@nandu.example >/dev/null
# ACME: a billing contact and an ap contact; BETA: an ap contact only;
# GAMMA: none; NANDU: a billing contact in Mexican Spanish.
a -q contact add ACME --name "Ann Lee" --role billing --email ann@acme.example >/dev/null
a -q contact add ACME --name "Cy Poe" --role ap --email cy@acme.example >/dev/null
a -q contact add BETA --name "Bea Roe" --role ap --email bea@beta.example >/dev/null
a -q contact add NANDU --name "José Núñez" --role billing --email jose@nandu.example --language es-MX >/dev/null
for c in ACME BETA GAMMA NANDU; do
  a -q invoice create --customer $c --id INV-$c --date 2026-01-20 --line "Goods;1;1250.00" >/dev/null
done

mail="$tmp/mail"
smtp_start "$mail"
emls() { ls "$mail" | grep -c '\.eml$' || true; }
# field N EXPR: a Python expression on message N.eml (`m`, email.policy.default).
field() {
  python3 -c '
import email, email.policy, sys
m = email.message_from_binary_file(open(sys.argv[1], "rb"), policy=email.policy.default)
print(eval(sys.argv[2]))' "$mail/$1.eml" "$2"
}

case_ "a password in the transport URL is refused; the server's URL is accepted"
expect_exit 4 a config set mail.transport "smtp://ar:secret@127.0.0.1:$SMTP_PORT"
expect_contains "$err" "password"
expect_exit 0 a config set mail.transport "smtp://127.0.0.1:$SMTP_PORT"
expect_exit 0 a config set mail.from "Acme Receivables <ar@seller.example>"
expect_exit 0 a config set mail.bcc "archive@seller.example"

case_ "statement --all --send: one message each, to the right contact, delivered"
expect_exit 0 a --format json statement --all --send
expect_eq '[["ACME", "ann@acme.example", "sent"], ["BETA", "bea@beta.example", "sent"], ["GAMMA", "buchhaltung@gamma.example", "sent"], ["NANDU", "jose@nandu.example", "sent"]]' \
  "$(json '[[r["customer"], r["to"], r["status"]] for r in d]' <<<"$out")" "billing contact, else primary, else customer e-mail"
expect_eq "4" "$(emls)" "four messages"
expect_match "$(json 'd[0]["reason"]' <<<"$out")" '^250 ' "the server's reply"
for i in 0 1 2 3; do
  expect_eq "archive@seller.example" "$(field $i 'str(m["X-Envelope-To"]).split(", ")[1]')" "bcc on the envelope ($i)"
  expect_eq "ar@seller.example" "$(field $i 'm["X-Envelope-From"]')" "envelope sender ($i)"
  expect_eq "None" "$(field $i 'm["Bcc"]')" "no Bcc header ($i)"
done
expect_eq "ann@acme.example" "$(field 0 'str(m["X-Envelope-To"]).split(", ")[0]')" "envelope recipient"
expect_eq 'Ann Lee <ann@acme.example>' "$(field 0 'm["To"]')" "To"
expect_contains "$(cat "$mail/0.eml")" 'To: "Ann Lee" <ann@acme.example>' "To as sent"
expect_eq "Statement of account ACME 2026-03-01 to 2026-03-31" "$(field 0 'm["Subject"]')" "Subject"
expect_match "$(field 0 'm["Date"]')" '^[A-Z][a-z]{2}, [0-9]{2} [A-Z][a-z]{2} [0-9]{4} [0-9:]{8} \+0000$' "Date"
expect_eq "multipart/mixed" "$(field 0 'm.get_content_type()')" "multipart"

case_ "a non-ASCII contact and subject in the contact's language (es-MX -> es) as RFC 2047 words"
expect_eq "José Núñez <jose@nandu.example>" "$(field 3 'm["To"]')" "To decoded"
expect_eq "Estado de cuenta de Ñandú Comercial (NANDU), 2026-03-01 a 2026-03-31" "$(field 3 'm["Subject"]')" "Subject decoded"
raw="$(cat "$mail/3.eml")"
expect_contains "$raw" "Subject: =?utf-8?B?" "Subject encoded"
expect_contains "$raw" "To: =?utf-8?B?" "display name encoded"
expect_contains "$(field 3 'm.get_body(("plain",)).get_content()')" "Adjuntamos el estado de cuenta" "Spanish body"

case_ "the PDF attachment decodes and shows the statement's closing balance"
field 1 'open(sys.argv[1] + ".pdf", "wb").write([p for p in m.iter_attachments()][0].get_content())' >/dev/null
expect_exit 0 pdftotext -layout "$mail/1.eml.pdf" -
expect_match "$out" "Closing balance +1,?250\.00 USD" "closing balance in the PDF"
expect_contains "$out" "Beta Ltd" "the customer's statement"
expect_eq "application/pdf" "$(field 1 '[p for p in m.iter_attachments()][0].get_content_type()')" "type"

case_ "the journal names each message sent, to whom, and the server's reply"
run a --format json log --type mail.sent
expect_eq "4" "$(json 'len(d)' <<<"$out")" "four mail.sent"
acme="$(json '[e["payload"] for e in d if e["payload"]["to"] == "ann@acme.example"][0]' <<<"$out")"
expect_eq "250 2.0.0 Ok: queued as M0" "$(json 'd["reply"]' <<<"$acme")" "reply"
expect_eq "$(field 0 'm["Message-ID"]')" "$(json 'd["message_id"]' <<<"$acme")" "Message-ID"
expect_eq "Statement of account ACME 2026-03-01 to 2026-03-31" "$(json 'd["subject"]' <<<"$acme")" "what"

case_ "the same run again sends nothing"
expect_exit 0 a --format json statement --all --send
expect_eq '["already sent", "already sent", "already sent", "already sent"]' "$(json '[r["reason"] for r in d]' <<<"$out")" "rows"
expect_eq "4" "$(emls)" "still four"

case_ "with the server stopped: queued with the reason, exit 11; --retry after restart sends each once"
smtp_stop
expect_exit 11 a --format json statement --all --send --from 2026-02-01 --to 2026-02-28
expect_eq '["queued", "queued", "queued", "queued"]' "$(json '[r["status"] for r in d]' <<<"$out")" "queued"
expect_contains "$(json 'd[0]["reason"]' <<<"$out")" "connect" "the connection error"
expect_contains "$err" "sent 0, queued 4, failed 0"
run a --format json mail outbox --status queued
expect_eq "4" "$(json 'len(d)' <<<"$out")" "in the outbox"
expect_contains "$(json 'd[0]["reply"]' <<<"$out")" "connect" "reply kept"
expect_exit 11 a mail send
smtp_start "$mail"
expect_exit 0 a --format json mail send --retry
expect_eq '["sent", "sent", "sent", "sent"]' "$(json '[r["status"] for r in d]' <<<"$out")" "sent"
expect_eq "8" "$(emls)" "four more"
expect_exit 0 a mail send --retry
expect_eq "8" "$(emls)" "nothing sent twice"
ids="$(cat "$mail"/*.eml | grep -i '^Message-ID:' | sort)"
expect_eq "8" "$(sort -u <<<"$ids" | wc -l)" "eight distinct Message-IDs"
expect_eq "8" "$(wc -l <<<"$ids")" "each once"

case_ "a refusal (550) marks the message failed; --retry tries it again"
a -q customer add REJ --name "Rejecting Inc" --email reject@rej.example >/dev/null
a -q invoice create --customer REJ --id INV-REJ --date 2026-03-02 --line "Goods;1;10.00" >/dev/null
expect_exit 11 a --format json statement REJ --send
expect_eq "failed" "$(json 'd[0]["status"]' <<<"$out")" "failed"
expect_match "$(json 'd[0]["reason"]' <<<"$out")" '550' "the server's refusal"
expect_exit 11 a --format json mail send
expect_eq '[["failed", 1]]' "$(json '[[r["status"], r["attempts"]] for r in d]' <<<"$out")" "not retried without --retry"
expect_exit 11 a --format json mail send --retry
expect_eq '[["failed", 2]]' "$(json '[[r["status"], r["attempts"]] for r in d]' <<<"$out")" "retried"
expect_exit 0 a mail cancel "$(json 'd[0]["id"]' <<<"$out")"
expect_exit 0 a mail send --retry

case_ "notice run --send --dry-run: the messages it would send, nothing sent or recorded"
before="$(emls)"
expect_exit 0 a --format json notice run --send --dry-run
expect_eq '[["ACME", "would send"], ["BETA", "would send"], ["GAMMA", "would send"], ["NANDU", "would send"]]' \
  "$(json '[[r["customer"], r["status"]] for r in d]' <<<"$out")" "rows"
expect_match "$(json 'd[0]["attachments"][0]' <<<"$out")" '^notice-ACME-level-[0-9]+\.pdf \([0-9]+ bytes\)$' "attachment"
expect_eq "$before" "$(emls)" "nothing sent"
run a --format json notice list
expect_eq "0" "$(json 'len(d)' <<<"$out")" "no level recorded"

case_ "notice run --send: queued with the levels, sent; the same run again sends nothing"
expect_exit 0 a --format json notice run --send
expect_eq '[["ACME", "ann@acme.example", "sent"], ["BETA", "bea@beta.example", "sent"], ["GAMMA", "buchhaltung@gamma.example", "sent"], ["NANDU", "jose@nandu.example", "sent"]]' \
  "$(json '[[r["customer"], r["to"], r["status"]] for r in d]' <<<"$out")" "one notice each past due"
expect_eq "$((before + 4))" "$(emls)" "four notices"
n=$((before))
expect_contains "$(field $n 'm["Subject"]')" "Past-due notice" "subject"
expect_match "$(field $n '[p.get_filename() for p in m.iter_attachments()][0]')" '^notice-ACME-level-[0-9]+\.pdf$' "the letter attached"
field $n 'open(sys.argv[1] + ".pdf", "wb").write([p for p in m.iter_attachments()][0].get_content())' >/dev/null
expect_exit 0 pdftotext -layout "$mail/$n.eml.pdf" -
expect_match "$out" "To: .*\(ACME\)" "the letter as a PDF, addressed to the customer"
expect_match "$out" "Invoice +Issued +Due +Open +Days" "its columns kept aligned"
run a --format json notice list
expect_eq "4" "$(json 'len(d)' <<<"$out")" "levels recorded"
expect_exit 0 a --format json notice run --send
expect_eq "0" "$(json 'len(d)' <<<"$out")" "nothing due"
expect_eq "$((before + 4))" "$(emls)" "nothing sent again"

case_ "mail.starttls=required and a server without STARTTLS: failed, nothing sent in clear"
a -q customer add TLS --name "TLS Co" --email ap@tls.example >/dev/null
a -q invoice create --customer TLS --id INV-TLS --date 2026-03-02 --line "Goods;1;10.00" >/dev/null
a -q config set mail.starttls required >/dev/null
before="$(emls)"
expect_exit 11 a --format json statement TLS --send
expect_eq "failed" "$(json 'd[0]["status"]' <<<"$out")" "failed"
expect_eq "$before" "$(emls)" "not sent"
a -q config set mail.starttls opportunistic >/dev/null
expect_exit 0 a mail send --retry
expect_eq "$((before + 1))" "$(emls)" "sent once allowed in clear"
