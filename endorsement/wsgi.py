"""WSGI entry point (gunicorn endorsement.wsgi). A bad setting stops start-up with one line."""
import os
import sys

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "endorsement.settings")

from django.core.wsgi import get_wsgi_application  # noqa: E402

from endorsement.config import SettingError  # noqa: E402

try:
    application = get_wsgi_application()
except SettingError as exc:
    sys.stderr.write(f"Configuration error: {exc}\n")
    sys.exit(2)
