#!/usr/bin/env python3
"""Writes doc/events.md, the events reference, from the SDK headers
(kernel/include/arctl/events/*.hpp).

  gen_events.py ROOT            print the reference
  gen_events.py ROOT --write    write ROOT/doc/events.md
  gen_events.py ROOT --check    exit 1, with a diff, when doc/events.md differs
"""

import difflib
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import event_headers  # noqa: E402

INTRO = """# Events

Every change to a ledger is journaled as an event, inside the transaction
that makes it; plugins subscribe to events and may veto them by throwing.
This page lists every event the kernel and the bundled plugins publish, with
the fields of its payload as `arctl log --format json` shows them.

It is generated from the SDK headers in `kernel/include/arctl/events/` by
`tests/docs/gen_events.py ROOT --write`; the test `docs.events` fails when
the two disagree. In C++, each event is a struct: publish it with
`tx.publish(events::InvoicePosted{...})` and subscribe with
`bus.on<events::InvoicePosted>("owner", [](Tx&, const events::InvoicePosted&,
const JournalEntry&) {...})`; the string form `bus.subscribe("payment.*", ...)`
is for wildcards. Plugins spell no event name themselves (test
`sdk.event_names`).

A field's name is its JSON key unless its meaning says otherwise; a field
whose payload is an entity's JSON (a customer, a document, an application)
contributes that entity's keys to the top level of the payload.
Money is a decimal string with a separate `currency` field (`"1234.50"`,
`"USD"`); dates are ISO (`2026-10-31`); an optional field is null or absent
when it has no value.
"""


def cell(text):
    return text.replace("|", "\\|")


def render(root):
    out = [INTRO]
    for title, header, structs in event_headers.publishers(root):
        out.append(f"## {title}\n")
        out.append(f"Header: `arctl/events/{header}`.\n")
        for s in structs:
            if s.event:
                out.append(f"### `{s.event}`\n")
                out.append(f"`events::{s.name}`. {s.doc}\n")
            else:
                out.append(f"### `{s.name}` (inside payloads)\n")
                out.append(f"{s.doc}\n")
            if s.fields:
                out.append("| Field | Type | Meaning |")
                out.append("|---|---|---|")
                for f in s.fields:
                    out.append(f"| `{f.name}` | `{cell(f.type)}` | {cell(f.doc)} |")
                out.append("")
    return "\n".join(out).rstrip() + "\n"


def main(argv):
    if len(argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    root = Path(argv[1])
    text = render(root)
    page = root / "doc" / "events.md"
    if "--write" in argv:
        page.write_text(text)
        return 0
    if "--check" in argv:
        have = page.read_text() if page.exists() else ""
        if have == text:
            print(f"ok: {page} matches the headers")
            return 0
        sys.stdout.writelines(
            difflib.unified_diff(have.splitlines(True), text.splitlines(True),
                                 str(page), "from the headers"))
        print(f"\n{page} is out of date: run tests/docs/gen_events.py {root} --write")
        return 1
    sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
