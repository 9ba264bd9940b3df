# One simulated day's operations: each picks its target from the day's open
# items (read once, at the start of the day), issues one arctl command, and
# records in the model what that command must have done to balances.
from datetime import date, timedelta

from cli import fmt, money
from model import Case, Receipt, tax_of
import bank_files

TAX_RATES = [0, 0, 1000, 825]  # basis points: none, none, 10%, 8.25%
METHODS = ["wire", "ach", "check"]
REASONS = ["price", "quantity", "damaged", "freight", "not-received"]


def days(day, n):
    return (date.fromisoformat(day) + timedelta(days=n)).isoformat()


class Day:
    """The day's context: the open items as arctl listed them this morning."""

    def __init__(self, sim, today):
        self.sim, self.a, self.m, self.rng = sim, sim.a, sim.model, sim.rng
        self.today = today
        rows = self.a.json(["invoice", "list", "--status", "open"], today) or []
        self.open = sorted(rows, key=lambda r: r["id"])
        self.touched = set()  # an item one operation changed today is left alone
        self.fresh = set()  # receipts recorded today: `payment auto` has not seen them yet

    def pick(self, ok=lambda r: True):
        rows = [r for r in self.open if r["id"] not in self.touched and money(r["open"]) > 0
                and ok(r)]
        if not rows:
            return None
        r = self.rng.choice(rows)
        self.touched.add(r["id"])
        return r

    def run(self, args, ok=(0,), actor="clerk"):
        return self.a.run(args, self.today, ok=ok, actor=actor)

    def customer(self):
        return self.rng.choice(sorted(self.m.balances))

    # -- billing -----------------------------------------------------------
    def op_invoice(self):
        c, total, lines = self.customer(), 0, []
        for i in range(self.rng.randint(1, 2)):
            qty, price, rate = self.rng.randint(1, 5), self.rng.randint(1000, 90000), \
                self.rng.choice(TAX_RATES)
            net = qty * price
            total += net + tax_of(net, rate)
            lines += ["--line", f"Item {i};{qty};{fmt(price)};{rate // 100}.{rate % 100:02d}%"]
        self.run(["invoice", "create", "--customer", c, "--date", self.today] + lines)
        self.m.add(c, total)

    def op_credit(self):
        r = self.pick(lambda r: r["kind"] == "invoice" and money(r["open"]) >= 300)
        if r:
            x = self.rng.randint(100, money(r["open"]) // 3)
            if self.run(["invoice", "credit", r["id"], "--amount", fmt(x), "--reason",
                         "price adjustment"], ok=(0, 4)).returncode == 0:
                self.m.add(r["customer"], -x)

    def op_void(self):
        """An invoice nothing was applied to; with `void_disputed` (on by default) also one
        under an open case, which arctl must refuse (exit 4) until the case is settled."""
        disputed = {c.invoice for c in self.m.cases.values() if c.open}
        r = self.pick(lambda r: r["kind"] == "invoice" and r["open"] == r["total"] and (
            r["id"] not in self.m.busy_invoices
            or (self.sim.void_disputed and r["id"] in disputed)))
        if r and self.run(["invoice", "void", r["id"], "--reason", "raised in error"],
                          ok=(0, 4)).returncode == 0:
            self.m.add(r["customer"], -money(r["total"]))

    def op_debit(self):
        c, x = self.customer(), self.rng.randint(500, 5000)
        self.run(["invoice", "debit", "--customer", c, "--amount", fmt(x), "--reason", "late fee"])
        self.m.add(c, x)

    # -- receipts keyed by hand ------------------------------------------------
    def record(self, customer, amount, ref, extra=()):
        args = ["payment", "record", "--amount", fmt(amount), "--date", self.today, "--ref", ref,
                "--method", self.rng.choice(METHODS)] + list(extra)
        if customer:
            args += ["--customer", customer]
        rid = self.run(args).stdout.strip()
        self.m.receipt(Receipt(rid, customer, amount, self.today, ref, keyed=True))
        self.fresh.add(rid)
        return rid

    def op_receipt(self):
        """Referenced (in full), short, over or unreferenced."""
        r = self.pick(lambda r: r["kind"] == "invoice")
        if not r:
            return
        open_, how = money(r["open"]), self.rng.choice(["full", "short", "over", "unref"])
        token = self.m.fresh_token()
        if how == "full":
            self.record(r["customer"], open_, f"{r['id']} {token}")
        elif how == "short" and open_ > 200:
            cut = max(1, open_ * self.rng.choice([3, 5, 40]) // 100)
            word = self.rng.choice(["damaged ", ""])  # a reason word makes it a deduction
            self.record(r["customer"], open_ - cut, f"{r['id']} {word}{token}")
        elif how == "over":
            self.record(r["customer"], open_ + self.rng.randint(100, 5000), f"{r['id']} {token}")
        else:
            amount = open_ if self.rng.random() < 0.5 else self.rng.randint(500, 50000)
            self.record(r["customer"], amount, token)

    def op_discount(self):
        """Pays an untouched invoice on early-payment terms, less its discount, in time."""
        r = self.pick(lambda r: r["kind"] == "invoice" and r["open"] == r["total"]
                      and "/" in self.m.terms[r["customer"]]
                      and r["id"] not in self.m.busy_invoices)
        if not r:
            return
        inv = self.a.json(["invoice", "show", r["id"]], self.today)
        if not inv["discount_date"] or inv["discount_date"] < self.today:
            return
        disc, total = money(inv["discount_amount"]), money(inv["total"])
        rid = self.record(r["customer"], total - disc,
                          f"{r['id']} less discount {self.m.fresh_token()}")
        self.m.add(r["customer"], -disc)  # the discount document closes the rest
        self.m.discounts[rid] = disc

    def op_suspense(self):
        self.record("", self.rng.randint(1000, 40000), f"wire {self.m.fresh_token()}")

    def op_assign(self):
        if self.m.suspense:
            rid, c = self.rng.choice(sorted(self.m.suspense)), self.customer()
            self.run(["payment", "assign", rid, "--customer", c])
            self.m.assign(rid, c, self.today)

    def active_receipt(self, keyed_only=False):
        """A receipt to return, reverse, reassign or unapply. One that took a discount
        only with the `cancel_discounted` kind (on by default): the discount must go
        with the receipt."""
        rows = [r for r in self.m.receipts.values() if r.status == "active" and r.customer
                and not r.moved and r.id not in self.fresh and (r.keyed or not keyed_only)
                and (self.sim.cancel_discounted or r.id not in self.m.discounts)]
        return self.rng.choice(rows) if rows else None

    def op_return(self):
        r = self.active_receipt()
        if r:
            fee = self.rng.choice([0, 2500])
            args = ["payment", "return", r.id, "--reason", "nsf"]
            if fee:
                args += ["--fee", fmt(fee)]
            if self.run(args, ok=(0, 4)).returncode == 0:
                self.m.cancel(r.id, "returned", self.today, fee)

    def op_reverse(self):
        r = self.active_receipt(keyed_only=True)
        if r and self.run(["payment", "reverse", r.id, "--reason", "mis-keyed"],
                          ok=(0, 4)).returncode == 0:
            self.m.cancel(r.id, "reversed", self.today)

    def op_reassign(self):
        r = self.active_receipt()
        if r and len(self.m.balances) > 1:
            to = self.rng.choice(sorted(c for c in self.m.balances if c != r.customer))
            if self.run(["payment", "reassign", r.id, "--customer", to, "--reason",
                         "booked to the wrong customer"], ok=(0, 4)).returncode == 0:
                self.m.reassign(r.id, to, self.today)

    def op_refund(self):
        c = self.customer()
        unapplied = money(self.a.json(["customer", "show", c], self.today)["unapplied"])
        if unapplied >= 200:
            x = unapplied // 2
            self.run(["payment", "refund", "--customer", c, "--amount", fmt(x)])
            self.m.add(c, x)

    def op_apply(self):
        """By hand: unapplied cash to one of the same customer's open items."""
        rows = [r for r in self.a.json(["payment", "list", "--unapplied"], self.today) or []
                if r["customer"] and r["status"] not in ("void", "returned")]
        if rows:
            rec = self.rng.choice(rows)
            item = self.pick(lambda r: r["customer"] == rec["customer"])
            if item:
                x = min(money(rec["unapplied"]), money(item["open"]))
                self.run(["payment", "apply", rec["id"], "--invoice", item["id"], "--amount",
                          fmt(x)], ok=(0, 4))

    def op_unapply(self):
        r = self.active_receipt()
        if r:
            self.run(["payment", "unapply", r.id], ok=(0, 4))

    def op_backdated(self):
        """An invoice or receipt dated some days back: refused (exit 5) inside a lock."""
        when = days(self.today, -self.rng.randint(1, 20))
        locked = self.sim.lock is not None and when <= self.sim.lock
        c, amount = self.customer(), self.rng.randint(1000, 50000)
        if self.rng.random() < 0.5:
            self.run(["invoice", "create", "--customer", c, "--date", when, "--line",
                      f"Backdated;1;{fmt(amount)}"], ok=(5,) if locked else (0,))
            if not locked:
                self.m.add(c, amount)
        elif locked:
            self.run(["payment", "record", "--customer", c, "--amount", fmt(amount), "--date",
                      when, "--ref", self.m.fresh_token()], ok=(5,))
        else:
            saved, self.today = self.today, when  # keyed as it was received
            self.record(c, amount, self.m.fresh_token())
            self.today = saved

    # -- bank files ------------------------------------------------------------
    def op_bank(self, kind):
        """A statement: fresh money, and (CSV, CAMT.053) lines for receipts keyed by hand."""
        self.sim.bank_seq += 1
        lines = []
        for _ in range(self.rng.randint(1, 3)):
            r = self.pick(lambda r: r["kind"] == "invoice")
            if not r:
                break
            c, token = r["customer"], self.m.fresh_token()
            text = f"PAYMENT {r['id']} {token}" if kind == "bai2" or self.rng.random() < 0.5 \
                else f"PAYMENT {token}"
            amount = self.rng.choice([money(r["open"]), self.rng.randint(500, 30000)])
            ref = f"SIM{self.sim.bank_seq:05d}{len(lines)}"
            lines.append(dict(ref=ref, date=self.today, amount=amount, payer=self.m.names[c],
                              text=text, method="wire"))
            self.m.receipt(Receipt("BANK-" + ref, c, amount, self.today, text, keyed=False))
            self.fresh.add("BANK-" + ref)
        for r in self.duplicates(kind):
            lines.append(dict(ref=f"SIM{self.sim.bank_seq:05d}{len(lines)}", date=self.today,
                              amount=r.amount, payer=self.m.names[r.customer],
                              text="PAYMENT " + r.ref, method="wire"))
            r.linked = True  # the bank line confirms it: no new money
        if not lines:
            return
        ext = {"csv": "csv", "camt053": "xml", "bai2": "txt"}[kind]
        path = self.sim.work / "bank" / f"{self.sim.bank_seq:05d}.{ext}"
        path.write_text(bank_files.write(kind, lines, self.sim.bank_seq, self.today))
        self.run(["payment", "import", str(path), "--format", kind])

    def duplicates(self, kind):
        """Keyed receipts of the last three days a bank line can confirm unambiguously.
        BAI2 carries no payer name: only a receipt naming an item still open can be
        told to be the customer's."""
        open_ids = {r["id"] for r in self.open}
        near = [r for r in self.m.receipts.values() if r.keyed and not r.linked and r.customer
                and abs((date.fromisoformat(r.date) - date.fromisoformat(self.today)).days) <= 3]
        out = []
        for r in near:
            same = [o for o in near if o.customer == r.customer and o.amount == r.amount]
            if kind == "bai2" and r.ref.split()[0] not in open_ids:
                continue
            if (len(same) == 1 and r.status == "active" and not r.moved and r.date < self.today
                    and self.rng.random() < 0.6):
                out.append(r)
        return out

    # -- collections -----------------------------------------------------------
    def op_dispute(self):
        r = self.pick(lambda r: r["kind"] == "invoice" and money(r["open"]) >= 1000
                      and r["id"] not in self.m.busy_invoices)
        if not r:
            return
        x = money(r["open"]) // 4
        case = self.a.json(["dispute", "open", "--invoice", r["id"], "--reason",
                            self.rng.choice(REASONS), "--amount", fmt(x)], self.today, ok=(0, 4))
        if case:
            self.m.cases[case["id"]] = Case(case["id"], r["id"], r["customer"], x)
            self.m.busy_invoices.add(r["id"])

    def op_resolve(self):
        cases = [c for c in self.m.cases.values() if c.open]
        if not cases:
            return
        case = self.rng.choice(cases)
        row = next((r for r in self.open if r["id"] == case.invoice), None)
        if row is None or case.invoice in self.touched:
            outcome, x = "customer-pays", 0
        else:
            outcome = self.rng.choice(["credit", "rebill", "customer-pays", "write-off"])
            x = min(case.amount, money(row["open"]))
        self.touched.add(case.invoice)
        args = ["dispute", "resolve", case.id, "--outcome", outcome, "--note", "agreed"]
        if outcome != "customer-pays":
            args += ["--amount", fmt(x)]
        out = self.a.json(args, self.today, ok=(0, 4))
        if out is None:
            return
        case.open = outcome == "write-off"  # pending until the proposal is decided
        if outcome in ("credit", "rebill"):
            self.m.add(case.customer, -x)
        elif outcome == "write-off":
            self.m.proposals[out["proposal"]] = (case.customer, x, case.id)
        if not case.open:
            self.m.busy_invoices.discard(case.invoice)

    def op_writeoff(self):
        r = self.pick(lambda r: r["kind"] == "invoice" and r["id"] not in self.m.busy_invoices)
        if r:
            x = min(money(r["open"]), self.rng.randint(100, 150000))
            p = self.a.json(["writeoff", "propose", r["id"], "--amount", fmt(x), "--reason",
                             "uncollectable"], self.today, ok=(0, 4))
            if p:
                self.m.proposals[p["id"]] = (r["customer"], x, None)
                self.m.busy_invoices.add(r["id"])
                self.approve(p["id"], r["id"])

    def op_approve(self):
        if self.m.proposals:
            pid = self.rng.choice(sorted(self.m.proposals))
            self.approve(pid, None)

    def approve(self, pid, invoice):
        customer, x, case = self.m.proposals[pid]
        for approver in ("approver1", "approver2"):
            p = self.a.json(["writeoff", "approve", pid], self.today, ok=(0, 4), actor=approver)
            if p is None:  # no longer that much open: reject it, as the guide says
                self.run(["writeoff", "reject", pid, "--reason", "balance changed"])
                break
            if p["status"] == "posted":
                self.m.add(customer, -x)
                break
        del self.m.proposals[pid]
        if case:  # posted or rejected, the case is no longer waiting for it
            self.m.cases[case].open = False
            self.m.busy_invoices.discard(self.m.cases[case].invoice)
        if invoice:
            self.m.busy_invoices.discard(invoice)

    def op_promise(self):
        """On account, or (half the time) for one invoice."""
        by = days(self.today, self.rng.randint(2, 20))
        r = self.pick(lambda r: r["kind"] == "invoice") if self.rng.random() < 0.5 else None
        if r:
            x = self.rng.randint(1, money(r["open"]))
            self.a.json(["promise", "add", r["customer"], "--amount", fmt(x), "--date", by,
                         "--invoice", r["id"]], self.today)
            self.m.busy_invoices.add(r["id"])
            return
        c = self.customer()
        if self.m.balances[c] >= 200:
            x = self.rng.randint(100, self.m.balances[c] // 2)
            self.a.json(["promise", "add", c, "--amount", fmt(x), "--date", by], self.today)

    def op_promise_check(self):
        self.run(["promise", "check"])

    def op_notice(self):
        self.run(["notice", "run", "--out", str(self.sim.work / "notices")])

    def op_exclude(self):
        r = self.pick(lambda r: r["days_past_due"] > 0 and r["id"] not in self.m.excluded)
        if r:
            self.run(["notice", "exclude", r["id"], "--reason", "customer in administration"])
            self.m.excluded[r["id"]] = "customer in administration"
