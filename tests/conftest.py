from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
DATA = Path(__file__).resolve().parent / "data"  # our own short stories (tests/data/README.md)
REQUIRE_GOLD = "DOTTEREL_REQUIRE_GOLD"  # .ci/run sets it to 1


def require_shared(path: Path = SHARED) -> Path:
    """The shared gold data (``../shared``: the gold sets in ``gold/``, the scorer
    ``eval/score.py``), for the tests that score against it. Where it is missing the test is
    skipped, saying what is missing and where it is expected; with DOTTEREL_REQUIRE_GOLD=1, as
    CI runs, it fails instead, so that no golden test goes unrun there. The one place this
    rule lives: tests get the path from the ``shared`` fixture, never by their own."""
    missing = [p for p in (path / "gold", path / "eval" / "score.py") if not p.exists()]
    if missing:
        what = "no such folder" if not path.is_dir() else "no " + ", no ".join(map(str, missing))
        message = f"the shared gold data is expected at {path}: {what}"
        if os.environ.get(REQUIRE_GOLD, "") not in ("", "0"):
            pytest.fail(f"{message}; {REQUIRE_GOLD} is set, so it may not be skipped",
                        pytrace=False)
        pytest.skip(message)
    return path


@pytest.fixture(scope="session")
def shared() -> Path:
    return require_shared()


@pytest.fixture(scope="session")
def pipeline():
    from dotterel.pipeline import Pipeline

    return Pipeline()


@pytest.fixture(scope="session")
def dotterel_bin() -> str:
    exe = Path(sys.executable).parent / "dotterel"
    found = str(exe) if exe.exists() else shutil.which("dotterel")
    assert found, "the dotterel command is not installed in this environment"
    return found
