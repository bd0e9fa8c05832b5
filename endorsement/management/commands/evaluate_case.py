"""``manage.py evaluate_case FILE``: decide a case file and print the verdict as JSON.

``FILE`` may be ``-`` for standard input. A file that cannot be read, is not JSON, or does
not follow shared/rules/CASES.md gets one line on stderr naming the problem and exit status 2.
"""

from __future__ import annotations

import json
import sys
from decimal import Decimal
from pathlib import Path

from django.core.management.base import BaseCommand

from endorsement.guidelines import (
    AUDIENCES,
    DEFAULT_EDITION,
    EDITIONS,
    CaseError,
    evaluate,
    evaluate_renewals,
)

EXIT_INVALID = 2


class Command(BaseCommand):
    help = "Decide an Endorsement® case file (JSON, see CASES.md) and print the verdict."

    def add_arguments(self, parser):
        parser.add_argument("file", help="path to the case file, or - for standard input")
        parser.add_argument("--edition", default=DEFAULT_EDITION, choices=sorted(EDITIONS),
                            help=f"rules edition (default {DEFAULT_EDITION}); a case's own "
                                 f"\"edition\" field wins")
        parser.add_argument("--audience", default="applicant", choices=AUDIENCES,
                            help="word the details for the applicant (you have ...) or for "
                                 "staff (the applicant has ...)")

    def handle(self, *args, file: str, edition: str, audience: str = "applicant", **options):
        try:
            data = self._load(file)
            if isinstance(data, dict) and "held" in data:   # several Endorsements® held
                verdict = evaluate_renewals(data, edition, audience=audience)
            else:
                verdict = evaluate(data, edition, audience=audience)
        except _Invalid as exc:
            self._fail(str(exc))
        except CaseError as exc:
            self._fail(f"invalid case: {exc}")
        except Exception as exc:   # a bug, not the file's fault: still one line, exit 1
            if options.get("traceback"):
                raise
            self._fail(f"internal error ({type(exc).__name__}: {exc}); rerun with --traceback",
                       status=1)
        self.stdout.write(json.dumps(verdict, indent=2, ensure_ascii=False))

    def _load(self, file: str):
        name = "standard input" if file == "-" else file
        try:
            text = sys.stdin.read() if file == "-" else Path(file).read_text(encoding="utf-8-sig")
        except FileNotFoundError:
            raise _Invalid(f"cannot read {name}: no such file") from None
        except (OSError, UnicodeDecodeError) as exc:
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else "not UTF-8"
            raise _Invalid(f"cannot read {name}: {reason.lower()}") from None
        try:
            # decimals stay exact: 1.2 hours is 1.2, not the nearest binary fraction
            return json.loads(text, parse_constant=_reject_constant, parse_float=Decimal)
        except ValueError as exc:
            raise _Invalid(f"invalid JSON in {name}: {_json_message(exc)}") from None
        except RecursionError:
            raise _Invalid(f"invalid JSON in {name}: nested too deeply") from None

    def _fail(self, message: str, status: int = EXIT_INVALID) -> None:
        self.stderr.write(f"evaluate_case: {message}")
        sys.exit(status)


class _Invalid(Exception):
    """The input could not be read as JSON."""


def _reject_constant(name: str):
    raise ValueError(f"{name} is not allowed")


def _json_message(exc: ValueError) -> str:
    if isinstance(exc, json.JSONDecodeError):
        return f"{exc.msg} at line {exc.lineno} column {exc.colno}"
    return str(exc)
