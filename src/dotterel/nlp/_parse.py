"""Run spaCy over articles, paragraph by paragraph, and copy the parse into plain records.

Paragraphs are parsed separately so that no sentence runs across a line break (headline,
standfirst and body are distinct lines). Offsets are shifted to point into ``Article.text``.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache
from itertools import groupby
from typing import Any

from dotterel.records import Article, ParsedArticle, Sentence, Token

# "KABUL, March 14, 2024 (Reuters) - ", "WASHINGTON (AP) — ": parsed apart from the sentence
DATELINE = re.compile(
    r"^(?:[A-Z][A-Z .'-]{1,40}(?:, [A-Z][A-Za-z. ]{1,30})?)"
    r"(?:,? [A-Z][a-z]{2,8}\.? \d{1,2}(?:, \d{4})?)?"
    r"(?: ?\([^)]{1,40}\))? ?[-\u2013\u2014]+ ?")


def paragraphs(text: str) -> list[tuple[int, str]]:
    """(offset, text) for each non-blank line of ``text``; a wire dateline at the start of a
    line is a unit of its own, so it never becomes part of the first sentence's subject."""
    out, pos = [], 0
    for line in text.split("\n"):
        if line.strip():
            m = DATELINE.match(line)
            if m and m.end() < len(line):
                out.append((pos, line[:m.end()]))
                out.append((pos + m.end(), line[m.end():]))
            else:
                out.append((pos, line))
        pos += len(line) + 1
    return out


def truecase_headline(title: str, body: str) -> str:
    """Lower-case the capitalised words of a Title Case headline that the body does not write
    with a capital mid-sentence, so that the tagger sees "rejects", not a proper noun. The
    length is unchanged, so offsets stay valid."""
    words = re.findall(r"[A-Za-z][\w'-]*", title)
    if len(words) < 3 or sum(w[0].isupper() for w in words) < 0.7 * len(words):
        return title
    proper = set(re.findall(r"(?<=[a-z,;:] )([A-Z][\w'-]*)", body))
    def fix(m: re.Match) -> str:
        w = m.group(0)
        if w in proper or w.isupper() or m.start() == 0:
            return w
        return w.lower()
    return re.sub(r"[A-Za-z][\w'-]*", fix, title)


def to_sentences(doc: Any, *, offset: int = 0, first_index: int = 0,
                 paragraph: int = 0, source: str | None = None) -> list[Sentence]:
    """Copy a spaCy ``Doc`` into ``Sentence`` records, offsets shifted by ``offset``. Texts are
    taken from ``source`` (the article text) when given, since the parsed string may have been
    re-cased."""
    out = []
    def text_at(start: int, end: int, parsed: str) -> str:
        return source[start + offset:end + offset] if source is not None else parsed
    for k, sent in enumerate(doc.sents):
        base = sent.start
        toks = tuple(
            Token(i=t.i - base, text=text_at(t.idx, t.idx + len(t.text), t.text), lemma=t.lemma_,
                  pos=t.pos_, tag=t.tag_, dep=t.dep_, head=t.head.i - base, idx=t.idx + offset,
                  ent_type=t.ent_type_, ent_iob=t.ent_iob_ or "O")
            for t in sent if not t.is_space)
        if not toks:
            continue
        toks = _reindex(toks)
        out.append(Sentence(index=first_index + len(out), start=sent.start_char + offset,
                            end=sent.end_char + offset,
                            text=text_at(sent.start_char, sent.end_char, sent.text), tokens=toks,
                            paragraph=paragraph))
    return out


def _reindex(toks: tuple[Token, ...]) -> tuple[Token, ...]:
    """Drop gaps left by removed whitespace tokens so that ``tokens[t.i] is t``."""
    if all(t.i == n for n, t in enumerate(toks)):
        return toks
    new_index = {t.i: n for n, t in enumerate(toks)}
    fixed = []
    for n, t in enumerate(toks):
        head = new_index.get(t.head, n)
        fixed.append(Token(i=n, text=t.text, lemma=t.lemma, pos=t.pos, tag=t.tag, dep=t.dep,
                           head=head, idx=t.idx, ent_type=t.ent_type, ent_iob=t.ent_iob))
    return tuple(fixed)


