#!/usr/bin/env python3
"""The generated manual pages document exactly the commands and options the
binary accepts: every command has its page, every option a command takes is
listed in that command's OPTIONS subsection (and nothing the command refuses
is), and `arctl help COMMAND` names the same options.

The options are read from the binary through `arctl __complete` (the
completion walk, independent of the page generator) and from the roff files
by parsing their `.TP` option lines. Usage: man_options.py ARCTL MANDIR
"""
import functools
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ARCTL, MANDIR = sys.argv[1], Path(sys.argv[2])
failures = []


def check(ok, what):
    if not ok:
        failures.append(what)
    return ok


def env(tmp):
    e = {k: v for k, v in os.environ.items()
         if k not in ("ARCTL_PLUGIN_PATH", "ARCTL_STORE", "ARCTL_DIR", "NO_COLOR")}
    # No ledger (so no aliases), no external arctl-* commands.
    e.update(ARCTL_DIR=os.path.join(tmp, "no-ledger"), PATH="/usr/bin:/bin", LC_ALL="C.UTF-8")
    return e


def arctl(tmp, *args):
    r = subprocess.run([ARCTL, *args], env=env(tmp), capture_output=True, text=True)
    if r.returncode != 0:
        raise SystemExit(f"arctl {' '.join(args)} exited {r.returncode}: {r.stderr}")
    return r.stdout


@functools.lru_cache(maxsize=None)
def candidates(tmp, path, partial):
    return set(arctl(tmp, "__complete", *path, partial).split())


def commands(tmp, path=()):
    """Every command path under `path`, depth first, from the completion walk."""
    out = []
    for name in sorted(candidates(tmp, path, "")):
        sub = (*path, name)
        out.append(sub)
        out.extend(commands(tmp, sub))
    return out


def accepted(tmp, path):
    """Options accepted on `path`, its ancestors' included (fallthrough)."""
    return candidates(tmp, path, "-")


OPTION = re.compile(r"\\fB(\\-(?:\\-)?[A-Za-z0-9][A-Za-z0-9_.\\-]*)\\fR")


def documented(page):
    """{command path: set of options} from a page's OPTIONS section."""
    text = page.read_text()
    section = text.split("\n.SH OPTIONS\n", 1)
    if not check(len(section) == 2, f"{page.name}: no OPTIONS section"):
        return {}
    body = section[1].split("\n.SH ", 1)[0].split("\n")
    out, current = {}, ()
    for i, line in enumerate(body):
        m = re.match(r'\.SS "arctl ?(.*)"$', line)
        if m:
            current = tuple(m.group(1).replace("\\-", "-").split())
            out.setdefault(current, set())
        elif line == ".TP" and i + 1 < len(body):
            names = {n.replace("\\-", "-") for n in OPTION.findall(body[i + 1])}
            out.setdefault(current, set()).update(names)
    return out


with tempfile.TemporaryDirectory() as tmp:
    top = sorted(candidates(tmp, (), ""))
    check(len(top) > 10, f"the binary lists only {top} as commands")
    pages = {p.name for p in (MANDIR / "man1").glob("arctl*.1")}
    expected = {"arctl.1"} | {f"arctl-{c}.1" for c in top}
    check(expected <= pages, f"commands without a page: {sorted(expected - pages)}")
    check(pages <= expected, f"pages of no command: {sorted(pages - expected)}")
    for page7 in ("arctl-plugins.7", "arctl-exit-codes.7"):
        check((MANDIR / "man7" / page7).is_file(), f"missing {page7}")

    docs = {(): documented(MANDIR / "man1" / "arctl.1").get((), set())}
    for name in top:
        page = MANDIR / "man1" / f"arctl-{name}.1"
        if page.is_file():
            docs.update(documented(page))

    paths = [(), *commands(tmp)]
    checked = 0
    for path in paths:
        label = "arctl " + " ".join(path) if path else "arctl"
        mine = accepted(tmp, path)
        own = mine - (accepted(tmp, path[:-1]) if path else set())
        doc = docs.get(path, set())
        check(own <= doc, f"{label}: accepted but not in its manual page: {sorted(own - doc)}")
        check(doc <= mine, f"{label}: in its manual page but refused: {sorted(doc - mine)}")
        if doc:
            helptext = arctl(tmp, "help", *path)
            missing = sorted(o for o in doc if not re.search(re.escape(o) + r"\b", helptext))
            check(not missing, f"{label}: documented, but not in 'arctl help': {missing}")
        checked += len(own)
    stale = set(docs) - set(paths)
    check(not stale, f"OPTIONS subsections of no command: {sorted(stale)}")
    check(checked > 100, f"only {checked} options were compared")

if failures:
    print("\n".join(failures), file=sys.stderr)
    print(f"man_options: {len(failures)} checks FAILED", file=sys.stderr)
    sys.exit(1)
print(f"man_options: {checked} options of {len(top)} commands match their manual pages")
