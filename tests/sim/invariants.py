# The rules the simulator checks from the outside, through the CLI's JSON
# output and the GL export files: after every day (balances, `arctl check`,
# nothing posted into a locked period, closed exports untouched) and after
# every close (GL = aging, each entry exported once, dunning coverage, promises).
import json

from cli import SimFailure, fmt, money

RECEIVABLE_TREE = "Assets:Receivable"


def balances(sim, today):
    """Every customer's balance equals the model's (what it issued, nothing read back)."""
    rows = sim.a.json(["customer", "list"], today)
    got = {r["id"]: money(r["balance"]) for r in rows}
    for c, want in sim.model.balances.items():
        if got.get(c) != want:
            raise SimFailure("balance differs from the model",
                             f"customer {c}: arctl says {fmt(got.get(c, 0))}, "
                             f"the operations issued give {fmt(want)}")
    return rows


def ledger_check(sim, today):
    out = sim.a.json(["check"], today, ok=(0, 1))
    if out is None or not out.get("ok"):
        raise SimFailure("arctl check is not clean", json.dumps(out)[:2000])


def nothing_in_locked_period(sim, today):
    """No entry dated on or before the lock date appears after the lock was set:
    every such entry went out with a close, so a new one is never exported."""
    if not sim.lock:
        return
    late = sim.a.jsonl(["gl", "export", "--from", "1900-01-01", "--to", sim.lock, "--dry-run",
                        "--format", "jsonl"], today)
    if late:
        raise SimFailure("posting dated in a locked period",
                         f"lock {sim.lock}; entries: " + "; ".join(
                             f"seq {e['seq']} {e['date']} {e['document']} ({e['kind']})"
                             for e in late[:5]))


def closed_files_unchanged(sim):
    for path, data in sim.kept_files.items():
        now = path.read_bytes() if path.exists() else None
        if now != data:
            raise SimFailure("a closed month's GL export file changed",
                             f"{path} {'is gone' if now is None else 'has other bytes'}")


def exported_entries(sim):
    """Every entry in every close's GL file; an entry sent twice is a failure."""
    seen = {}
    for path in sorted(sim.closes.glob("*/gl*.jsonl")):
        for line in path.read_text().splitlines():
            if not line.strip():
                continue
            e = json.loads(line)
            if e["seq"] in seen:
                raise SimFailure("journal entry exported twice",
                                 f"seq {e['seq']} in {seen[e['seq']][0]} and {path}")
            seen[e["seq"]] = (path, e)
    return {seq: e for seq, (_, e) in seen.items()}


def receivable(entries, through, exact=False):
    """The GL receivable tree (control, unapplied, suspense), or with `exact` the control
    account alone, from entries dated <= through."""
    total = 0
    for e in entries:
        if e["date"] <= through:
            for p in e["postings"]:
                if p["account"] == RECEIVABLE_TREE or (
                        not exact and p["account"].startswith(RECEIVABLE_TREE + ":")):
                    total += money(p["debit"]) - money(p["credit"])
    return total


def after_close(sim, month, month_end, today, customers):
    closed_files_unchanged(sim)
    exported = exported_entries(sim)
    everything = sim.a.jsonl(["gl", "export", "--from", "1900-01-01", "--to", month_end,
                              "--reexport", "--dry-run", "--format", "jsonl"], today)
    # Each entry dated through the close is exported, once, as it is now.
    for e in everything:
        if e["seq"] not in exported:
            raise SimFailure("journal entry never exported",
                             f"seq {e['seq']} {e['date']} {e['document']} ({e['kind']})")
        if exported[e["seq"]] != e:
            raise SimFailure("exported entry differs from the journal",
                             f"seq {e['seq']}: exported {exported[e['seq']]}, now {e}")
    # A closed month's entries stay as they were at its close.
    for m, snap in sim.month_entries.items():
        now = [e for e in everything if e["date"][:7] == m]
        if now != snap:
            raise SimFailure("a closed month's GL entries changed",
                             f"{m}: {len(snap)} entries at its close, {len(now)} now")
    sim.month_entries[month] = [e for e in everything if e["date"][:7] == month]

    # GL receivable tree = aging (open items net of unapplied and suspense cash).
    gl = receivable(exported.values(), month_end)
    aging = sim.a.json(["--as-of", month_end, "aging"], today)
    total = next((money(r["total"]) for r in aging if r["row"] == "total"), 0)
    if gl != total:
        raise SimFailure("GL receivable tree differs from aging",
                         f"as of {month_end}: GL {fmt(gl)}, aging {fmt(total)}")
    sim.a.run(["--as-of", month_end, "gl", "reconcile", "--gl-balance", fmt(gl)], today)
    if today == month_end:  # nothing is dated later yet: today's unapplied cash is month end's
        unapplied = sum(money(r["unapplied"]) for r in
                        sim.a.json(["payment", "list", "--unapplied"], today) or [])
        control = receivable(exported.values(), month_end, exact=True)
        if control != total + unapplied:
            raise SimFailure("GL receivable differs from aging plus unapplied cash",
                             f"as of {month_end}: GL {RECEIVABLE_TREE} {fmt(control)}, aging "
                             f"{fmt(total)} + unapplied and suspense cash {fmt(unapplied)}")
    suspense = sum(money(r["total"]) for r in aging if r["row"] == "customer" and not r["customer"])
    if today == month_end and suspense != -sum(sim.model.suspense.values()):
        raise SimFailure("suspense differs from the model",
                         f"aging {fmt(suspense)}, model {fmt(-sum(sim.model.suspense.values()))}")
    if today == month_end:
        aged(aging, customers)
        dunned(sim, today)
    promises(sim, today)
    no_case_on_void(sim, today)


