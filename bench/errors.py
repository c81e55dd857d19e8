#!/usr/bin/env python3
"""Error analysis for a sentence gold set: each wrong sentence with the gold label and what we
coded, grouped by cause (no event, wrong type, actor wrong).

  python bench/errors.py GOLD.jsonl CODED.jsonl [--scheme plover|cameo] [--only TYPE]
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "shared" / "eval"))
import score  # noqa: E402  (the shared scorer, for its exact selection rules)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("gold")
    ap.add_argument("coded")
    ap.add_argument("--scheme", default="plover")
    ap.add_argument("--only", default=None)
    a = ap.parse_args()
    preds = {str(r["article"]["id"]): r for r in score.read_results(a.coded)}
    causes: Counter = Counter()
    by_type: Counter = Counter()
    totals: Counter = Counter()
    for g in score.read_jsonl(a.gold):
        if a.scheme == "cameo":
            gg = score.cameo_as_sentence_gold(g)
            if gg is None:
                continue
        else:
            gg = g
        events = (preds.get(g["id"]) or {}).get("events") or []
        ev = score.best_event(events, gg)
        got = (score.cameo_root(ev) if a.scheme == "cameo" else score.plover_type(ev)) if ev else None
        want = gg["event_type"]
        totals[want] += 1
        codes = score.gold_codes(gg.get("actor"))
        actor_ok = ev is not None and ((ev.get("actor") or {}).get("code") or "") in codes
        if got == want and (actor_ok or not codes):
            continue
        cause = "no event" if not events else ("wrong type" if got != want else "actor wrong")
        causes[cause] += 1
        by_type[(want, cause)] += 1
        if a.only and want != a.only:
            continue
        print(f"[{cause}] gold {want} actor {sorted(codes)} | {g['text'][:200]}")
        for e in events:
            act, rec = e.get("actor") or {}, e.get("recipient") or {}
            mark = "*" if e is ev else " "
            print(f"   {mark} {e['trigger']!r} {e['cameo']} {e['plover']['type']} "
                  f"{act.get('code')}/{act.get('sector')} -> {rec.get('code')}/{rec.get('sector')} conf {e['confidence']}")
    print("\nper gold type: sentences, no event, wrong type, actor wrong")
    for t in sorted(totals, key=lambda t: -totals[t]):
        print(f"  {t:<10} {totals[t]:>4} {by_type[(t, 'no event')]:>9} {by_type[(t, 'wrong type')]:>10} "
              f"{by_type[(t, 'actor wrong')]:>11}")
    print(dict(causes))


if __name__ == "__main__":
    main()
