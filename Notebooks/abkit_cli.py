"""Run the `abkit` command line from a notebook and read its JSON.

The binary is found in this order:

1. the ABKIT environment variable (a path to an `abkit` executable);
2. `.build/release/abkit`, then `.build/debug/abkit`, at the repository root;
3. otherwise `swift run -c release abkit` (builds it first, which takes minutes).

Commands run from the repository root, so paths such as `Experiments/cookie-cats-gate.json`
work as they do in the README.
"""

from __future__ import annotations

import json
import os
import shlex
import subprocess
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def abkit_command() -> list[str]:
    """The argv prefix that runs abkit."""
    explicit = os.environ.get("ABKIT")
    if explicit:
        path = Path(explicit).expanduser()
        if not path.is_file():
            raise FileNotFoundError(f"ABKIT={explicit} is not a file")
        return [str(path)]
    for configuration in ("release", "debug"):
        candidate = REPO / ".build" / configuration / "abkit"
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return [str(candidate)]
    return ["swift", "run", "-c", "release", "abkit"]


@dataclass
class Run:
    """One finished abkit command."""

    args: list[str]
    returncode: int
    stdout: str
    stderr: str

    def json(self):
        return json.loads(self.stdout)

    def __repr__(self) -> str:
        return f"$ abkit {shlex.join(self.args)}  →  exit {self.returncode}"


def abkit(*args: str, ok: tuple[int, ...] = (0,)) -> Run:
    """Runs `abkit ARGS...` from the repository root; raises unless the exit code is in `ok`."""
    argv = abkit_command() + [str(a) for a in args]
    done = subprocess.run(argv, cwd=REPO, capture_output=True, text=True)
    run = Run(list(map(str, args)), done.returncode, done.stdout, done.stderr)
    if done.returncode not in ok:
        raise RuntimeError(f"{run} (expected {ok})\n{done.stderr}")
    return run


def variant(metric: dict, key: str) -> dict:
    """The variant entry `key` of one metric of the result JSON."""
    return next(v for v in metric["variants"] if v["key"] == key)


def metric(result: dict, metric_id: str) -> dict:
    """The metric `metric_id` of the result JSON."""
    return next(m for m in result["metrics"] if m["id"] == metric_id)
