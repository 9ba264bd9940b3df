#!/usr/bin/env python3
"""Writes a deterministic invoice import file (one row per invoice) and the
customers it needs: gen_invoices.py N_INVOICES N_CUSTOMERS OUTDIR [SEED]."""
import random
import sys

n, ncust, out = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
rng = random.Random(int(sys.argv[4]) if len(sys.argv) > 4 else 42)
with open(f"{out}/customers.csv", "w") as f:
    f.write("id,name,terms,credit_limit\n")
    for c in range(ncust):
        terms = rng.choice(["net30", "net30", "net45", "2/10 net30", "eom+30"])
        f.write(f"C{c:06d},Customer {c},{terms},{rng.randrange(5, 500) * 1000}.00\n")
with open(f"{out}/invoices.csv", "w") as f:
    f.write("id,customer,date,description,quantity,unit_price,tax_rate\n")
    for i in range(n):
        month = 1 + (i * 24 // n)  # spread over 24 months
        year, month = 2024 + (month - 1) // 12, 1 + (month - 1) % 12
        day = rng.randrange(1, 29)
        qty = rng.randrange(1, 20)
        price = f"{rng.randrange(1, 2000)}.{rng.randrange(0, 100):02d}"
        tax = rng.choice(["", "", "8.25%", "5%"])
        f.write(f"B{i:08d},C{rng.randrange(ncust):06d},{year}-{month:02d}-{day:02d},Item,{qty},{price},{tax}\n")
