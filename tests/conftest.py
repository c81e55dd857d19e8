from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def shared() -> Path:
    assert SHARED.is_dir(), f"the shared gold data is expected at {SHARED}"
    return SHARED


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
