"""``dotterel code --semantic`` end to end: the real MiniLM model from its wheel, offline."""
from __future__ import annotations

import json

import pytest

from tests.e2e.test_cli import run

pytestmark = pytest.mark.model

# our own sentences, worded so that few trigger patterns fit them
LINES = [
    "Ghana's parliament rallied round the president's drive to rein in illegal gold mining.",
    "Kenya's navy went after Somali pirate skiffs off Lamu, sinking two of them on Monday.",
    "Peru's foreign ministry and its Chilean peers spent Tuesday in Lima going over the fishing accord.",
    "Bolivia's government gave way on fuel prices after a week of road blockades.",
    "Thai troops poured into the border district overnight as tensions with Cambodia mounted.",
    "Fiji took the Pacific forum's chair to task over its silence on seabed mining.",
]


def _typed(stdout: str) -> int:
    rows = [json.loads(x) for x in stdout.splitlines() if x.strip()]
    return sum(1 for r in rows if any(e.get("plover") and e["plover"].get("type")
                                       for e in r["events"]))


def test_semantic_types_sentences_the_rules_leave_untyped(dotterel_bin, tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps({"id": str(i), "text": t}) + "\n" for i, t in enumerate(LINES)))
    # every candidate: the fallback types sentences; which of its events an expert keeps is
    # selection's business (the default output), measured on whole articles
    rules = run(dotterel_bin, "code", str(src), "--format", "jsonl", "--all-candidates")
    semantic = run(dotterel_bin, "code", str(src), "--format", "jsonl", "--all-candidates",
                   "--semantic")
    assert rules.returncode == 0 and semantic.returncode == 0, semantic.stderr
    assert _typed(semantic.stdout) > _typed(rules.stdout)
