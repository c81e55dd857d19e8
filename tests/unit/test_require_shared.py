"""The one rule for the shared gold data (tests/conftest.py): a test that needs ../shared skips
without it, saying what is missing and where, unless DOTTEREL_REQUIRE_GOLD is set (as CI
sets it), which makes it fail."""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import REQUIRE_GOLD, require_shared


def _complete(folder: Path) -> Path:
    (folder / "gold").mkdir(parents=True)
    (folder / "eval").mkdir()
    (folder / "eval" / "score.py").write_text("")
    return folder


def test_a_missing_folder_skips_and_says_where(tmp_path, monkeypatch) -> None:
    monkeypatch.delenv(REQUIRE_GOLD, raising=False)
    with pytest.raises(pytest.skip.Exception) as skipped:
        require_shared(tmp_path / "shared")
    message = str(skipped.value)
    assert "shared gold data" in message and str(tmp_path / "shared") in message
    assert "no such folder" in message


def test_a_partial_folder_names_what_is_missing(tmp_path, monkeypatch) -> None:
    monkeypatch.delenv(REQUIRE_GOLD, raising=False)
    (tmp_path / "shared" / "gold").mkdir(parents=True)
    with pytest.raises(pytest.skip.Exception) as skipped:
        require_shared(tmp_path / "shared")
    assert str(tmp_path / "shared" / "eval" / "score.py") in str(skipped.value)


@pytest.mark.parametrize("value", ["1", "yes"])
def test_required_gold_fails_instead(tmp_path, monkeypatch, value) -> None:
    monkeypatch.setenv(REQUIRE_GOLD, value)
    with pytest.raises(pytest.fail.Exception) as failed:
        require_shared(tmp_path / "shared")
    assert str(tmp_path / "shared") in str(failed.value) and REQUIRE_GOLD in str(failed.value)


@pytest.mark.parametrize("value", ["", "0"])
def test_unset_or_zero_does_not_require_it(tmp_path, monkeypatch, value) -> None:
    monkeypatch.setenv(REQUIRE_GOLD, value)
    with pytest.raises(pytest.skip.Exception):
        require_shared(tmp_path / "shared")


def test_a_complete_folder_is_returned(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv(REQUIRE_GOLD, "1")
    folder = _complete(tmp_path / "shared")
    assert require_shared(folder) == folder
