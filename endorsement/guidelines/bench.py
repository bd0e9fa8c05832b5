"""How fast the engine decides cases: ``python -m endorsement.guidelines.bench``.

Evaluates the example cases (validation included) over and over for about two seconds of
this process's CPU time (``time.process_time``), so the figure is one core's throughput even
when other work shares the machine.
The examples are read from ``$SHARED_DIR/rules/examples`` (default ``<repo>/../shared``).
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

from .engine import evaluate


def examples_dir() -> Path:
    """``$SHARED_DIR/rules/examples``, by default next to the repository."""
    repo = Path(__file__).resolve().parents[2]
    return Path(os.environ.get("SHARED_DIR", repo.parent / "shared")) / "rules" / "examples"


def load_examples(folder: Path | None = None) -> list[dict]:
    """Every case file (not the ``*.expected.json``) in ``folder``."""
    folder = folder or examples_dir()
    return [json.loads(f.read_text(encoding="utf-8")) for f in sorted(folder.glob("*.json"))
            if not f.name.endswith(".expected.json")]


def run(seconds: float = 2.0) -> tuple[int, float, int]:
    """Evaluate the examples for ``seconds``; return (cases decided, elapsed, example count)."""
    cases = load_examples()
    if not cases:
        raise SystemExit(f"no example cases in {examples_dir()}")
    for case in cases:   # warm up
        evaluate(case)
    clock = time.process_time
    done, start = 0, clock()
    deadline = start + seconds
    while clock() < deadline:
        for case in cases:
            evaluate(case)
        done += len(cases)
    return done, clock() - start, len(cases)


def main() -> None:
    """Print the throughput."""
    seconds = float(sys.argv[1]) if len(sys.argv) > 1 else 2.0
    done, elapsed, n = run(seconds)
    print(f"eligibility engine: {done / elapsed:,.0f} cases/s "
          f"(mean {elapsed / done * 1e6:.0f} µs of CPU per case) over {n} example cases")


if __name__ == "__main__":
    main()
