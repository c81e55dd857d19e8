"""Article -> ArticleResult: parse, code events and claims. No I/O, no database.

``Pipeline`` holds the heavy collaborators (spaCy model, lexicon, actor dictionary, gazetteer),
each loaded lazily and once; ``process_batch`` is what the CLI, the store and Spark call.
"""
from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dotterel import errors as E
from dotterel.records import Article, ArticleResult, Claim, Event, Failure, ParsedArticle

if TYPE_CHECKING:
    from dotterel.llm import LLMSettings

log = logging.getLogger("dotterel")
log.addHandler(logging.NullHandler())


# The sentence prefilter is on by default: on the gold sets (bench/quality.py) it changes no
# figure, on Wikinews it changes under 1% of events (coreference) and saves 15-25% of the time.
# Re-run bench/quality.py and bench/speed.py after changing it, and add to ``sentence_filter``
# any new word list that makes the coders fire.
PREFILTER_DEFAULT = True


def align(events: list[Event], claims: list[Claim]) -> list[Event]:
    """Keep events and claims consistent: a response ("rejected these claims") is an event
    whose recipient is the speaker of the claim it answers."""
    by_id = {c.id: c for c in claims}
    answered = {c.cue_start: by_id[c.responds_to].speaker for c in claims
                if c.responds_to in by_id and by_id[c.responds_to].speaker is not None}
    out = []
    for e in events:
        target = answered.get(e.trigger_start)
        if e.recipient is None and target is not None and target.code and (
                e.actor is None or e.actor.code != target.code):
            e = replace(e, recipient=target)
        out.append(e)
    return out


class Pipeline:
    """``prefilter``: skip the parse of sentences that hold no trigger or cue word (see
    ``dotterel.nlp.SentenceFilter``); faster, at a small cost in coreference.
    ``llm``: a ``dotterel.llm.LLMSettings``; the model behind it then supplies the events
    (parse, claims and actor dictionary stay dotterel's), and an article whose model answer
    fails to validate becomes a Failure with the LLM error's code (E5xx).
    ``semantic``: type the sentences the rules leave untyped with the MiniLM classifier
    (``dotterel.events._semantic``; needs the extra ``dotterel[semantic]``). Every sentence is
    then parsed, whatever ``prefilter`` says.
    ``select``: keep only what an expert codes in ``events`` (``dotterel.events.select``) and
    the rest in ``candidates``; False puts every candidate in ``events``, flags and all (what
    the sentence-level gold sets score: the typing of a sentence once told it holds an
    event)."""

    def __init__(self, *, nlp: Any = None, dict_paths: Sequence[Path] = (),
                 gazetteer: Any = None, batch_size: int = 32,
                 prefilter: bool = PREFILTER_DEFAULT, llm: LLMSettings | None = None,
                 semantic: bool = False, select: bool = True) -> None:
        self._nlp = nlp
        self.dict_paths = tuple(Path(p) for p in dict_paths)
        self._gazetteer = gazetteer
        self.batch_size = batch_size
        self.prefilter = prefilter and not semantic
        self.llm = llm
        self.semantic = semantic
        self.select = select
        self._semantic = None
        self._events = None
        self._claims = None
        self._llm_coder = None
        self._filter = None

    @property
    def nlp(self) -> Any:
        if self._nlp is None:
            from dotterel.nlp import load_model
            self._nlp = load_model()
        return self._nlp

    @property
    def gazetteer(self) -> Any:
        if self._gazetteer is None:
            from dotterel.places import default_gazetteer
            self._gazetteer = default_gazetteer()
        return self._gazetteer

    def _coders(self) -> tuple[Any, Any]:
        if self._events is None:
            from dotterel.actors import load_dictionary, resolve_tokens
            from dotterel.claims import ClaimCoder
            from dotterel.events import EventCoder, load_lexicon
            from dotterel.places import find_places

            dictionary = load_dictionary(self.dict_paths)
            lexicon = load_lexicon(_trigger_files(self.dict_paths))
            gaz = self.gazetteer
            self._events = EventCoder(
                lexicon, lambda toks: resolve_tokens(toks, dictionary=dictionary),
                find_places=lambda toks: find_places(toks, gazetteer=gaz),
                country_place=gaz.country, capital_place=gaz.capital)
            self._claims = ClaimCoder(lambda toks: resolve_tokens(toks, dictionary=dictionary))
            if self.llm is not None:
                from dotterel.llm import LLMCoder

                self._llm_coder = LLMCoder(
                    self.llm, codebook=lexicon.cameo,
                    resolve=lambda toks: resolve_tokens(toks, dictionary=dictionary),
                    find_places=lambda toks: find_places(toks, gazetteer=gaz))
            if self.semantic:
                from dotterel.events import SemanticFallback

                self._semantic = SemanticFallback()
        return self._events, self._claims

    def sentence_filter(self) -> Any:
        """The prefilter built from the trigger lexicon and the claim cues (once)."""
        if self._filter is None:
            import dotterel.claims as C
            import dotterel.syntax as M
            from dotterel.events import load_lexicon
            from dotterel.nlp import SentenceFilter, irregular_forms

            lexicon = load_lexicon(_trigger_files(self.dict_paths))
            free = set(C.ASSERT_CUES) | set(C.CUE_STANCE) | C.CLAIM_NOUNS | {"according"}
            constrained: dict[str, list[tuple[frozenset[str], ...]]] = {}
            for table in (lexicon.verbs, lexicon.nouns):
                for lemma, patterns in table.items():
                    if any(not p.constraints for p in patterns):
                        free.add(lemma)
                    else:
                        constrained.setdefault(lemma, []).extend(p.constraints for p in patterns)
            for verb in C.DEMAND_VERBS - free:  # a demand for proof names the proof
                constrained.setdefault(verb, []).append((frozenset(C.EVIDENCE_NOUNS),))
            words = free | set(constrained)
            anaphora = (M.PERSON_PRONOUNS | M.THING_PRONOUNS | M.PLURAL_PRONOUNS
                        | M.FIRST_PLURAL | set(M.DEFINITES))
            self._filter = SentenceFilter(free, constrained=constrained, anaphora=anaphora,
                                          irregular=irregular_forms(self.nlp, words))
        return self._filter

    def code_parsed(self, parsed: ParsedArticle) -> ArticleResult:
        """Code one parsed article; actors with dated roles code as on the article's date."""
        from dotterel.actors import article_date

        with article_date(parsed.article.date):
            return self._code_parsed(parsed)

    def _code_parsed(self, parsed: ParsedArticle) -> ArticleResult:
        from dotterel.events import Mentions
        from dotterel.places import dateline_place

        events, claims = self._coders()
        mentions = Mentions()
        art = parsed.article
        dateline = dateline_place(art.text[art.body_start:art.body_start + 200],
                                  gazetteer=self.gazetteer)
        evs = events.code(parsed, dateline=dateline, mentions=mentions)
        named = events.named_places
        if self._semantic is not None:
            from dotterel.events import semantic_events

            evs = semantic_events(events, parsed, evs, self._semantic)
        cls = claims.code(parsed, mentions=mentions, events=evs)
        if self._llm_coder is not None:  # the rules still ran: claims need their coreference
            evs = self._llm_coder.code(parsed, dateline=dateline)
        from dotterel.events import SelectionContext, first_person, select, spoken_acts

        evs = first_person(align(evs, cls), cls)
        if self._llm_coder is None:  # the rules' reading of what was said; an LLM supplies
            evs += spoken_acts(evs, cls, parsed, mentions, events.lexicon)  # its own events
        if self.select:
            kept, dropped = select(evs, SelectionContext(article=art, claims=cls))
        else:  # every candidate, with the coder's own ranking score as confidence
            kept, dropped = evs, []
        return ArticleResult(article=art, events=tuple(kept), claims=tuple(cls),
                             candidates=tuple(dropped), places=named)

    def process(self, items: Iterable[Article | Failure]) -> Iterator[ArticleResult | Failure]:
        """Code a stream of articles; failures pass through, and an article that fails to code
        becomes a Failure [E109] instead of stopping the batch."""

        articles: list[Article] = []
        for item in items:
            if isinstance(item, Article):
                item = screen_language(item)
            if isinstance(item, Failure):
                yield from self._flush(articles)
                articles = []
                yield item
            else:
                articles.append(item)
                if len(articles) >= self.batch_size:
                    yield from self._flush(articles)
                    articles = []
        yield from self._flush(articles)

    def _flush(self, articles: list[Article]) -> Iterator[ArticleResult | Failure]:
        if not articles:
            return
        from dotterel.nlp import parse_articles

        keep = self.sentence_filter() if self.prefilter else None
        nlp, done = self.nlp, 0
        try:
            for parsed in parse_articles(articles, nlp, keep=keep):
                done += 1
                try:
                    yield self.code_parsed(parsed)
                except Exception as exc:  # one bad article must not stop the batch
                    log.exception("coding failed for %s", parsed.article.origin)
                    yield _failed(parsed.article, "coding", exc)
        except Exception as exc:  # the parser failed: retry one by one to find the article
            if len(articles) - done == 1:
                log.exception("parsing failed for %s", articles[done].origin)
                yield _failed(articles[done], "parsing", exc)
            else:
                for article in articles[done:]:
                    yield from self._flush([article])


