"""Run spaCy over articles, paragraph by paragraph, and copy the parse into plain records.

Paragraphs are parsed separately so that no sentence runs across a line break (headline,
standfirst and body are distinct lines). Offsets are shifted to point into ``Article.text``.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
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
            Token(i=t.i - base, text=text_at(t.idx, t.idx + len(t.text), t.text), lemma=t.lemma_, pos=t.pos_, tag=t.tag_, dep=t.dep_,
                  head=t.head.i - base, idx=t.idx + offset, ent_type=t.ent_type_,
                  ent_iob=t.ent_iob_ or "O")
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
                if p == 0 and art.body_start > 0:
                    para = truecase_headline(para, art.text[art.body_start:art.body_start + 5000])
                yield para, (n, off, p, len(paras))

    next_out = 0
    for doc, (n, off, p, total) in nlp.pipe(units(), as_tuples=True, batch_size=batch_size):
        art, sents, left = pending[n]
        if p >= 0:
            sents.extend(to_sentences(doc, offset=off, first_index=len(sents), paragraph=p,
                                      source=art.text))
            left -= 1
        pending[n] = (art, sents, left)
        while next_out in pending and pending[next_out][2] <= 0:
            a, s, _ = pending.pop(next_out)
            yield ParsedArticle(article=a, sentences=tuple(s))
            next_out += 1
