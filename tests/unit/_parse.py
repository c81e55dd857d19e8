"""Build parsed sentences by hand for model-free tests."""
from __future__ import annotations

from dotterel.records import Actor, Article, ParsedArticle, Sentence, Token


def sentence(rows: list[tuple], *, index: int = 0, start: int = 0) -> Sentence:
    """rows: (text, lemma, pos, dep, head[, ent_type]) per token; heads index into rows."""
    toks, pos = [], start
    for i, row in enumerate(rows):
        text, lemma, upos, dep, head = row[:5]
        ent = row[5] if len(row) > 5 else ""
        tag = "VBN" if dep in ("acl",) and upos == "VERB" else ""
        toks.append(Token(i=i, text=text, lemma=lemma, pos=upos, tag=tag, dep=dep, head=head,
                          idx=pos, ent_type=ent, ent_iob="B" if ent else "O"))
        pos += len(text) + 1
    text = " ".join(r[0] for r in rows)
    return Sentence(index=index, start=start, end=start + len(text), text=text, tokens=tuple(toks))


def article(*sents: Sentence, date: str | None = None) -> ParsedArticle:
    text = "\n".join(s.text for s in sents)
    return ParsedArticle(article=Article(id="t", text=text, date=date), sentences=sents)


def chain(*rowsets: list[tuple]) -> ParsedArticle:
    sents, start = [], 0
    for n, rows in enumerate(rowsets):
        s = sentence(rows, index=n, start=start)
        sents.append(s)
        start = s.end + 1
    return article(*sents)


CODES = {"taliban": ("AFG", "GOV"), "iran": ("IRN", None), "iraq": ("IRQ", None),
         "kuwait": ("KWT", None), "army": (None, "MIL"), "rebels": (None, "REB"),
         "soldiers": (None, "MIL"), "iraqi": ("IRQ", None), "group": (None, None), "isis": ("IMG", "REB"),
         "unhcr": ("IGO", None), "troops": (None, "MIL"), "students": (None, "EDU")}


def fake_resolve(toks) -> Actor | None:
    """A stand-in for the actor dictionary: the first known word decides."""
    for t in toks:
        if t.text.lower() in CODES:
            code, sector = CODES[t.text.lower()]
            return Actor(text=" ".join(x.text for x in toks), code=code, sector=sector,
                         name=t.text, start=toks[0].idx, end=toks[-1].idx + len(toks[-1].text),
                         kind="organisation")
    return None
