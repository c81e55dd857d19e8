"""Train the semantic fallback's classifier (``dotterel/events/data/semantic.npz``).

    python training/train_semantic.py [--data training/semantic_train.jsonl] [--out PATH]

The training sentences are our own (``training/README.md``); the shared gold sets and our dev
and held-out sets are never trained on. Needs the extra: pip install 'dotterel[semantic]'.
The fit is full-batch gradient descent on a class-weighted, L2-regularised softmax loss,
from zeros: the same data gives the same weights.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from dotterel.events._semantic import NONE, TYPE_CODES, Classifier, MiniLM  # noqa: E402

LABELS = tuple(sorted(TYPE_CODES)) + (NONE,)


def fit(x: np.ndarray, y: list[str], *, l2: float = 1e-4, steps: int = 3000,
        rate: float = 4.0) -> Classifier:
    """Softmax regression; each class weighs the same whatever its number of sentences."""
    k = len(LABELS)
    index = np.array([LABELS.index(label) for label in y])
    onehot = np.eye(k)[index]
    counts = onehot.sum(axis=0)
    row_weight = (len(y) / (k * np.maximum(counts, 1)))[index][:, None]
    w, b = np.zeros((x.shape[1], k)), np.zeros(k)
    for _ in range(steps):
        z = x @ w + b
        z -= z.max(axis=1, keepdims=True)
        p = np.exp(z)
        p /= p.sum(axis=1, keepdims=True)
        g = row_weight * (p - onehot) / len(y)
        w -= rate * (x.T @ g + l2 * w)
        b -= rate * g.sum(axis=0)
    return Classifier(labels=LABELS, weights=w.astype(np.float32), bias=b.astype(np.float32))


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=ROOT / "training" / "semantic_train.jsonl")
    ap.add_argument("--out", type=Path,
                    default=ROOT / "src" / "dotterel" / "events" / "data" / "semantic.npz")
    a = ap.parse_args(argv)
    rows = [json.loads(line) for line in a.data.read_text(encoding="utf-8").splitlines() if line.strip()]
    unknown = {r["label"] for r in rows} - set(LABELS)
    if unknown:
        raise SystemExit(f"{a.data}: unknown labels {sorted(unknown)}")
    x = np.asarray(MiniLM().encode([r["text"] for r in rows]), dtype=np.float64)
    model = fit(x, [r["label"] for r in rows])
    train_acc = np.mean([label == r["label"] for (label, _), r in zip(model.best(x), rows)])
    model.save(a.out)
    print(f"{len(rows)} sentences, {len(LABELS)} labels, training accuracy {train_acc:.3f} -> {a.out}")


if __name__ == "__main__":
    main()
