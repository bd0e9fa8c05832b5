"""How fast the engine decides cases: ``python -m endorsement.guidelines.bench``.

Evaluates the example cases (validation included) over and over for about two seconds of
this process's CPU time (``time.process_time``), so the figure is one core's throughput even
when other work shares the machine. The time is split into five rounds and the best and the
median round are reported, in µs of CPU per case (the target is under 50 µs: 20,000 cases a
second); on a busy machine the best round is the fairer figure. ``bench 5`` runs for five
seconds.

``bench 5 --django`` measures the engine as the site runs it, as ``manage.py bench_figures``
(``make bench``) does: Django set up (``DJANGO_SETTINGS_MODULE``, by default
``endorsement.settings``), so every sentence goes through the web layer's translator
(``endorsement.i18n.engine_translator``), with the site's default language active as on a
page; ``--language es`` renders in Spanish instead, ``--language none`` with no language
active (as a bare management command).

The line says whether the engine ran compiled (``make install`` builds it with mypyc, see
``native.py``) or as plain Python (``ENDORSEMENT_ENGINE=python``, or no current build).

The examples are read from ``$SHARED_DIR/rules/examples`` (default ``<repo>/../shared``).
The engine itself stays free of Django: only ``--django`` imports it.
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import time
from pathlib import Path

from . import native
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


def rounds(seconds: float = 2.0, count: int = 5) -> list[float]:
    """µs of CPU per case in each of ``count`` rounds sharing ``seconds``."""
    out = []
    for _ in range(count):
        done, elapsed, _n = run(seconds / count)
        out.append(elapsed / done * 1e6)
    return out


def main(argv: list[str] | None = None) -> None:
    """Print the throughput: the best and the median round."""
    args = list(sys.argv[1:] if argv is None else argv)
    django_mode = "--django" in args
    language = None
    if "--language" in args:
        at = args.index("--language")
        language = args[at + 1]
        del args[at:at + 2]
    args = [a for a in args if a != "--django"]
    seconds = float(args[0]) if args else 2.0
    how = "standalone, English"
    if django_mode:
        how = _in_django(language)
    how += ", " + engine_build()
    per_case = sorted(rounds(seconds))
    best, median = per_case[0], statistics.median(per_case)
    print(f"eligibility engine ({how}): {best:.1f} µs of CPU per case at best, "
          f"{median:.1f} median ({1e6 / best:,.0f} / {1e6 / median:,.0f} cases/s) over "
          f"{len(load_examples())} example cases, {len(per_case)} rounds; target < 50 µs")
    print(f"this machine: {machine_ns():.0f} ns of CPU per step of a plain Python loop "
          f"(to compare figures taken on different machines)")


def machine_ns(steps: int = 2_000_000) -> float:
    """This machine's speed, so figures taken on different machines (or on a busy one) can be
    compared: CPU ns per step of a plain Python loop adding integers, best of three."""
    best = float("inf")
    for _ in range(3):
        total, start = 0, time.process_time()
        for i in range(steps):
            total += i
        best = min(best, (time.process_time() - start) / steps * 1e9)
    return best


def engine_build() -> str:
    """Which engine runs: "compiled" (mypyc, ``native.py``) or "plain Python"."""
    return "compiled" if native.in_use() else "plain Python"


def _in_django(language: str | None) -> str:
    """Set Django up and activate ``language`` (default: the site's); says which."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "endorsement.settings")
    import django
    from django.conf import settings
    from django.utils import translation

    django.setup()
    if language == "none":
        translation.deactivate()
        return "in Django, no language active"
    translation.activate(language or settings.LANGUAGE_CODE)
    return f"in Django, {translation.get_language()}"


if __name__ == "__main__":
    main()
