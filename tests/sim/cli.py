# Runs the real arctl binary for the simulator: one call is one numbered step,
# so a failure names its step and `--until STEP` replays a seed up to it.
import json
import os
import shlex
import subprocess


class SimFailure(Exception):
    """An invariant or an expectation broken at a step; carries what reproduces it."""

    def __init__(self, rule, detail):
        super().__init__(f"{rule}: {detail}")
        self.rule = rule
        self.detail = detail


class StopAtStep(Exception):
    """`--until STEP` was reached: stop with the ledger left as it is."""


def money(text):
    """'1234.56' or '-0.50' -> minor units (int). Amounts are never floats."""
    text = (text or "0").strip()
    neg = text.startswith("-")
    if neg:
        text = text[1:]
    whole, _, frac = text.partition(".")
    cents = int(whole or "0") * 100 + int((frac + "00")[:2])
    return -cents if neg else cents


def fmt(cents):
    sign = "-" if cents < 0 else ""
    cents = abs(cents)
    return f"{sign}{cents // 100}.{cents % 100:02d}"


class Arctl:
    """The binary on one ledger. Every call (read or write) is a step."""

    def __init__(self, binary, ledger, until=None, trace=None):
        self.binary = binary
        self.ledger = ledger
        self.until = until
        self.trace = trace
        self.step = 0
        self.last = ""
        # "payment return (exit 4)" -> [times arctl refused it, as allowed; its first message]
        self.refused = {}

    def run(self, args, today, ok=(0,), actor="clerk", stdin=None):
        """Runs `arctl ARGS` as of `today`; an exit code outside `ok` is a failure."""
        if self.until is not None and self.step >= self.until:
            raise StopAtStep()
        self.step += 1
        env = dict(os.environ, ARCTL_DIR=self.ledger, ARCTL_TODAY=today, ARCTL_ACTOR=actor,
                   NO_COLOR="1")
        self.last = f"ARCTL_TODAY={today} ARCTL_ACTOR={actor} arctl " + shlex.join(args)
        if self.trace:
            self.trace.write(f"{self.step}: {self.last}\n")
        p = subprocess.run([self.binary] + args, env=env, input=stdin, capture_output=True,
                           text=True)
        if p.returncode not in ok:
            got = f"killed by signal {-p.returncode}" if p.returncode < 0 else \
                f"exit {p.returncode}"
            raise SimFailure("arctl crashed" if p.returncode < 0 else "unexpected exit code",
                             f"{got} (expected {'/'.join(map(str, ok))})\n"
                             f"stdout: {p.stdout[-2000:]}\nstderr: {p.stderr[-2000:]}")
        if p.returncode != 0:
            words = [a for a in args if not a.startswith("-")][:2]
            if words and words[0] == "json":
                words = [a for a in args[2:] if not a.startswith("-")][:2]
            key = f"{' '.join(words)} (exit {p.returncode})"
            self.refused.setdefault(key, [0, p.stderr.strip().splitlines()[-1:]])[0] += 1
        return p

    def json(self, args, today, ok=(0,), actor="clerk"):
        p = self.run(["--format", "json"] + args, today, ok=ok, actor=actor)
        if p.returncode != 0:
            return None
        try:
            return json.loads(p.stdout) if p.stdout.strip() else None
        except json.JSONDecodeError as e:
            raise SimFailure("unreadable JSON", f"{e}: {p.stdout[:500]}")

    def jsonl(self, args, today):
        p = self.run(args, today)
        return [json.loads(line) for line in p.stdout.splitlines() if line.strip()]
