#!/usr/bin/env bash
# End-to-end: a customer's contacts: validated e-mail, phone and language,
# one primary per role, idempotent re-runs, journaled, shown in customer show.
source "$ARCTL_TEST_LIB"

start_ledger ACME "Acme Corp" BETA "Beta Ltd"

case_ "bad e-mail, phone, language, role or channel: exit 4 naming the option, nothing stored"
expect_exit 4 a contact add ACME --name "Ann Lee" --email "ann@@acme.com"
expect_contains "$err" "--email"
expect_exit 4 a contact add ACME --name "Ann Lee" --email "ann lee@acme.com"
expect_exit 4 a contact add ACME --name "Ann Lee" --email "ann@acme"
expect_exit 4 a contact add ACME --name "Ann Lee" --phone "12-34"
expect_contains "$err" "--phone"
expect_exit 4 a contact add ACME --name "Ann Lee" --phone "+1 (555) 010-2030 ext 4"
expect_exit 4 a contact add ACME --name "Ann Lee" --language english
expect_contains "$err" "--language"
expect_exit 4 a contact add ACME --name "Ann Lee" --role boss
expect_exit 4 a contact add ACME --name "Ann Lee" --preferred fax
expect_exit 3 a contact add NOBODY --name "Ann Lee"
run a --format json contact list
expect_eq "0" "$(json 'len(d)' <<<"$out")" "nothing stored"

case_ "the first contact of a role is primary; a new --primary demotes the old one"
expect_exit 0 a contact add ACME --name "Ann Lee" --email ann@acme.com --phone "+1 (555) 010-2030" \
  --language en-US --preferred call
expect_exit 0 a contact add ACME --name "Bob Roe" --email bob@acme.com
expect_exit 0 a contact add ACME --name "Cy Poe" --role ap --phone 555.010.9999
run a --format json contact list ACME --role billing
expect_eq '[["Ann Lee", true, "call"], ["Bob Roe", false, "email"]]' \
  "$(json '[[r["name"], r["primary"], r["preferred"]] for r in d]' <<<"$out")" "billing contacts"
expect_exit 0 a contact edit ACME "Bob Roe" --primary
run a --format json contact list ACME --role billing
expect_eq '[["Ann Lee", false], ["Bob Roe", true]]' \
  "$(json '[[r["name"], r["primary"]] for r in d]' <<<"$out")" "Bob is primary now"
run a --format json contact list ACME --role ap
expect_eq '[["Cy Poe", true]]' "$(json '[[r["name"], r["primary"]] for r in d]' <<<"$out")" "ap"

case_ "adding the same contact again is a no-op; different details are a conflict"
before="$(event_count "$L")"
expect_exit 0 a contact add ACME --name "Cy Poe" --role ap --phone 555.010.9999
expect_eq "$before" "$(event_count "$L")" "no event for a re-run"
expect_exit 4 a contact add ACME --name "Cy Poe" --role ap --phone 555.010.0000
run a --format json contact list ACME
expect_eq "3" "$(json 'len(d)' <<<"$out")" "still three contacts"

case_ "edit validates, remove promotes the next contact of the role, both journaled"
expect_exit 4 a contact edit ACME "Ann Lee" --email nope
expect_exit 3 a contact edit ACME "Nobody" --email x@y.com
expect_exit 0 a contact edit ACME "Ann Lee" --language es
expect_exit 0 a contact remove ACME "Bob Roe"
expect_exit 3 a contact remove ACME "Bob Roe"
run a --format json contact list ACME --role billing
expect_eq '[["Ann Lee", true, "es"]]' \
  "$(json '[[r["name"], r["primary"], r["language"]] for r in d]' <<<"$out")" "Ann primary again"
run a --format json log --type contact.added
expect_eq "3" "$(json 'len(d)' <<<"$out")" "contact.added events"
run a --format json log --type contact.removed
expect_eq '["ACME", "Bob Roe"]' "$(json '[d[0]["payload"]["customer"], d[0]["payload"]["name"]]' <<<"$out")" \
  "contact.removed"

case_ "customer show lists the contacts; contact list without a customer lists all"
a -q contact add BETA --name "Di Fox" --email di@beta.example.org >/dev/null
run a --format json customer show ACME
expect_eq '["Ann Lee", "Cy Poe"]' "$(json '[c["name"] for c in d["contacts"]]' <<<"$out")" "show"
run a --format json contact list
expect_eq '["ACME", "ACME", "BETA"]' "$(json '[r["customer"] for r in d]' <<<"$out")" "all"

run arctl -C "$L" check
expect_eq "0" "$rc" "arctl check"
