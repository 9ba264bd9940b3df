# One seed's run: a new ledger, M months of generated activity on a few
# business days each, a close at every month end (sometimes reopened, corrected
# and closed again), and the invariants after every day and every close.
import calendar
import pathlib
import random
from datetime import date

import invariants
from activity import Day
from cli import Arctl
from model import Model

# Operation kinds and how often each is drawn; `--without KIND` leaves one out.
WEIGHTS = {
    "invoice": 5, "receipt": 5, "credit": 1, "void": 1, "debit": 1, "discount": 2,
    "suspense": 1, "assign": 1, "return": 1, "reverse": 1, "reassign": 1, "refund": 1,
    "dispute": 1, "resolve": 1, "writeoff": 1, "approve": 0.5, "promise": 1,
    "promise_check": 0.5, "notice": 0.5, "exclude": 0.5, "apply": 1, "unapply": 1,
    "backdated": 1,
}
BANK_KINDS = ["csv", "camt053", "bai2"]
# Not drawn on their own: returning, reversing or reassigning a receipt that took
# an early-payment discount (the model expects the discount to go with it), and
# voiding an invoice under dispute (no case may stay open on it).
KINDS = list(WEIGHTS) + BANK_KINDS + ["reopen", "cancel_discounted", "void_disputed"]
TERMS = ["net30", "2/10 net30", "net15", "1/15 net45"]


def month_end(year, month):
    return date(year, month, calendar.monthrange(year, month)[1]).isoformat()


class Sim:
    def __init__(self, binary, work, seed, months, days, without, until=None, trace=None,
                 every_step=False):
        self.rng = random.Random(seed)
        self.work = pathlib.Path(work)
        self.closes = self.work / "closes"
        (self.work / "bank").mkdir(parents=True, exist_ok=True)
        self.a = Arctl(binary, str(self.work / "ledger"), until=until, trace=trace)
        self.months, self.days = months, days
        self.kinds = [k for k in WEIGHTS if k not in without]
        self.bank_kinds = [k for k in BANK_KINDS if k not in without]
        self.reopen = "reopen" not in without
        self.cancel_discounted = "cancel_discounted" not in without
        self.void_disputed = "void_disputed" not in without
        self.every_step = every_step
        self.model = Model()
        self.lock = None  # the lock date the simulator set (by closing or reopening)
        self.bank_seq = 0
        self.reopened = 0
        self.kept_files = {}  # GL export file -> bytes at its close
        self.month_entries = {}  # closed month -> its GL entries at its close

    def setup(self, today):
        self.a.run(["init", "--currency", "USD"], today)
        self.a.run(["config", "set", "gl.close.format", "jsonl"], today)
        rows = ["id,name,terms"]
        for i in range(1, self.rng.randint(4, 7) + 1):
            c, terms = f"C{i:02d}", self.rng.choice(TERMS)
            self.model.balances[c], self.model.names[c] = 0, f"Customer {i:02d} Ltd"
            self.model.terms[c] = terms
            rows.append(f"{c},Customer {i:02d} Ltd,{terms}")
        path = self.work / "customers.csv"
        path.write_text("\n".join(rows) + "\n")
        self.a.run(["customer", "import", str(path)], today)

    def run(self):
        year, month = 2026, 1
        self.setup(f"{year}-{month:02d}-01")
        previous = None
        for _ in range(self.months):
            last = calendar.monthrange(year, month)[1]
            picked = sorted(self.rng.sample(range(1, last), min(self.days - 1, last - 1)))
            for n, d in enumerate(picked + [last]):
                today = date(year, month, d).isoformat()
                if n == 0 and previous and self.reopen and self.rng.random() < 0.35:
                    self.reopen_and_correct(previous, today)
                self.day(today)
            self.close(f"{year}-{month:02d}", today)
            previous = (year, month)
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)

    def day(self, today):
        d = Day(self, today)
        if self.bank_kinds and self.rng.random() < 0.6:
            d.op_bank(self.rng.choice(self.bank_kinds))
        weights = [WEIGHTS[k] for k in self.kinds]
        for kind in self.rng.choices(self.kinds, weights, k=self.rng.randint(2, 5)):
            getattr(d, "op_" + kind)()
            if self.every_step:
                invariants.balances(self, today)
        self.a.run(["payment", "auto"], today)
        self.daily_checks(today)

    def daily_checks(self, today):
        invariants.balances(self, today)
        invariants.ledger_check(self, today)
        invariants.nothing_in_locked_period(self, today)
        invariants.closed_files_unchanged(self)

    def close(self, month, today):
        self.a.run(["close", month, "--out", str(self.closes)], today)
        end = month_end(int(month[:4]), int(month[5:]))
        self.lock = end
        customers = invariants.balances(self, today)
        invariants.after_close(self, month, end, today, customers)
        invariants.ledger_check(self, today)
        for path in sorted(self.closes.glob("*/gl*.jsonl")):
            self.kept_files.setdefault(path, path.read_bytes())

    def reopen_and_correct(self, previous, today):
        """A late invoice (and sometimes a receipt) found for the month just closed, or
        for the two months before: reopened, corrected and closed again in order."""
        months = [previous]
        if previous != (2026, 1) and self.rng.random() < 0.3:
            y, m = previous
            months.insert(0, (y - 1, 12) if m == 1 else (y, m - 1))
        y, m = months[0]
        before = month_end(y - 1, 12) if m == 1 else month_end(y, m - 1)
        self.a.run(["period", "reopen", "--reason", "late invoice found", "--to", before], today)
        self.reopened += len(months)
        self.lock = before
        for y, m in months:
            self.month_entries.pop(f"{y}-{m:02d}", None)
        d = Day(self, today)
        for y, m in months:
            when = date(y, m, self.rng.randint(1, calendar.monthrange(y, m)[1])).isoformat()
            c, amount = d.customer(), self.rng.randint(2000, 60000)
            self.a.run(["invoice", "create", "--customer", c, "--date", when, "--line",
                        f"Late item;1;{amount // 100}.{amount % 100:02d}"], today)
            self.model.add(c, amount)
            if self.rng.random() < 0.5:
                d.today = when  # keyed as it was received, in the reopened month
                d.record(c, self.rng.randint(1000, amount), self.model.fresh_token())
        d.today = today
        self.a.run(["payment", "auto"], today)
        for y, m in months:
            self.close(f"{y}-{m:02d}", today)
