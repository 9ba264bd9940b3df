# The simulator's own reference of what each customer owes, built only from
# the operations it issued (never read back from arctl), and what it needs to
# pick sensible next operations (receipts it keyed, cases it opened).
from dataclasses import dataclass, field


def tax_of(net, basis_points):
    """Tax on a line, half away from zero to the cent (rates in 1/100 of a percent)."""
    return (net * basis_points * 2 + 10000) // 20000


@dataclass
class Receipt:
    id: str
    customer: str  # "" while in suspense
    amount: int
    date: str
    ref: str
    keyed: bool  # keyed by hand (a bank line may later confirm it)
    status: str = "active"  # active, returned, reversed
    linked: bool = False
    moved: bool = False  # reassigned once: not moved again
    owners: list = field(default_factory=list)  # [customer, from, until] as it moved
    cancelled_on: str = ""  # returned or reversed on this day

    def owned_by(self, customer, day):
        """Whether the receipt was `customer`'s and not cancelled on `day` (either
        way on the day of a change: the simulator does not know the order within it)."""
        if self.cancelled_on and self.cancelled_on < day:
            return False
        return any(c == customer and since <= day and (not until or until >= day)
                   for c, since, until in self.owners)


@dataclass
class Case:
    id: str
    invoice: str
    customer: str
    amount: int
    open: bool = True


@dataclass
class Model:
    balances: dict = field(default_factory=dict)  # customer -> owed (minor units)
    names: dict = field(default_factory=dict)  # customer -> name
    terms: dict = field(default_factory=dict)
    suspense: dict = field(default_factory=dict)  # receipt -> amount
    receipts: dict = field(default_factory=dict)
    cases: dict = field(default_factory=dict)
    proposals: dict = field(default_factory=dict)  # proposal -> (customer, amount)
    busy_invoices: set = field(default_factory=set)  # disputed, promised or proposed
    excluded: dict = field(default_factory=dict)  # invoice -> reason
    discounts: dict = field(default_factory=dict)  # receipt -> discount it took
    undone: set = field(default_factory=set)  # receipts whose discount went with them
    token: int = 0

    def undo_discount(self, rid):
        """What a receipt's discount gives back when the receipt is cancelled or moved."""
        if rid in self.undone:
            return 0
        self.undone.add(rid)
        return self.discounts.get(rid, 0)

    def add(self, customer, delta):
        self.balances[customer] = self.balances.get(customer, 0) + delta

    def fresh_token(self):
        """A reference word no invoice id can be read in: letters only."""
        self.token += 1
        n, word = self.token, ""
        while n:
            n, r = divmod(n - 1, 26)
            word = chr(ord("a") + r) + word
        return "ref" + word

    def receipt(self, r):
        self.receipts[r.id] = r
        if r.customer:
            r.owners.append([r.customer, "", ""])
            self.add(r.customer, -r.amount)
        else:
            self.suspense[r.id] = r.amount

    def assign(self, rid, customer, day):
        amount = self.suspense.pop(rid)
        self.receipts[rid].customer = customer
        self.receipts[rid].owners.append([customer, day, ""])
        self.add(customer, -amount)

    def cancel(self, rid, status, day, fee=0):
        """A receipt returned (with an optional fee) or reversed: its money is owed again."""
        r = self.receipts[rid]
        r.status, r.cancelled_on = status, day
        if r.customer:  # a discount stands or falls with the payment that earned it
            self.add(r.customer, r.amount + fee + self.undo_discount(rid))
        else:
            self.suspense.pop(rid, None)

    def reassign(self, rid, to, day):
        r = self.receipts[rid]
        self.add(r.customer, r.amount + self.undo_discount(rid))
        self.add(to, -r.amount)
        r.owners[-1][2] = day
        r.owners.append([to, day, ""])
        r.customer = to
        r.moved = True