def no_case_on_void(sim, today):
    """A voided invoice was never owed: no dispute or collection case stays open on it."""
    void = {r["id"] for r in sim.a.json(["invoice", "list", "--status", "void"], today) or []}
    for case in sim.a.json(["dispute", "list", "--status", "open"], today) or []:
        if case["invoice"] in void:
            raise SimFailure("open case on a void invoice",
                             f"{case['id']} ({case['kind']}, {case['status']}, {case['amount']}) "
                             f"on {case['invoice']}")


def aged(aging, customers):
    """Every open item is aged: aging's items and totals match each customer's."""
    by_customer = {r["customer"]: r for r in aging if r["row"] == "customer"}
    for c in customers:
        row = by_customer.get(c["id"])
        items, total = (row["items"], money(row["total"])) if row else (0, 0)
        if items != c["open_items"] or total != money(c["balance"]):
            raise SimFailure("open items not aged",
                             f"customer {c['id']}: {c['open_items']} open items, "
                             f"balance {c['balance']}; aging {items} items, {fmt(total)}")


def dunned(sim, today):
    """Each past-due item is dunned, disputed with a reason, or excluded with a reason."""
    open_items = sim.a.json(["invoice", "list", "--status", "open"], today) or []
    noticed = {r["invoice"] for r in sim.a.json(["notice", "list"], today) or [] if r["level"]}
    disputed = {r["invoice"]: r["reason"] for r in
                sim.a.json(["dispute", "list", "--status", "open"], today) or []
                if r["kind"] == "dispute"}
    excluded = {}
    for e in sim.a.json(["log", "--type", "notice.*"], today)[::-1]:
        if e["type"] == "notice.excluded":
            excluded[e["payload"]["invoice"]] = e["payload"]["reason"]
        elif e["type"] == "notice.included":
            excluded.pop(e["payload"]["invoice"], None)
    for r in open_items:
        if r["days_past_due"] <= 0 or r["id"] in noticed:
            continue
        if disputed.get(r["id"]) or excluded.get(r["id"]):
            continue
        raise SimFailure("past-due item neither dunned, disputed nor excluded",
                         f"{r['kind']} {r['id']} of {r['customer']}, {r['days_past_due']} days "
                         f"past due, open {r['open']}")


def promises(sim, today):
    """No receipt counted by two promises. arctl does not say which receipts a promise
    counted, so this checks what follows from it: per customer, the promises' paid
    amounts add up to no more than the cash that could count: receipts (with their
    discounts) dated inside some promise's window that were the customer's, and not
    returned or reversed, on the day that promise was checked (today if still open)."""
    rows = sim.a.json(["promise", "list", "--status", "all"], today) or []
    for p in rows:
        if money(p["paid"]) > money(p["amount"]):
            raise SimFailure("promise paid more than promised", json.dumps(p))
    for c in sorted({p["customer"] for p in rows}):
        mine = [p for p in rows if p["customer"] == c]
        paid = sum(money(p["paid"]) for p in mine)
        cash = sum(r.amount + sim.model.discounts.get(r.id, 0)
                   for r in sim.model.receipts.values()
                   if any(p["made"] <= r.date <= p["date"]
                          and r.owned_by(c, p["checked"] or today) for p in mine))
        if paid > cash:
            raise SimFailure("a receipt counted by two promises",
                             f"customer {c}: promises paid {fmt(paid)}, cash in their windows "
                             f"{fmt(cash)}")
