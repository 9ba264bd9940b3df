#!/usr/bin/env bash
# End-to-end: collection strategies: ladders in config checked at `config
# set`, assigned by the customer's own attribute, its segment or the default,
# listed by `collection strategies`; dunning letters follow a set strategy's
# letter steps (a small customer at 1 and 15 days and none between, a key
# account none: its steps are calls), and a customer with no strategy set
# keeps the dunning levels.
source "$ARCTL_TEST_LIB"

start_ledger
a -q customer add SMALL --name "Small Shop" --terms net30 >/dev/null
a -q customer add KEY --name "Key Account" --terms net30 --attr tier=gold >/dev/null
a -q customer add PLAIN --name "Plain Co" --terms net30 >/dev/null
# Due 2026-03-30: one day past due on 2026-03-31.
for c in SMALL KEY PLAIN; do
  a -q invoice create --customer $c --id I-$c --date 2026-02-28 --line "Goods;1;100.00" >/dev/null
done

case_ "a strategy is checked when it is set"
expect_exit 2 a config set collections.strategy.small "letter@1,fax@15"
expect_contains "$err" "collections.strategy.small" "names the key"
expect_exit 2 a config set collections.strategy.small "letter@15,letter@1"
expect_exit 2 a config set collections.segment.gold nosuch
expect_exit 0 a config set collections.strategy.small "letter@1,letter@15,pre-legal@45"
expect_exit 0 a config set collections.strategy.key-account "call@5,call@15,manager@30"

case_ "collection strategies lists the built-in one and the configured ones"
expect_exit 0 a --format json collection strategies
expect_eq '[["key-account", "call@5,call@15,manager@30"], ["small", "letter@1,letter@15,pre-legal@45"], ["standard", "email@1,call@15,pre-legal@45"]]' \
  "$(json '[[r["name"],r["steps"]] for r in d]' <<<"$out")" "strategies"

case_ "assigned by the customer, else its segment, else the default"
expect_exit 3 a collection strategy SMALL nosuch
expect_exit 0 a collection strategy SMALL small
a -q config set collections.segment_attr tier
a -q config set collections.segment.gold key-account
strategy_of() { a --format json customer show "$1" | json 'd["collection"]["strategy"]+"/"+d["collection"]["strategy_from"]'; }
expect_eq "small/customer" "$(strategy_of SMALL)" "own attribute"
expect_eq "key-account/segment" "$(strategy_of KEY)" "segment"
expect_eq "standard/built-in" "$(strategy_of PLAIN)" "nothing set"

case_ "letters follow the strategy's letter steps; no strategy set: the dunning levels"
sent() { json '[[r["customer"],r["level"]] for r in d]' <<<"$out"; }
expect_exit 0 a --format json notice run --out "$tmp/n1"
expect_eq '[["PLAIN", 1], ["SMALL", 1]]' "$(sent)" "1 day: small's first letter, plain's level 1, none for the key account"
expect_exit 0 a --format json notice run --as-of 2026-04-10 --out "$tmp/n2"
expect_eq '[]' "$(sent)" "11 days: nothing"
expect_exit 0 a --format json notice run --as-of 2026-04-14 --out "$tmp/n3"
expect_eq '[["PLAIN", 2], ["SMALL", 2]]' "$(sent)" "15 days: small's second letter"
expect_contains "$(cat "$tmp/n3/"*SMALL*)" "REMINDER" "strategy letter template"
expect_exit 0 a --format json notice run --as-of 2026-05-14 --out "$tmp/n4"
expect_eq '[["PLAIN", 3]]' "$(sent)" "45 days: pre-legal is no letter; the key account never gets one"

case_ "collections.strategy.default sets the strategy of the rest"
a -q config set collections.strategy.default key-account
expect_eq "key-account/default" "$(strategy_of PLAIN)" "default"
expect_exit 0 a --format json notice run --as-of 2026-06-30 --out "$tmp/n5"
expect_eq '[]' "$(sent)" "plain now follows key-account: no letters"
