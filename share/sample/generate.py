#!/usr/bin/env python3
"""Writes the sample ledger's files, deterministically (seeded): 300 customers,
invoices from January to March 2026, and a bank statement (arctl's bank CSV)
of the payments received for them: most on time and by reference, some late,
short, combined, unreferenced or unidentified. Run from this directory."""
import random
from datetime import date, timedelta

rng = random.Random(2026)
FIRST = ["Acme", "Blue", "Cedar", "Delta", "Eagle", "Falcon", "Granite", "Harbor", "Iron", "Jade",
         "Kestrel", "Lumen", "Maple", "North", "Oak", "Pine", "Quarry", "River", "Summit", "Tide",
         "Union", "Valley", "Willow", "Yukon", "Zenith"]
SECOND = ["Supply", "Logistics", "Hardware", "Marine", "Foods", "Builders", "Labs", "Aviation",
          "Electric", "Health", "Outfitters", "Printing", "Timber", "Robotics", "Dairy", "Textiles"]
TERMS = ["net30"] * 6 + ["net45", "net60", "2/10 net30", "eom+30", "due-on-receipt"]
ITEMS = [("Widget", "19.99"), ("Gadget", "149.00"), ("Service hour", "95.00"), ("Freight", "45.50"),
         ("Maintenance plan", "1200.00"), ("Consulting day", "850.00"), ("Spare part", "7.25")]


def due(issued, terms):
    base = terms.split(" ")[-1]
    if base == "due-on-receipt":
        return issued
    if base.startswith("eom"):
        nxt = date(issued.year + issued.month // 12, issued.month % 12 + 1, 1)
        return nxt - timedelta(days=1) + timedelta(days=int(base[4:] or 0))
    return issued + timedelta(days=int(base[3:]))


customers = []
with open("customers.csv", "w") as f:
    f.write("id,name,currency,terms,credit_limit,email\n")
    for i in range(300):
        cid = f"C{i + 1:04d}"
        name = f"{rng.choice(FIRST)} {rng.choice(SECOND)} {i + 1}"
        terms = rng.choice(TERMS)
        limit = rng.choice([5000, 10000, 25000, 50000, 100000])
        customers.append((cid, name, terms))
        f.write(f"{cid},{name},USD,{terms},{limit}.00,ap@{cid.lower()}.example\n")

invoices = []  # (id, customer, name, issued, due, total_cents)
with open("invoices.csv", "w") as f:
    f.write("id,customer,date,description,quantity,unit_price,tax_rate\n")
    n = 0
    for month in (1, 2, 3):
        for cid, name, terms in customers:
            for _ in range(rng.choice([1, 2, 3, 3, 4])):
                n += 1
                inv = f"INV-2026-{n:06d}"
                issued = date(2026, month, rng.randrange(1, 29))
                lines, total = [], 0
                for _ in range(rng.choice([1, 1, 2, 3])):
                    desc, price = rng.choice(ITEMS)
                    qty = rng.randrange(1, 12)
                    tax = rng.choice(["", "", "8.25%"])
                    net = qty * int(price.replace(".", ""))
                    tx = (net * 825 + 5000) // 10000 if tax else 0
                    total += net + tx
                    lines.append(f"{inv},{cid},{issued},{desc},{qty},{price},{tax}\n")
                f.writelines(lines)
                invoices.append((inv, cid, name, issued, due(issued, terms), total))


def money(cents):
    return f"{cents // 100}.{cents % 100:02d}"


with open("bank.csv", "w") as f:
    f.write("entry_ref,date,amount,currency,reference,payer,method\n")
    n = 0
    pending = []
    for inv in invoices:
        _, cid, name, issued, due_date, total = inv
        if issued >= date(2026, 3, 10):
            continue  # too recent to be paid
        fate = rng.random()
        if fate < 0.12:
            continue  # unpaid: the dunning and aging have something to show
        paid_on = due_date + timedelta(days=rng.choice([-8, -3, 0, 2, 5, 12, 25, 40]))
        if paid_on > date(2026, 3, 31):
            continue
        paid_on = max(paid_on, issued + timedelta(days=1))
        amount, ref, payer = total, f"Invoice {inv[0]}", name
        if fate < 0.20 and total > 5000:
            amount = total - rng.choice([500, 1250, 2000])  # short: a deduction
        elif fate < 0.28:
            pending.append(inv)  # paid later together with another invoice
            if len(pending) < 2 or pending[0][1] != pending[1][1]:
                pending = pending[-1:]
                continue
            a, b = pending
            pending = []
            amount, ref = a[5] + b[5], f"Pymt inv {a[0]} & {b[0]}"
        elif fate < 0.33:
            ref = "Payment thank you"  # no reference: matched by amount
        elif fate < 0.35:
            ref, payer = "TRANSFER", "UNKNOWN REMITTER"  # unidentified: suspense
        n += 1
        method = rng.choice(["wire", "ach", "ach", "check"])
        f.write(f"BK{n:06d},{paid_on},{money(amount)},USD,{ref},{payer},{method}\n")
