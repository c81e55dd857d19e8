"""The README's promise: a Quickstart whose first block holds exactly two commands, the second
of which is what CI runs."""
from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def quickstart() -> list[str]:
    text = (ROOT / "README.md").read_text()
    section = text.split("## Quickstart", 1)[1]
    block = re.search(r"```(?:bash)?\n(.*?)```", section, re.S).group(1)
    return [line for line in block.splitlines() if line.strip()]


def test_quickstart_has_exactly_two_commands():
    first, second = quickstart()
    assert "dotterel demo" in first and "pip install" in first
    assert (ROOT / second.split()[0]).exists()


def test_ci_runs_the_readme_test_command():
    ci = [line.strip() for line in (ROOT / ".ci" / "run").read_text().splitlines()
          if line.strip() and not line.startswith("#")]
    assert ci[-1] == quickstart()[1]
    script = (ROOT / quickstart()[1].split()[0]).read_text()
    assert "pip install" in script and "pytest" in script and "chromium" in script


def test_ci_requires_the_shared_gold_data():
    ci = [line.strip() for line in (ROOT / ".ci" / "run").read_text().splitlines()]
    assert "export DOTTEREL_REQUIRE_GOLD=1" in ci
    assert ci.index("export DOTTEREL_REQUIRE_GOLD=1") < ci.index(quickstart()[1])
    readme = (ROOT / "README.md").read_text().split("## Using it", 1)[0]
    assert "DOTTEREL_REQUIRE_GOLD=1" in readme