def parse_articles(articles: Iterable[Article], nlp: Any, *, batch_size: int = 64,
                   keep: SentenceFilter | None = None) -> Iterator[ParsedArticle]:
    """Parse ``articles`` with ``nlp`` (a spaCy Language), yielding one ParsedArticle each.

    Each article is parsed in batches of its own (at most ``batch_size`` paragraphs): spaCy's
    figures depend, in the last bits, on what else is in a batch, and a parse that depends on
    the neighbouring articles would differ between one process, ``--workers`` and Spark.

    With ``keep`` (a ``SentenceFilter``), each paragraph is first cut into sentences by a cheap
    rule, and only runs of the sentences that ``keep.select`` accepts are parsed; the others
    yield no ``Sentence``, though they still count in ``Sentence.index``."""
    for art in articles:
        units = list(_units(art, keep))
        sents: list[Sentence] = []
        docs = nlp.pipe([text for text, *_ in units], batch_size=batch_size)
        for doc, (_, off, p, skipped) in zip(docs, units):
            sents.extend(to_sentences(doc, offset=off, first_index=len(sents) + skipped,
                                      paragraph=p, source=art.text))
        yield ParsedArticle(article=art, sentences=tuple(sents))


# The longest stretch of text given to spaCy at once. spaCy refuses texts over ``nlp.max_length``
# (1,000,000 characters) and its parser needs about 1 GB per 100,000; a news paragraph is under
# 2,000. A longer paragraph is parsed in pieces cut after a sentence (``bounded``).
MAX_UNIT_CHARS = 10_000


def bounded(text: str, offset: int, *, limit: int = MAX_UNIT_CHARS) -> Iterator[tuple[str, int]]:
    """(piece, offset of the piece) covering ``text``, each at most ``limit`` characters:
    whole sentences (``split_sentences``) packed together, a longer sentence cut at a space
    (else hard). Offsets stay exact: ``piece == text[offset' - offset:][:len(piece)]``."""
    if len(text) <= limit:
        yield text, offset
        return
    start = end = -1
    for s, e in _pieces(text, limit):
        if start < 0:
            start = s
        elif e - start > limit:
            yield text[start:end], offset + start
            start = s
        end = e
    if start >= 0:
        yield text[start:end], offset + start


def _pieces(text: str, limit: int) -> Iterator[tuple[int, int]]:
    """Sentences of ``text``, those over ``limit`` characters cut at a space, else hard."""
    for s, e in split_sentences(text):
        while e - s > limit:
            cut = text.rfind(" ", s + 1, s + limit)
            cut = cut if cut > s else s + limit
            yield s, cut
            s = cut
            while s < e and text[s] == " ":
                s += 1
        if e > s:
            yield s, e


def _units(art: Article, keep: SentenceFilter | None) -> Iterator[tuple[str, int, int, int]]:
    """(text, offset, paragraph, sentences skipped before it) for each stretch to parse, none
    longer than ``MAX_UNIT_CHARS``."""
    for text, off, p, skipped in _stretches(art, keep):
        for piece, at in bounded(text, off):
            yield piece, at, p, skipped


def _stretches(art: Article, keep: SentenceFilter | None) -> Iterator[tuple[str, int, int, int]]:
    paras = []
    for p, (off, para) in enumerate(paragraphs(art.text)):
        if p == 0 and art.body_start > 0:
            para = truecase_headline(para, art.text[art.body_start:art.body_start + 5000])
        paras.append((p, off, para))
    if keep is None:
        for p, off, para in paras:
            yield para, off, p, 0
        return
    cuts = [(p, off, para, s, e) for p, off, para in paras for s, e in split_sentences(para)]
    flags = keep.select([para[s:e] for _, _, para, s, e in cuts])
    skipped = 0
    for (p, kept), group in groupby(zip(cuts, flags), key=lambda cut: (cut[0][0], cut[1])):
        run = [cut for cut, _ in group]  # consecutive sentences of one paragraph, all kept or not
        if not kept:
            skipped += len(run)
            continue
        _, off, para, start, _ = run[0]
        yield para[start:run[-1][4]], off + start, p, skipped


# -- the sentence prefilter ---------------------------------------------------------------------

# a sentence ends at . ! or ? (and closing quotes or brackets) before a space and a capital,
# a digit or an opening quote; not after a title or an initial ("Gen. Smith", "U.S. troops")
_SENT_END = re.compile(r"[.!?][\"'\u201d\u2019)\]]*(?=\s+[\"'\u201c\u2018(\[]?[A-Z0-9])")
_NO_BREAK_AFTER = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Prof|Gen|Lt|Col|Maj|Capt|Sgt|Cpl|Adm|Gov|Sen|Rep|Rev|St|Jr|Sr|"
    r"No|Vol|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Mt|Ft|vs|etc|Inc|Ltd|Co|Corp)"
    r"|\b(?:[A-Za-z]\.)*[A-Za-z])$")
