#!/usr/bin/env python3
"""Fails when a plugin source (plugins/**/*.cpp, *.hpp) spells an event name
as a string literal: plugins publish and subscribe through the typed events
of kernel/include/arctl/events/, so a renamed event cannot be missed.

  check_event_names.py ROOT
  check_event_names.py --self-test    the check catches a planted literal
"""

import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import event_headers  # noqa: E402

# Literals that are event names by coincidence, with why they may stay.
ALLOWED = {
    ("plugins/statements/close.cpp", "statements.snapshot"):
        "the close step of that name, not the event",
    ("plugins/gl/commands.cpp", "statements.snapshot"):
        "the GL export runs after that close step, which is not the event",
}


def literals(text):
    """(line, content) of each string literal, outside comments."""
    i, n, line = 0, len(text), 1
    while i < n:
        c = text[i]
        if c == "\n":
            line += 1
        elif text.startswith("//", i):
            j = text.find("\n", i)
            i = n if j < 0 else j
            continue
        elif text.startswith("/*", i):
            j = text.find("*/", i + 2)
            j = n if j < 0 else j + 2
            line += text.count("\n", i, j)
            i = j
            continue
        elif c == "'":
            j = i + 1
            while j < n and text[j] != "'":
                j += 2 if text[j] == "\\" else 1
            i = j + 1
            continue
        elif c == '"':
            j, start = i + 1, line
            while j < n and text[j] != '"':
                if text[j] == "\n":
                    line += 1
                j += 2 if text[j] == "\\" else 1
            yield start, text[i + 1:j]
            i = j + 1
            continue
        i += 1


def offending(root):
    names = set(event_headers.event_names(root))
    if not names:
        raise SystemExit(f"no events found under {Path(root) / event_headers.EVENTS_DIR}")
    areas = {n.split(".")[0] for n in names}
    found = []
    for path in sorted((Path(root) / "plugins").rglob("*")):
        if path.suffix not in (".cpp", ".hpp") or not path.is_file():
            continue
        rel = path.relative_to(root).as_posix()
        for line, s in literals(path.read_text(errors="replace")):
            wildcard = s.endswith(".*") and s[:-2] in areas
            if (s in names or wildcard) and (rel, s) not in ALLOWED:
                found.append(f"{rel}:{line}: \"{s}\"")
    return found


def check(root):
    found = offending(root)
    for f in found:
        print(f)
    if found:
        print(f"{len(found)} event name(s) spelled as string literals in plugins/: use the "
              "typed events of arctl/events/*.hpp (tx.publish, bus.on<E>, E::kName)")
        return 1
    print("ok: no plugin source spells an event name")
    return 0


def self_test():
    """The check passes on a clean tree and fails on a planted literal."""
    root = Path(__file__).resolve().parents[2]
    fails = 0
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        shutil.copytree(root / event_headers.EVENTS_DIR, tmp / event_headers.EVENTS_DIR)
        plugin = tmp / "plugins" / "demo"
        plugin.mkdir(parents=True)
        src = plugin / "plugin.cpp"
        cases = [
            ("typed code passes", 0,
             'bus.on<events::InvoicePosted>("demo", on_invoice);  // not "invoice.posted"\n'),
            ("a subscription by name fails", 1, 'bus.subscribe("invoice.posted", "demo", f);\n'),
            ("a publication by name fails", 1,
             '/* ok */ tx.emit("payment.applied",\n  Json{});\n'),
            ("a wildcard by name fails", 1, 'bus.subscribe("dispute.*", "demo", f);\n'),
        ]
        for what, want, code in cases:
            src.write_text(code)
            got = 1 if offending(tmp) else 0
            print(("ok: " if got == want else "FAIL: ") + what)
            fails += got != want
    return 1 if fails else 0


if __name__ == "__main__":
    if sys.argv[1:] == ["--self-test"]:
        sys.exit(self_test())
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    sys.exit(check(Path(sys.argv[1])))
