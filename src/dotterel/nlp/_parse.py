"""Run spaCy over articles, paragraph by paragraph, and copy the parse into plain records.

Paragraphs are parsed separately so that no sentence runs across a line break (headline,
standfirst and body are distinct lines). Offsets are shifted to point into ``Article.text``.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from dotterel.records import Article, ParsedArticle, Sentence, Token


def paragraphs(text: str) -> list[tuple[int, str]]:
    """(offset, text) for each non-blank line of ``text``."""
    out, pos = [], 0
    for line in text.split("\n"):
        if line.strip():
            out.append((pos, line))
        pos += len(line) + 1
    return out


def to_sentences(doc: Any, *, offset: int = 0, first_index: int = 0,
                 paragraph: int = 0) -> list[Sentence]:
    """Copy a spaCy ``Doc`` into ``Sentence`` records, offsets shifted by ``offset``."""
    out = []
    for k, sent in enumerate(doc.sents):
        base = sent.start
        toks = tuple(
            Token(i=t.i - base, text=t.text, lemma=t.lemma_, pos=t.pos_, tag=t.tag_, dep=t.dep_,
                  head=t.head.i - base, idx=t.idx + offset, ent_type=t.ent_type_,
                  ent_iob=t.ent_iob_ or "O")
            for t in sent if not t.is_space)
        if not toks:
            continue
        toks = _reindex(toks)
        out.append(Sentence(index=first_index + len(out), start=sent.start_char + offset,
                            end=sent.end_char + offset, text=sent.text, tokens=toks,
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


def parse_articles(articles: Iterable[Article], nlp: Any, *,
                   batch_size: int = 64) -> Iterator[ParsedArticle]:
    """Parse ``articles`` with ``nlp`` (a spaCy Language), yielding one ParsedArticle each."""
    pending: dict[int, tuple[Article, list[Sentence], int]] = {}

    def units() -> Iterator[tuple[str, tuple[int, int, int, int]]]:
        for n, art in enumerate(articles):
            paras = paragraphs(art.text)
            pending[n] = (art, [], len(paras))
            if not paras:
                yield "", (n, 0, -1, 0)
            for p, (off, para) in enumerate(paras):
                yield para, (n, off, p, len(paras))

    next_out = 0
    for doc, (n, off, p, total) in nlp.pipe(units(), as_tuples=True, batch_size=batch_size):
        art, sents, left = pending[n]
        if p >= 0:
            sents.extend(to_sentences(doc, offset=off, first_index=len(sents), paragraph=p))
            left -= 1
        pending[n] = (art, sents, left)
        while next_out in pending and pending[next_out][2] <= 0:
            a, s, _ = pending.pop(next_out)
            yield ParsedArticle(article=a, sentences=tuple(s))
            next_out += 1