_WORD = re.compile(r"[A-Za-z]+")
# suffixes stripped from a word to guess its lemma; generous on purpose ("banned" -> "ban")
_SUFFIXES = (("ied", "y"), ("ies", "y"), ("ing", ""), ("ing", "e"), ("ed", ""), ("ed", "e"),
             ("d", ""), ("es", ""), ("s", ""))


def split_sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of a paragraph, by punctuation alone: the cheap cut the
    prefilter uses. Consecutive kept sentences are parsed together, so a wrong cut costs little."""
    spans, start = [], 0
    for m in _SENT_END.finditer(text):
        if _NO_BREAK_AFTER.search(text, max(0, m.start() - 12), m.start()):
            continue
        spans.append((start, m.end()))
        start = m.end()
    if start < len(text):
        spans.append((start, len(text)))
    return [(s + len(text[s:e]) - len(text[s:e].lstrip()), e) for s, e in spans
            if text[s:e].strip()]


@lru_cache(maxsize=1 << 16)
def word_forms(word: str) -> frozenset[str]:
    """The lower-cased ``word`` and the lemmas it may have, guessed by stripping suffixes."""
    w = word.lower()
    out = {w}
    for suffix, repl in _SUFFIXES:
        if w.endswith(suffix) and len(w) - len(suffix) >= 2:
            form = w[: -len(suffix)] + repl
            out.add(form)
            if not repl and len(form) >= 3 and form[-1] == form[-2]:
                out.add(form[:-1])  # "banned" -> "bann" -> "ban"
    return frozenset(out)


def irregular_forms(nlp: Any, lemmas: Iterable[str]) -> dict[str, frozenset[str]]:
    """Irregular inflections of ``lemmas`` ("said" -> {"say"}), from the lemmatizer's exception
    tables of ``nlp``; empty when the pipeline has no such tables."""
    wanted = set(lemmas)
    out: dict[str, set[str]] = {}
    try:
        tables = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_exc")
    except (KeyError, AttributeError):
        return {}
    for table in tables.values():
        for form, found in table.items():
            hits = wanted.intersection(found)
            if hits:
                out.setdefault(form, set()).update(hits)
    return {form: frozenset(found) for form, found in out.items()}


class SentenceFilter:
    """Says, before any parse, whether a sentence may hold an event trigger or a claim cue.

    ``free`` lemmas keep a sentence by themselves; a ``constrained`` lemma keeps it only when,
    for one of its patterns, a word of each alternative set is there too ("hold" needs "talks",
    "summit", ...). Words are matched by their guessed lemmas (``word_forms``) and ``irregular``
    forms. Generous by design: a false keep costs a parse, a false skip costs an event."""

    def __init__(self, free: Iterable[str], *,
                 constrained: dict[str, list[tuple[frozenset[str], ...]]] | None = None,
                 irregular: dict[str, frozenset[str]] | None = None,
                 anaphora: Iterable[str] = ()) -> None:
        self.free = frozenset(free)
        self.constrained = dict(constrained or {})
        self.irregular = dict(irregular or {})
        self.anaphora = frozenset(anaphora)

    def select(self, sentences: Sequence[str]) -> list[bool]:
        """Which sentences of one article to parse: those that may hold a trigger or a cue, and
        the sentence before each kept one that refers back ("he", "the group"), so that
        coreference still finds its antecedent there."""
        flags = [self(s) for s in sentences]
        for i in range(1, len(sentences)):
            if flags[i] and not flags[i - 1] and self.refers_back(sentences[i]):
                flags[i - 1] = True
        return flags

    def refers_back(self, text: str) -> bool:
        return any(w.lower() in self.anaphora for w in _WORD.findall(text))

    def forms(self, text: str) -> set[str]:
        found: set[str] = set()
        for word in _WORD.findall(text):
            found |= word_forms(word)
            found |= self.irregular.get(word.lower(), frozenset())
        return found

    def __call__(self, text: str) -> bool:
        found = self.forms(text)
        if not found.isdisjoint(self.free):
            return True
        for lemma in found.intersection(self.constrained):
            for pattern in self.constrained[lemma]:
                if all(not found.isdisjoint(alternatives) for alternatives in pattern):
                    return True
        return False
