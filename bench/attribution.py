#!/usr/bin/env python3
"""Attribution figures on our own dev set, scored by ../shared/eval/score.py attribution.

  python bench/attribution.py [--shared ../shared] [--keep DIR]

The dev set (tests/golden/attribution_dev.jsonl) holds hand annotations of a dozen Wikinews
articles from ../shared/gold/wikinews_articles.jsonl, stored as the article id and character
offsets ([start, end]) of each attribution's source (or null), cue and content, never as copied
text. This script slices the strings out of the shared article texts to build the scorer's gold
format ({"id","text","attributions":[{"source","cue","content"}]}), codes the same articles with
`dotterel code --format jsonl`, and prints the scorer's figures: claim P/R/F1 (a claim matches a
gold attribution when their contents overlap, token F1 >= 0.5) and speaker accuracy on the
matched claims.

Annotation conventions (PARC-3.0 style): every attributed statement (direct and indirect speech,
"according to X", writing and tweeting, assertive uses of claim/deny/allege/urge/call on) is one
attribution; `content` is the quoted text without the quote marks, or the complement clause
without "that"; a quote split by its cue ("..., said X. "...") or continued in a second quotation
gives one attribution per part; `source` is the speaker's noun phrase as written (pronouns
included; a relative pronoun "who"/"which" is replaced by the noun phrase it attaches to; long
appositives after a name are left out), null when no source is stated ("is reported to").
Nested attributions ("Znak.com reported its source said ...") are marked once, for the outer one.
"""
from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT / "tests" / "golden" / "attribution_dev.jsonl"
ROLES = ("source", "cue", "content")


def read_jsonl(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def articles(shared: Path) -> dict[str, dict]:
    """The shared Wikinews articles by id."""
    return {a["id"]: a for a in read_jsonl(shared / "gold" / "wikinews_articles.jsonl")}


def gold_records(shared: Path, dev: Path = DEV) -> list[dict]:
    """The dev set in the scorer's gold format, with the strings sliced from the shared texts."""
    arts = articles(shared)
    out = []
    for rec in read_jsonl(dev):
        text = arts[rec["id"]]["text"]
        atts = [{role: (text[a[role][0]:a[role][1]] if a[role] else None) for role in ROLES}
                for a in rec["attributions"]]
        out.append({"id": rec["id"], "text": text, "attributions": atts})
    return out


def write_jsonl(path: Path, rows: list[dict]) -> Path:
    with open(path, "w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    return path


def write_inputs(work: Path, gold: list[dict]) -> tuple[Path, Path]:
    """gold.jsonl for the scorer and input.jsonl ({"id","text"}) for the coder."""
    return (write_jsonl(work / "gold.jsonl", gold),
            write_jsonl(work / "input.jsonl", [{"id": g["id"], "text": g["text"]} for g in gold]))


def dotterel_bin() -> str:
    exe = Path(sys.executable).parent / "dotterel"
    found = str(exe) if exe.exists() else shutil.which("dotterel")
    if not found:
        raise SystemExit("the dotterel command is not installed in this environment")
    return found


def code(input_path: Path, pred_path: Path) -> None:
    with open(pred_path, "w", encoding="utf-8") as out:
        subprocess.run([dotterel_bin(), "code", str(input_path), "--format", "jsonl"],
                       stdout=out, check=True)


def score(shared: Path, gold_path: Path, pred_path: Path) -> tuple[dict, str]:
    """The scorer's figures (its JSON) and its one-line summary."""
    out = subprocess.run([sys.executable, str(shared / "eval" / "score.py"), "attribution",
                          str(gold_path), str(pred_path)],
                         capture_output=True, text=True, check=True).stdout
    body, summary = out.rstrip("\n").rsplit("\n", 1)
    return json.loads(body), summary


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--keep", type=Path, default=None,
                    help="keep gold.jsonl, input.jsonl and coded.jsonl in this folder")
    a = ap.parse_args()
    work = a.keep or Path(tempfile.mkdtemp(prefix="dotterel-attribution-"))
    work.mkdir(parents=True, exist_ok=True)
    gold = gold_records(a.shared)
    gold_path, input_path = write_inputs(work, gold)
    pred_path = work / "coded.jsonl"
    code(input_path, pred_path)
    figures, summary = score(a.shared, gold_path, pred_path)
    print(json.dumps(figures, indent=1))
    print(f"{len(gold)} articles; {summary}")
    if a.keep:
        print(f"(files in {work})")
    else:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
