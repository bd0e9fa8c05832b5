#!/usr/bin/env python
"""Django's command-line utility for administrative tasks."""
import os
import sys


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "endorsement.settings")
    from endorsement.config import SettingError

    try:
        from django.conf import settings

        settings.INSTALLED_APPS  # noqa: B018 - read the settings now, to fail early and clearly
    except SettingError as exc:
        sys.stderr.write(f"Configuration error: {exc}\n")
        sys.exit(2)
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
