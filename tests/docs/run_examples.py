#!/usr/bin/env python3
"""Runs the examples of the documentation through the real binary.

    run_examples.py ARCTL_BIN PAGE.md...

A fenced block whose info string is `sh example` is an example. The examples
of one page run in order, in one fresh directory with one ledger
(ARCTL_DIR=./.arctl, ARCTL_TODAY=2026-04-02 unless the page sets another), with
`share/` of the source tree reachable as ./share and the built arctl first on
PATH. Each block runs under `bash -euo pipefail`: a command that fails fails
the example. A block `text expected` right after an example holds what that
example must print on standard output (trailing spaces and blank lines at the
end aside). Exit status 0 when every example of every page passes, 1 naming
each page:line that did not.
"""
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from summary import finish  # noqa: E402
import tempfile

FENCE = re.compile(r"^(`{3,})\s*(\S*)\s*(.*)$")


def blocks(path):
    """(line, info, text) for every fenced block of the page."""
    out, cur = [], None
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            m = FENCE.match(line.rstrip("\n"))
            if cur is None and m:
                cur = (n, (m.group(2) + " " + m.group(3)).strip(), m.group(1), [])
            elif cur is not None and line.rstrip("\n") == cur[2]:
                out.append((cur[0], cur[1], "".join(cur[3])))
                cur = None
            elif cur is not None:
                cur[3].append(line)
    return out


def normal(text):
    return "\n".join(l.rstrip() for l in text.rstrip().splitlines())


def run_page(arctl, source, page):
    failures, ran = [], 0
    examples = blocks(page)
    with tempfile.TemporaryDirectory(prefix="arctl-doc-") as tmp:
        os.symlink(os.path.join(source, "share"), os.path.join(tmp, "share"))
        env = dict(os.environ)
        env["PATH"] = os.path.dirname(os.path.abspath(arctl)) + os.pathsep + env["PATH"]
        env["ARCTL_DIR"] = os.path.join(tmp, ".arctl")
        env["ARCTL_TODAY"] = "2026-04-02"
        env["ARCTL_ACTOR"] = "doc"
        env.pop("ARCTL_STORE", None)
        for i, (line, info, text) in enumerate(examples):
            if info != "sh example":
                continue
            ran += 1
            p = subprocess.run(["bash", "-euo", "pipefail", "-c", text], cwd=tmp, env=env,
                               capture_output=True, text=True, timeout=600)
            where = f"{page}:{line}"
            if p.returncode != 0:
                failures.append(f"{where}: the example exited {p.returncode}\n"
                                f"  stderr: {p.stderr.strip()[-800:]}")
                continue
            nxt = examples[i + 1] if i + 1 < len(examples) else None
            if nxt and nxt[1] == "text expected":
                if normal(p.stdout) != normal(nxt[2]):
                    failures.append(f"{page}:{nxt[0]}: the output differs from what the page shows\n"
                                    f"--- the page\n{normal(nxt[2])}\n--- arctl printed\n"
                                    f"{normal(p.stdout)}")
    return ran, failures


def main():
    if len(sys.argv) < 3:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    arctl, pages = sys.argv[1], sys.argv[2:]
    source = os.environ.get("ARCTL_SOURCE_DIR") or os.path.dirname(
        os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    total, failures = 0, []
    for page in pages:
        ran, failed = run_page(arctl, source, page)
        total += ran
        failures += failed
    return finish(failures, f"{total} examples in {len(pages)} pages, {len(failures)} failed")


if __name__ == "__main__":
    sys.exit(main())
