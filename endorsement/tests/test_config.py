"""Configuration from the environment: working defaults, a loud named failure on a bad value."""
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION = {
    "DATABASE_URL": "postgres://app:secret@db.internal:5432/endorsement",
    "REDIS_URL": "redis://cache.internal:6379/0",
    "SECRET_KEY": "p" * 20 + "roduction-secret-key-that-is-long-enough-0123456789",
    "SITE_URL": "https://endorse.example.org",
    "ALLOWED_HOSTS": "endorse.example.org",
    "EMAIL_HOST": "smtp.example.org",
    "AWS_STORAGE_BUCKET_NAME": "endorsement-uploads",
}
CONFIG_VARS = (
    "DATABASE_URL", "REDIS_URL", "SECRET_KEY", "SECRET_KEY_FILE", "DEBUG", "SITE_URL",
    "ALLOWED_HOSTS", "EMAIL_HOST", "AWS_STORAGE_BUCKET_NAME", "UPLOAD_MAX_MB", "EMAIL_PORT",
    "DJANGO_ALLOW_ASYNC_UNSAFE", "REFERENCE_REMINDER_DAYS",
)


def manage(*args, **env):
    base = {k: v for k, v in os.environ.items() if k not in CONFIG_VARS}
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env={**base, **env},
        capture_output=True, text=True, timeout=60,
    )


@pytest.mark.parametrize(
    ("env", "named"),
    [
        ({"DEBUG": "maybe"}, "DEBUG"),
        ({"DATABASE_URL": "mysql://db/x", "SECRET_KEY": "k" * 50}, "DATABASE_URL"),
        ({"DATABASE_URL": "postgres://db.internal:5432/x"}, "SECRET_KEY"),
        ({"REDIS_URL": "localhost:6379"}, "REDIS_URL"),
        ({"UPLOAD_MAX_MB": "ten"}, "UPLOAD_MAX_MB"),
        ({"RULES_EDITION": "ohio-1999"}, "RULES_EDITION"),
        ({"REFERENCE_REMINDER_DAYS": "7,two weeks"}, "REFERENCE_REMINDER_DAYS"),
        ({"SITE_URL": "endorse.example.org"}, "SITE_URL"),
        ({"SECRET_KEY_FILE": "/no/such/key", "DATABASE_URL": "postgres://h/x"}, "SECRET_KEY_FILE"),
    ],
)
def test_a_bad_setting_stops_start_up_with_one_line_naming_it(env, named):
    result = manage("check", **env)
    assert result.returncode == 2
    assert result.stderr.startswith(f"Configuration error: {named}:"), result.stderr
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_production_values_pass_the_deploy_check_without_warnings():
    result = manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_the_embedded_default_needs_no_environment(tmp_path):
    result = manage("check", VAR_DIR=str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "secret_key").exists(), "a per-machine key is made on first start"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("sqlite:///var/demo.sqlite3", {"NAME": "var/demo.sqlite3"}),
        ("sqlite:////tmp/demo.sqlite3", {"NAME": "/tmp/demo.sqlite3"}),
        ("postgres://app:pw@db.internal:6543/endorsement",
         {"NAME": "endorsement", "USER": "app", "PASSWORD": "pw", "HOST": "db.internal",
          "PORT": "6543"}),
    ],
)
def test_database_urls_are_read_as_operators_write_them(monkeypatch, value, expected):
    from endorsement import config

    monkeypatch.setenv("DATABASE_URL", value)
    database = config.database("DATABASE_URL", Path("default.sqlite3"))
    assert {key: database[key] for key in expected} == expected
