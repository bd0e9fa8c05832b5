"""The compiled catalogs the tests need (``make test`` compiles them; a bare pytest run too)."""
import shutil
import subprocess
from pathlib import Path

from django.conf import settings


def ensure_compiled() -> None:
    """Compile each locale/*/LC_MESSAGES/django.po whose .mo is missing or older, as
    ``manage.py compilemessages`` does (msgfmt --check-format). Without msgfmt: nothing."""
    msgfmt = shutil.which("msgfmt")
    if msgfmt is None:
        return
    for base in settings.LOCALE_PATHS:
        for po in Path(base).glob("*/LC_MESSAGES/*.po"):
            mo = po.with_suffix(".mo")
            if not mo.exists() or mo.stat().st_mtime < po.stat().st_mtime:
                subprocess.run([msgfmt, "--check-format", "-o", str(mo), str(po)],  # noqa: S603
                               check=True)
