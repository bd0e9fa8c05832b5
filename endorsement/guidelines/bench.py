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

``bench --fresh`` also decides cases of which nothing was seen before: variants of the examples
with every training and RSC entry's hours, every session's date, the families served and the
membership date changed, each decided once (the engine remembers entries, rows and sentences
between cases, as the site does when it shows the same application again; this is the cost
without any of that).

The line says whether the engine ran compiled (``make install`` builds it with mypyc, see
``native.py``) or as plain Python (``ENDORSEMENT_ENGINE=python``, or no current build).

The examples are read from ``$SHARED_DIR/rules/examples`` (default ``<repo>/../shared``).
The engine itself stays free of Django: only ``--django`` imports it.
"""

from __future__ import annotations

import copy
import datetime as dt
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
    show_fresh = "--fresh" in args
    args = [a for a in args if a not in ("--django", "--fresh")]
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
    if show_fresh:
        print(f"never-seen cases: {fresh():.1f} µs of CPU per case (each decided once, "
              f"nothing remembered from another case)")
    print(f"this machine: {machine_ns():.0f} ns of CPU per step of a plain Python loop "
          f"(to compare figures taken on different machines)")


def fresh_variants(cases: list[dict], count: int) -> list[dict]:
    """``count`` variants of each case in which no entry, total or date repeats another's."""
    out = []
    for k in range(count):
        for case in cases:
            c = copy.deepcopy(case)
            for t in c.get("training", []):
                t["hours"] = t["hours"] + (k % 97) / 100 + k // 97
            for s in c.get("rsc", []):
                s["hours"] = s["hours"] + (k % 89) / 100
                s["date"] = (dt.date.fromisoformat(s["date"])
                             - dt.timedelta(days=k % 300)).isoformat()
            for w in c.get("work", []):
                w["families_served"] = w["families_served"] + k % 50
            if c.get("membership_expires"):
                c["membership_expires"] = (dt.date(2027, 1, 1)
                                           + dt.timedelta(days=k)).isoformat()
            out.append(c)
    return out


def fresh(count: int = 150) -> float:
    """CPU µs per case over never-seen variants (:func:`fresh_variants`), each decided once."""
    batch = fresh_variants(load_examples(), count)
    clock = time.process_time
    start = clock()
    for case in batch:
        evaluate(case)
    return (clock() - start) / len(batch) * 1e6


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
