"""Lint, import order and types are part of the test suite: ruff and mypy over ``src/``, as
configured in ``pyproject.toml`` (``[tool.ruff]``, ``[tool.mypy]``), with no finding. Both
come with the ``test`` extra: ``pip install -e '.[test]'``."""
from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _run(tool: str, *args: str) -> subprocess.CompletedProcess[str]:
    if importlib.util.find_spec(tool) is None:
        pytest.fail(f"{tool} is not installed; install the test extra: pip install -e '.[test]'")
    return subprocess.run([sys.executable, "-m", tool, *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=600)


def test_ruff_finds_nothing() -> None:
    done = _run("ruff", "check", "--no-fix", "--output-format", "concise", "src")
    assert done.returncode == 0, f"ruff check src:\n{done.stdout}{done.stderr}"


def test_mypy_finds_nothing() -> None:
    done = _run("mypy")  # files and settings: [tool.mypy] in pyproject.toml
    assert done.returncode == 0, f"mypy:\n{done.stdout}{done.stderr}"
