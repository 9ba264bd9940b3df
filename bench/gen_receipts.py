#!/usr/bin/env python3
"""Writes a bank CSV of receipts against the invoices of gen_invoices.py:
gen_receipts.py INVOICES_CSV N_RECEIPTS OUT_CSV [SEED]. The mix: 60% pay one
invoice by reference, 10% two invoices by reference, 15% one invoice by
amount with no reference, 10% two or three invoices by their sum with no
reference, 5% unidentified (suspense). No invoice is paid twice."""
import csv
import random
import sys
from collections import defaultdict

src, n, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
rng = random.Random(int(sys.argv[4]) if len(sys.argv) > 4 else 7)
RATES = {"": 0, "8.25%": 825, "5%": 500}  # basis points of a percent x 100

totals, customer_of, by_customer = {}, {}, defaultdict(list)
with open(src) as f:
    for row in csv.DictReader(f):
        whole, _, frac = row["unit_price"].partition(".")
        price = int(whole) * 100 + int((frac + "00")[:2])
        net = int(row["quantity"]) * price
        tax = (net * RATES[row["tax_rate"]] + 5000) // 10000
        totals[row["id"]] = totals.get(row["id"], 0) + net + tax
        if row["id"] not in customer_of:
            customer_of[row["id"]] = row["customer"]
            by_customer[row["customer"]].append(row["id"])

customers = list(by_customer)
used = set()


def pick(customer, count):
    free = [i for i in by_customer[customer] if i not in used]
    if len(free) < count:
        return None
    chosen = rng.sample(free, count)
    used.update(chosen)
    return chosen


def money(c):
    return f"{c // 100}.{c % 100:02d}"


with open(out, "w") as f:
    f.write("entry_ref,date,amount,currency,reference,payer\n")
    written = 0
    while written < n:
        customer = rng.choice(customers)
        kind = rng.random()
        if kind < 0.60:
            ids, ref = pick(customer, 1), "INV {}"
        elif kind < 0.70:
            ids, ref = pick(customer, 2), "Pymt {} & {}"
        elif kind < 0.85:
            ids, ref = pick(customer, 1), "payment"
        elif kind < 0.95:
            ids, ref = pick(customer, rng.choice([2, 3])), "remittance"
        else:
            ids, ref = ["?"], "TRANSFER"
        if ids is None:
            continue
        amount = sum(totals.get(i, 0) for i in ids) if ids != ["?"] else rng.randrange(1000, 100000)
        written += 1
        text = ref.format(*ids) if "{}" in ref else ref
        payer = "UNKNOWN REMITTER" if ids == ["?"] else f"Customer {int(customer[1:])}"
        f.write(f"R{written:07d},2026-01-15,{money(amount)},USD,{text},{payer}\n")
