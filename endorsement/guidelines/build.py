"""Compile the engine with mypyc: ``python -m endorsement.guidelines.build`` (``make
install`` runs it; it does nothing while the build matches the sources, ``--force`` builds
anyway). See ``native.py``."""

from __future__ import annotations

import os
import shutil
import sys

from .native import BUILD_DIR, DIGEST_FILE, MODULES, PACKAGE_DIR, sources_digest


def build(force: bool = False) -> None:
    """Compile :data:`MODULES` into :data:`BUILD_DIR` and record what was compiled.

    The new build is made beside the old one and then put in its place, so a process that
    has the old one loaded (this one included) is never left with half-written files."""
    root = PACKAGE_DIR.parents[1]
    digest = sources_digest()
    if not force and DIGEST_FILE.is_file() and DIGEST_FILE.read_text().strip() == digest:
        print(f"engine: the build in {BUILD_DIR.relative_to(root)} is up to date")
        return
    from mypyc.build import mypycify
    from setuptools import setup

    fresh = BUILD_DIR.with_name(BUILD_DIR.name + ".new")
    shutil.rmtree(fresh, ignore_errors=True)
    os.chdir(root)   # mypyc names the modules after their paths from here
    paths = [f"endorsement/guidelines/{name}.py" for name in MODULES]
    setup(name="endorsement-engine", packages=[],
          ext_modules=mypycify(["--follow-imports=silent", *paths], opt_level="3",
                               target_dir=str(fresh / "c")),
          script_args=["--quiet", "build_ext", "--build-lib", str(fresh),
                       "--build-temp", str(fresh / "tmp")])
    (fresh / DIGEST_FILE.name).write_text(digest + "\n", encoding="ascii")
    shutil.rmtree(BUILD_DIR, ignore_errors=True)
    fresh.rename(BUILD_DIR)
    print(f"engine: compiled into {BUILD_DIR.relative_to(root)} ({len(MODULES)} modules)")


if __name__ == "__main__":
    build(force="--force" in sys.argv[1:])
