"""Reading settings from the environment, strictly.

Every reader raises ``SettingError`` naming the variable when a value is malformed, so a
bad deployment stops at start-up with one clear line instead of misbehaving later.
"""
import os
import re
import secrets
from pathlib import Path
from urllib.parse import unquote, urlparse

from django.core.exceptions import ImproperlyConfigured

TRUE_WORDS = {"1", "true", "yes", "on"}
FALSE_WORDS = {"0", "false", "no", "off"}


class SettingError(ImproperlyConfigured):
    """A setting from the environment is missing or malformed."""


def text(name: str, default: str | None = None) -> str | None:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    return value.strip()


def choice(name: str, default: str, allowed: tuple[str, ...]) -> str:
    value = text(name, default)
    if value not in allowed:
        raise SettingError(f"{name}: expected one of {', '.join(allowed)}, got {value!r}")
    return value


def rule_editions() -> tuple[str, ...]:
    """The eligibility engine's rules editions (plain Python, no Django)."""
    from endorsement.guidelines.editions import EDITIONS

    return tuple(EDITIONS)


def flag(name: str, default: bool) -> bool:
    value = text(name)
    if value is None:
        return default
    if value.lower() in TRUE_WORDS:
        return True
    if value.lower() in FALSE_WORDS:
        return False
    raise SettingError(f"{name}: expected true or false, got {value!r}")


def integer(name: str, default: int, minimum: int = 0) -> int:
    value = text(name)
    if value is None:
        return default
    try:
        number = int(value)
    except ValueError:
        raise SettingError(f"{name}: expected a whole number, got {value!r}") from None
    if number < minimum:
        raise SettingError(f"{name}: must be at least {minimum}, got {number}")
    return number


def word_list(name: str, default: list[str]) -> list[str]:
    value = text(name)
    if value is None:
        return default
    return [part.strip() for part in value.split(",") if part.strip()]


def integers(name: str, default: tuple[int, ...], minimum: int = 0) -> tuple[int, ...]:
    """A comma-separated list of whole numbers, e.g. REFERENCE_REMINDER_DAYS=7,14."""
    value = text(name)
    if value is None:
        return default
    try:
        numbers = tuple(int(part) for part in value.split(",") if part.strip())
    except ValueError:
        message = f"{name}: expected whole numbers separated by commas, got {value!r}"
        raise SettingError(message) from None
    if not numbers or min(numbers) < minimum:
        raise SettingError(f"{name}: expected numbers of at least {minimum}, got {value!r}")
    return numbers


def url(name: str, default: str | None, schemes: tuple[str, ...]) -> str | None:
    value = text(name, default)
    if value is None:
        return None
    parsed = urlparse(value)
    if parsed.scheme not in schemes:
        allowed = ", ".join(f"{s}://" for s in schemes)
        raise SettingError(f"{name}: expected a URL starting with {allowed}, got {value!r}")
    if parsed.scheme not in ("sqlite",) and not parsed.netloc:
        raise SettingError(f"{name}: the URL {value!r} has no host")
    return value


def database(name: str, default_sqlite_path: Path) -> dict:
    """DATABASE_URL as Django's DATABASES['default']; SQLite on disk when unset."""
    value = url(name, None, ("postgres", "postgresql", "sqlite"))
    if value is None:
        return {"ENGINE": "django.db.backends.sqlite3", "NAME": str(default_sqlite_path)}
    parsed = urlparse(value)
    if parsed.scheme == "sqlite":
        # sqlite:///relative/path.db and sqlite:////absolute/path.db, as dj-database-url reads them
        path = parsed.netloc + parsed.path
        path = path[1:] if path.startswith("/") else path
        return {"ENGINE": "django.db.backends.sqlite3", "NAME": path or str(default_sqlite_path)}
    name_part = parsed.path.lstrip("/")
    if not name_part:
        raise SettingError(f"{name}: the URL names no database (add /dbname at the end)")
    return {
        "ENGINE": "django.db.backends.postgresql",
        # Percent-decoded: a password with @ : / # ? must be written %40 %3A %2F %23 %3F.
        "NAME": unquote(name_part),
        "USER": unquote(parsed.username or ""),
        "PASSWORD": unquote(parsed.password or ""),
        "HOST": parsed.hostname or "",
        "PORT": str(parsed.port or ""),
        "CONN_MAX_AGE": integer("DATABASE_CONN_MAX_AGE", 60),
        "CONN_HEALTH_CHECKS": True,
        **_planner_options(),
    }


def _planner_options() -> dict:
    """PostgreSQL's planner told that a random read costs about a sequential one (SSD or data
    in memory; DATABASE_RANDOM_PAGE_COST, 1.1 by default, empty for the server's own 4, which
    is for spinning disks). With 4 it scans all 100,000 accounts for a name search that the
    trigram indexes answer ten times faster (issue 14)."""
    cost = text("DATABASE_RANDOM_PAGE_COST", "1.1")
    if not cost:
        return {}
    try:
        value = float(cost)
    except ValueError:
        raise SettingError(f"DATABASE_RANDOM_PAGE_COST: expected a number, got {cost!r}") from None
    return {"OPTIONS": {"options": f"-c random_page_cost={value:g}"}}


def secret_key(embedded: bool, var_dir: Path) -> str:
    """SECRET_KEY, or the contents of SECRET_KEY_FILE; a per-machine key in embedded mode."""
    value = text("SECRET_KEY")
    key_file = text("SECRET_KEY_FILE")
    if value is None and key_file:
        try:
            value = Path(key_file).read_text().strip()
        except OSError as exc:
            message = f"SECRET_KEY_FILE: cannot read {key_file!r} ({exc.strerror})"
            raise SettingError(message) from None
    if value is None:
        if not embedded:
            raise SettingError("SECRET_KEY: missing (set SECRET_KEY or SECRET_KEY_FILE)")
        stored = var_dir / "secret_key"
        if not stored.exists():
            var_dir.mkdir(parents=True, exist_ok=True)
            # Created owner-only from the start (write-then-chmod leaves a moment in which
            # the key is readable by everyone under the usual umask).
            try:
                fd = os.open(stored, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            except FileExistsError:  # another process made it first: use theirs
                pass
            else:
                with os.fdopen(fd, "w") as handle:
                    handle.write(secrets.token_urlsafe(50))
        value = stored.read_text().strip()
    if len(value) < 32:
        raise SettingError("SECRET_KEY: too short (use at least 50 random characters)")
    return value


HEADER_NAME = re.compile(r"^[A-Za-z0-9-]+$")


def header_name(name: str, default: str) -> str:
    """An HTTP header name such as X-Forwarded-For or X-Real-IP."""
    value = text(name, default)
    if not HEADER_NAME.match(value):
        raise SettingError(f"{name}: expected an HTTP header name like X-Forwarded-For, "
                           f"got {value!r}")
    return value


def proxy_count(name: str, behind_proxy: bool) -> int:
    """How many reverse proxies stand in front of the app (1 by default behind a proxy)."""
    count = integer(name, 1 if behind_proxy else 0, minimum=0)
    if count > 5:
        raise SettingError(f"{name}: {count} proxies in a row is surely a mistake (at most 5)")
    if count and not behind_proxy:
        raise SettingError(f"{name}: set BEHIND_PROXY=true too (the app is told it runs "
                           "behind a proxy in one place)")
    if behind_proxy and not count:
        raise SettingError(f"{name}: must be at least 1 with BEHIND_PROXY=true, or every "
                           "visitor shares the proxy's address and rate limits lock out everyone")
    return count
