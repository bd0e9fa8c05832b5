"""The engine compiled to C with mypyc, used only while it matches the source.

The modules in :data:`MODULES` are plain, type-checked Python; ``python -m
endorsement.guidelines.build`` (run by ``make install``) compiles them with mypyc
into ``var/engine`` and writes there a digest of the sources it compiled. When the package
is imported, :func:`use_if_current` puts that build in front of the source, but only if the
digest still matches the ``.py`` files: after an edit (or with no build, or with
``ENDORSEMENT_ENGINE=python`` in the environment) the engine runs as plain Python, with the
same results, about half as fast. :func:`in_use` says which one runs; the bench prints it.

Compiled code checks the annotated types when it runs, so a wrong type fails loudly (a
``TypeError``) where plain Python would go on.
"""

from __future__ import annotations

import hashlib
import os
import sys
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
BUILD_DIR = PACKAGE_DIR.parents[1] / "var" / "engine"
DIGEST_FILE = BUILD_DIR / "SOURCES.sha256"
# Every module a verdict passes through. Not compiled: the rules data (editions.py,
# vocabulary.py), and what runs rarely (the finder, competencies, samples, the bench).
MODULES = ("application", "case", "derived", "education", "engine", "ers", "kept",
           "messages", "periods", "references", "renewal", "verdict", "work")

def sources_digest() -> str:
    """SHA-256 of the compiled modules' sources, in :data:`MODULES` order."""
    digest = hashlib.sha256()
    for name in MODULES:
        digest.update(name.encode())
        digest.update((PACKAGE_DIR / f"{name}.py").read_bytes())
    return digest.hexdigest()


def use_if_current(package_path: list[str], build_dir: Path = BUILD_DIR) -> bool:
    """Put the compiled modules in ``build_dir`` first on the package's ``__path__`` when
    they were built from the sources as they are now; returns whether they are used."""
    if os.environ.get("ENDORSEMENT_ENGINE", "").lower() == "python":
        return False
    try:
        built_from = (build_dir / DIGEST_FILE.name).read_text(encoding="ascii").strip()
    except OSError:
        return False   # never built here
    if built_from != sources_digest():
        return False   # the source changed since: `make install` builds it again
    if str(build_dir) not in sys.path:
        sys.path.append(str(build_dir))   # mypyc's shared runtime is a top-level module
    package_path.insert(0, str(build_dir / "endorsement" / "guidelines"))
    return True


def in_use() -> bool:
    """True when the engine runs compiled (its modules were loaded from a build)."""
    from . import engine
    return not (engine.__file__ or "").endswith(".py")


use_if_current(sys.modules[__package__].__path__)   # on the package's first import
