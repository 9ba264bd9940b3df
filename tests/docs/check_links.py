#!/usr/bin/env python3
"""Every relative link of the documentation names a file that exists.

    check_links.py PAGE.md...
"""
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from summary import finish  # noqa: E402

LINK = re.compile(r"\]\(([^)#\s]+)(#[^)]*)?\)")


def main():
    bad = []
    for page in sys.argv[1:]:
        base = os.path.dirname(os.path.abspath(page))
        fence = False
        with open(page, encoding="utf-8") as f:
            for n, line in enumerate(f, 1):
                if line.startswith("```"):
                    fence = not fence
                if fence:
                    continue
                for m in LINK.finditer(line):
                    target = m.group(1)
                    if re.match(r"^[a-z]+:", target):
                        continue
                    if not os.path.exists(os.path.join(base, target)):
                        bad.append(f"{page}:{n}: '{target}' does not exist")
    return finish(bad, f"{len(sys.argv) - 1} pages, {len(bad)} broken links")


if __name__ == "__main__":
    sys.exit(main())
