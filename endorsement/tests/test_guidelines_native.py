"""The compiled engine (native.py): used only while built from the current source, and
deciding exactly as the plain-Python engine does."""

import json
import os
import subprocess
import sys

import pytest

from endorsement.guidelines import evaluate, native
from endorsement.guidelines.bench import examples_dir, load_examples


def _fake_build(tmp_path, digest):
    (tmp_path / native.DIGEST_FILE.name).write_text(digest + "\n", encoding="ascii")
    return tmp_path


def test_a_build_of_the_current_source_goes_first_on_the_package_path(tmp_path, monkeypatch):
    monkeypatch.delenv("ENDORSEMENT_ENGINE", raising=False)
    monkeypatch.setattr(sys, "path", list(sys.path))
    build = _fake_build(tmp_path, native.sources_digest())
    package_path = ["/src/endorsement/guidelines"]
    assert native.use_if_current(package_path, build) is True
    assert package_path == [str(build / "endorsement" / "guidelines"),
                            "/src/endorsement/guidelines"]
    assert str(build) in sys.path


def test_a_build_of_older_source_is_left_alone(tmp_path, monkeypatch):
    monkeypatch.delenv("ENDORSEMENT_ENGINE", raising=False)
    build = _fake_build(tmp_path, "0" * 64)   # what an edit since the build looks like
    package_path = ["/src/endorsement/guidelines"]
    assert native.use_if_current(package_path, build) is False
    assert package_path == ["/src/endorsement/guidelines"]


def test_no_build_or_plain_python_asked_for_runs_the_source(tmp_path, monkeypatch):
    package_path = ["/src"]
    assert native.use_if_current(package_path, tmp_path / "never-built") is False
    monkeypatch.setenv("ENDORSEMENT_ENGINE", "python")
    assert native.use_if_current(package_path, _fake_build(tmp_path, native.sources_digest())
                                 ) is False
    assert package_path == ["/src"]


def test_the_digest_follows_every_compiled_module(tmp_path, monkeypatch):
    for name in native.MODULES:
        (tmp_path / f"{name}.py").write_text(f"# {name}\n")
    monkeypatch.setattr(native, "PACKAGE_DIR", tmp_path)
    before = native.sources_digest()
    (tmp_path / "periods.py").write_text("# periods, edited\n")
    assert native.sources_digest() != before


def test_the_suite_runs_the_compiled_engine_once_it_is_built():
    """``make install`` builds it; a build older than the source means it was not rerun."""
    if os.environ.get("ENDORSEMENT_ENGINE") == "python" or not native.DIGEST_FILE.exists():
        pytest.skip("no compiled engine here (make install builds it)")
    assert native.DIGEST_FILE.read_text().strip() == native.sources_digest(), (
        "the compiled engine is older than its source: run make install")
    assert native.in_use()


PLAIN = """
import json, sys
from endorsement.guidelines import evaluate, native
from endorsement.guidelines.bench import load_examples
assert not native.in_use()
verdicts = [evaluate(c, audience=a) for c in load_examples() for a in ("applicant", "staff")]
print(json.dumps(verdicts))
"""


def test_compiled_and_plain_python_give_the_same_verdicts():
    """Every public example, both audiences, decided by plain Python in another process,
    equals the verdict here (compiled after make install) and the expected file."""
    env = {**os.environ, "ENDORSEMENT_ENGINE": "python"}
    out = subprocess.run([sys.executable, "-c", PLAIN], env=env, capture_output=True,
                         text=True, check=True, cwd=native.PACKAGE_DIR.parents[1]).stdout
    plain = json.loads(out)
    here = json.loads(json.dumps([evaluate(c, audience=a) for c in load_examples()
                                  for a in ("applicant", "staff")]))
    assert plain == here
    expected = sorted(examples_dir().glob("*.expected.json"))
    assert len(plain) == 2 * len(expected) > 0
    for i, path in enumerate(expected):
        want = json.loads(path.read_text())
        assert plain[2 * i]["eligible"] == want["eligible"], path.name


def test_the_never_seen_bench_cases_are_new_and_valid():
    """``bench --fresh`` measures cases the engine has not seen: every variant is a valid
    case, and no RSC session or training entry of one variant repeats another's."""
    from endorsement.guidelines.bench import fresh_variants

    examples = load_examples()
    variants = fresh_variants(examples, 3)
    assert len(variants) == 3 * len(examples)
    for case in variants:
        evaluate(case)   # never a CaseError
    level_ii = [v for v in variants if v.get("rsc") and v["level"] == "II"]
    sessions = [(s["date"], s["hours"]) for v in level_ii[::len(level_ii) // 3] for s in v["rsc"]]
    assert len(set(sessions)) == len(sessions)
