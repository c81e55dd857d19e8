#!/usr/bin/env python3
"""Grade the rule coder against an LLM (or the LLM against the rules): code the same articles
with both, sentence by sentence, and print how often they agree and where they do not.

  python bench/llm_grade.py INPUT.jsonl --llm-url http://127.0.0.1:8080/v1 --llm-model NAME
         [--limit N] [--show N] [--json] [--codebook roots|base|all]

INPUT is anything ``dotterel code`` reads (JSONL with ``id`` and ``text``: one sentence or one
article a line; .txt files; folders). Both coders see the same parse, with the prefilter off.
For every sentence where either coder found an event, three sets are compared: CAMEO roots,
PLOVER types and actor codes of its events. ``agree`` is the share of those sentences where the
two sets are equal, ``overlap`` where they share at least one member. An article whose LLM answer
fails to validate is counted by its error code and left out of the comparison.
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

from dotterel.articles import read_inputs
from dotterel.errors import DotterelError
from dotterel.llm import LLMSettings
from dotterel.nlp import parse_articles
from dotterel.pipeline import Pipeline
from dotterel.records import Article, Event

MEASURES = ("cameo_root", "plover_type", "actor_code")


def keys(events: Iterable[Event], measure: str) -> frozenset[str]:
    if measure == "cameo_root":
        return frozenset(e.cameo[:2] for e in events)
    if measure == "plover_type":
        return frozenset(e.plover_type for e in events if e.plover_type)
    return frozenset(e.actor.code for e in events if e.actor is not None and e.actor.code)


def describe(e: Event) -> str:
    a = (e.actor.code or e.actor.text) if e.actor else "-"
    r = (e.recipient.code or e.recipient.text) if e.recipient else "-"
    flags = "".join((" NEG" if e.negated else "", " HYP" if e.hypothetical else ""))
    return f"{a} {e.cameo} {e.plover_type or '-'} -> {r} ({e.trigger!r}{flags})"


@dataclass
class Grade:
    articles: int = 0
    sentences: int = 0  # sentences where either coder found an event
    events: Counter = field(default_factory=Counter)  # events per coder
    found: Counter = field(default_factory=Counter)  # sentences with events per coder
    agree: Counter = field(default_factory=Counter)
    overlap: Counter = field(default_factory=Counter)
    failures: Counter = field(default_factory=Counter)  # error code -> articles
    disagreements: list[dict] = field(default_factory=list)

    def add(self, article: Article, text_of: dict[int, str], rules: Sequence[Event],
            llm: Sequence[Event]) -> None:
        self.articles += 1
        self.events.update(rules=len(rules), llm=len(llm))
        for index in sorted({e.sentence for e in (*rules, *llm)}):
            r = [e for e in rules if e.sentence == index]
            m = [e for e in llm if e.sentence == index]
            self.sentences += 1
            self.found.update(rules=bool(r), llm=bool(m), both=bool(r and m))
            differ = []
            for measure in MEASURES:
                a, b = keys(r, measure), keys(m, measure)
                self.agree[measure] += a == b
                self.overlap[measure] += bool(a & b) or (not a and not b)
                if a != b:
                    differ.append(measure)
            if differ:
                self.disagreements.append({
                    "article": article.input_id or article.id, "sentence": index,
                    "text": text_of.get(index, ""), "differ": differ,
                    "rules": [describe(e) for e in r], "llm": [describe(e) for e in m]})

    def report(self) -> dict:
        n = self.sentences or 1
        return {"articles": self.articles, "sentences_with_events": self.sentences,
                "events": dict(self.events), "sentences_found": dict(self.found),
                "llm_failures": dict(self.failures),
                "agree": {m: round(self.agree[m] / n, 3) for m in MEASURES},
                "overlap": {m: round(self.overlap[m] / n, 3) for m in MEASURES},
                "disagreements": self.disagreements}


def grade(paths: Sequence[str], settings: LLMSettings, *, limit: int | None = None) -> Grade:
    rules = Pipeline(prefilter=False)
    llm = Pipeline(nlp=rules.nlp, gazetteer=rules.gazetteer, prefilter=False, llm=settings)
    g = Grade()
    for item in islice((x for x in read_inputs(list(paths)) if isinstance(x, Article)), limit):
        parsed = next(parse_articles([item], rules.nlp))
        ours = rules.code_parsed(parsed)
        try:
            theirs = llm.code_parsed(parsed)
        except DotterelError as exc:
            g.failures[exc.code] += 1
            print(f"llm_grade: {item.input_id or item.origin}: {exc}", file=sys.stderr)
            continue
        g.add(item, {s.index: s.text for s in parsed.sentences}, ours.events, theirs.events)
    return g


def print_text(report: dict, *, show: int) -> None:
    fails = ", ".join(f"{c} {n}" for c, n in sorted(report["llm_failures"].items())) or "none"
    found = report["sentences_found"]
    print(f"articles graded: {report['articles']}; LLM failures: {fails}")
    print(f"events: rules {report['events'].get('rules', 0)}, llm {report['events'].get('llm', 0)}"
          f"; sentences with events: rules {found.get('rules', 0)}, llm {found.get('llm', 0)}, "
          f"both {found.get('both', 0)}, either {report['sentences_with_events']}")
    print(f"{'per sentence':<14}{'agree':>8}{'overlap':>9}")
    for m in MEASURES:
        print(f"{m:<14}{report['agree'][m]:>8.3f}{report['overlap'][m]:>9.3f}")
    rows = report["disagreements"]
    print(f"disagreements: {len(rows)}" + (f" (first {show})" if len(rows) > show else ""))
    for d in rows[:show]:
        print(f"  [{d['article']} s{d['sentence']}] {d['text'][:140]!r}  "
              f"differ: {', '.join(d['differ'])}")
        for who in ("rules", "llm"):
            print(f"    {who:<5} " + ("; ".join(d[who]) or "(no event)"))


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("inputs", nargs="+", help="JSONL/text files or folders, as for dotterel code")
    ap.add_argument("--llm-url", required=True, help="e.g. http://127.0.0.1:8080/v1")
    ap.add_argument("--llm-model", required=True)
    ap.add_argument("--codebook", default="base", choices=("roots", "base", "all"))
    ap.add_argument("--timeout", type=float, default=120.0)
    ap.add_argument("--limit", type=int, default=None, help="grade at most N articles")
    ap.add_argument("--show", type=int, default=50, help="print at most N disagreements")
    ap.add_argument("--json", action="store_true", help="print the report as JSON")
    a = ap.parse_args(argv)
    try:
        settings = LLMSettings(base_url=a.llm_url, model=a.llm_model, codebook=a.codebook,
                               timeout=a.timeout)
    except DotterelError as exc:
        print(f"llm_grade: {exc}", file=sys.stderr)
        return 2
    missing = [p for p in a.inputs if p != "-" and not Path(p).exists()]
    if missing:
        print(f"llm_grade: no such input: {', '.join(missing)}", file=sys.stderr)
        return 2
    report = grade(a.inputs, settings, limit=a.limit).report()
    if a.json:
        print(json.dumps(report, indent=2, ensure_ascii=False))
    else:
        print_text(report, show=a.show)
    return 1 if report["llm_failures"] and not report["articles"] else 0


if __name__ == "__main__":
    sys.exit(main())
