"""``manage.py evaluate_case``: the verdict on stdout, or one line on stderr and exit 2.

Run as a real subprocess so the exit status and stderr are what a shell sees.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from endorsement.guidelines import APPLICATION_IDS
from endorsement.guidelines.samples import sample_application

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = Path(os.environ.get("SHARED_DIR", REPO.parent / "shared")) / "rules" / "examples"
PYTHON = REPO / ".venv" / "bin" / "python"


def run(*args, stdin=None):
    python = PYTHON if PYTHON.exists() else Path(sys.executable)
    return subprocess.run([str(python), "manage.py", "evaluate_case", *args], cwd=REPO,
                          input=stdin, capture_output=True, text=True, timeout=60)


def assert_one_error_line(result, *words):
    assert result.returncode == 2, result.stderr
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    for word in words:
        assert word in lines[0]


def test_good_file():
    path = EXAMPLES / "level-2-eight-families.json"
    result = run(str(path))
    assert result.returncode == 0, result.stderr
    verdict = json.loads(result.stdout)
    assert verdict["eligible"] is False
    assert [r["id"] for r in verdict["requirements"]] == list(APPLICATION_IDS)
    work = verdict["requirements"][2]
    assert work["applies"] is True and work["met"] is False and work["detail"]
    assert result.stdout.startswith('{\n  "eligible": false,')   # indent 2


def test_stdin():
    result = run("-", stdin=json.dumps(sample_application("III")))
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["eligible"] is True


def test_bad_json(tmp_path):
    path = tmp_path / "case.json"
    path.write_text('{"kind": "application",')
    assert_one_error_line(run(str(path)), "invalid JSON", "line 1")


def test_bad_json_on_stdin():
    assert_one_error_line(run("-", stdin="not json"), "invalid JSON", "standard input")


def test_missing_field():
    case = sample_application("II")
    del case["as_of"]
    assert_one_error_line(run("-", stdin=json.dumps(case)), "as_of: missing")


@pytest.mark.parametrize(("field", "value", "message"), [
    ("level", "V", "level: must be one of I, II, III, IV"),
    ("program", "IMH", "program: must be one of IMH-E, ECMH-E"),
    ("track", "clinical", "track: must be null unless level is IV"),
])
def test_bad_enum(field, value, message):
    case = sample_application("II")
    case[field] = value
    assert_one_error_line(run("-", stdin=json.dumps(case)), message)


def test_bad_nested_value():
    case = sample_application("II")
    case["rsc"][2]["hours"] = -1
    assert_one_error_line(run("-", stdin=json.dumps(case)), "rsc[2].hours: must be a number")


def test_missing_file(tmp_path):
    assert_one_error_line(run(str(tmp_path / "nope.json")), "nope.json", "no such file")


def test_not_an_object():
    assert_one_error_line(run("-", stdin="[1, 2]"), "must be an object")


def test_json_nested_too_deeply():
    assert_one_error_line(run("-", stdin="[" * 100_000 + "]" * 100_000), "invalid JSON")


def test_not_utf8(tmp_path):
    path = tmp_path / "case.json"
    path.write_bytes(b"\xff\xfe{}")
    assert_one_error_line(run(str(path)), "cannot read")


@pytest.mark.parametrize("change, field", [
    (lambda c: c["training"][0].update(hours=1e308), "training[0].hours"),
    (lambda c: c["rsc"][0].update(hours=1e308), "rsc[0].hours"),
    (lambda c: c["work"][0].update(families_served=1e308), "work[0].families_served"),
    (lambda c: c.update(edition="nowhere-1999"), "edition"),
    (lambda c: c["work"][0].update(start="2020-01-02", end="2020-01-01"), "work[0].end"),
])
def test_absurd_values_are_refused_naming_the_field(tmp_path, change, field):
    case = sample_application("II")
    change(case)
    path = tmp_path / "case.json"
    path.write_text(json.dumps(case))
    assert_one_error_line(run(str(path)), field)


def test_far_future_dates_and_future_degrees_get_a_verdict(tmp_path):
    case = sample_application("II")
    case["rsc"][0]["date"] = "9999-12-31"
    case["training"][0]["date"] = "9999-12-31"
    case["work"].append(dict(case["work"][0], start="9999-12-31", end="9999-12-31"))
    case["degrees"].append(dict(case["degrees"][0], type="master", awarded="9999-12-31"))
    path = tmp_path / "case.json"
    path.write_text(json.dumps(case))
    result = run(str(path), "--audience", "staff")
    assert result.returncode == 0, result.stderr
    rows = {r["id"]: r for r in json.loads(result.stdout)["requirements"]}
    assert "dated after 2026-11-22" in rows["training"]["detail"]
    assert rows["training"]["detail"].startswith("The applicant has 24 of 30 hours")
