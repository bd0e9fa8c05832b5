"""Every message of a language's catalog translated: exit 1 listing the ones that are not.

``manage.py check_translations es`` reads locale/es/LC_MESSAGES/django.po (``--po`` for another
file) and lists each msgid with an empty, partly empty (a plural form missing) or fuzzy
translation, and fails first when the catalog does not compile (msgfmt --check-format refuses a
translation whose %(name)s placeholders differ from the English).
"""
import ast
import os
import re
import shutil
import subprocess
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

KEYWORD = re.compile(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)\s+(".*")\s*$')


def parse_po(text: str) -> list[dict]:
    """The entries of a .po file: ``{"msgid", "msgid_plural", "msgstr": [...], "fuzzy"}``
    (obsolete ``#~`` entries and the header are left out)."""
    entries, entry, key = [], None, None

    def close():
        if entry is not None and entry.get("msgid"):
            entries.append(entry)

    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#~"):
            if not line:
                close()
                entry, key = None, None
            continue
        if line.startswith("#"):
            if line.startswith("#,") and "fuzzy" in line:
                if entry is None:
                    entry = {"msgid": "", "msgid_plural": "", "msgstr": {}, "fuzzy": False}
                entry["fuzzy"] = True
            continue
        match = KEYWORD.match(line)
        if match:
            if entry is None:
                entry = {"msgid": "", "msgid_plural": "", "msgstr": {}, "fuzzy": False}
            key, value = match.group(1), ast.literal_eval(match.group(2))
            if key.startswith("msgstr"):
                entry["msgstr"][key] = value
            elif key in ("msgid", "msgid_plural"):
                entry[key] = value
        elif line.startswith('"') and entry is not None and key:
            value = ast.literal_eval(line)
            if key.startswith("msgstr"):
                entry["msgstr"][key] += value
            elif key in ("msgid", "msgid_plural"):
                entry[key] += value
    close()
    return entries


def untranslated(text: str) -> list[str]:
    """The msgids of ``text`` (a .po file) not fully translated, in file order."""
    missing = []
    for entry in parse_po(text):
        forms = entry["msgstr"].values()
        if entry["fuzzy"] or not forms or any(not form for form in forms):
            missing.append(entry["msgid"])
    return missing


def compile_errors(path: Path) -> str:
    """msgfmt's complaints about the catalog (a placeholder that differs from the English, a
    syntax error), or "" when it compiles. Without gettext installed: "" (make install adds it)."""
    msgfmt = shutil.which("msgfmt")
    if msgfmt is None:
        return ""
    done = subprocess.run([msgfmt, "--check-format", "-o", os.devnull, str(path)],  # noqa: S603
                          capture_output=True, text=True)
    return "" if done.returncode == 0 else done.stderr.strip()


class Command(BaseCommand):
    help = "Exit 1, listing them, when a catalog has untranslated or fuzzy messages."

    def add_arguments(self, parser):
        parser.add_argument("language", nargs="?", default="es")
        parser.add_argument("--po", help="The .po file to check (default: the language's "
                                         "locale/<language>/LC_MESSAGES/django.po).")

    def handle(self, *args, language="es", po=None, **options):
        path = Path(po) if po else (Path(settings.LOCALE_PATHS[0]) / language / "LC_MESSAGES"
                                    / "django.po")
        if not path.is_file():
            raise CommandError(f"No catalog at {path}: run `make messages`.")
        broken = compile_errors(path)
        if broken:
            self.stdout.write(broken)
            raise CommandError(f"{path} does not compile (msgfmt --check-format).")
        missing = untranslated(path.read_text(encoding="utf-8"))
        if missing:
            for msgid in missing:
                self.stdout.write(f"untranslated: {msgid!r}")
            raise CommandError(f"{len(missing)} message(s) of {path} are not translated.")
        self.stdout.write(f"Every message of {path} is translated.")