def _trigger_files(paths: Sequence[Path]) -> tuple[Path, ...]:
    """The ``dict_paths`` that are trigger files: the actor loader takes the actor dictionaries."""
    from dotterel.actors import load_dictionary

    actor_files = set(load_dictionary(paths).actor_files)
    return tuple(p for p in paths if str(p) not in actor_files)


def _failed(article: Article, stage: str, exc: Exception) -> Failure:
    if isinstance(exc, E.DotterelError):  # a coded error keeps its code (E5xx from the LLM)
        return Failure(origin=article.origin or article.id, code=exc.code,
                       message=f"{stage} failed: {exc.message}")
    return Failure(origin=article.origin or article.id, code=E.E109,
                   message=f"{stage} failed: {type(exc).__name__}: {exc}")


def screen_language(article: Article) -> Article | Failure:
    """The article, or when it is not in English, a Failure [E108] that names the language
    found ("skipped: language is fr, not English"). See ``dotterel.articles.detect_language``."""
    from dotterel.articles import detect_language

    found = detect_language(article.text)
    if found.is_english:
        return article
    return Failure(origin=article.origin or article.id, code=E.E108,
                   message=f"skipped: language is {found.code}, not English "
                           f"(confidence {found.confidence:.2f})")


_DEFAULT: Pipeline | None = None


def default_pipeline() -> Pipeline:
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = Pipeline()
    return _DEFAULT


def process_batch(items: Iterable[Article | Failure], *,
                  pipeline: Pipeline | None = None) -> list[ArticleResult | Failure]:
    """Code a batch of articles with the default (or given) pipeline; see ``Pipeline.process``."""
    return list((pipeline or default_pipeline()).process(items))
