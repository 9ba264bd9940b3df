"""The end of a docs check: its problems on stderr, one summary line on
stdout, and the exit status (1 when there is any problem)."""
import sys


def finish(problems, summary):
    for p in problems:
        print(p, file=sys.stderr)
    print(summary)
    return 1 if problems else 0
