"""The LLM coder: parsed sentences in, the same ``Event`` records as the rule coder out.

The model picks the trigger word, the CAMEO code and the actor and recipient phrases; everything
else comes from dotterel itself, as for the rule coder: Goldstein score, quad class and PLOVER
type and mode from the codebook (``events/data/cameo.tsv``), actor codes from the actor
dictionary (the injected resolver, given the tokens of the phrase the model quoted), the place
from the gazetteer, the date from the sentence.
"""
from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator, Sequence

from dotterel.articles import resolve_relative_day
from dotterel.llm._client import ChatClient
from dotterel.llm._prompt import build_request
from dotterel.llm._settings import LLMSettings
from dotterel.llm._spans import trigger_words
from dotterel.llm._validate import Proposal, Span, parse_answer
from dotterel.records import Actor, Event, ParsedArticle, Place, Sentence, Token

Resolver = Callable[[Sequence[Token]], Actor | None]
PlaceFinder = Callable[[Sequence[Token]], list[Place]]

# The model gives no score: every LLM event gets this confidence (the rule coder's range is
# 0.05-0.95). Not calibrated; bench/llm_grade.py compares the coders without it.
LLM_CONFIDENCE = 0.5
DAY_WORDS = frozenset({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
                       "sunday", "yesterday", "today", "tonight", "tomorrow"})


class LLMCoder:
    """Codes events with a model behind an OpenAI-compatible endpoint. ``codebook`` maps CAMEO
    codes to records with ``label``, ``goldstein``, ``quad_class``, ``plover_type`` and
    ``plover_mode`` (``Lexicon.cameo``); ``resolve`` turns tokens into an Actor."""

    def __init__(self, settings: LLMSettings, *, codebook: dict, resolve: Resolver,
                 find_places: PlaceFinder | None = None, client: ChatClient | None = None) -> None:
        self.settings = settings
        self.codebook = codebook
        self.resolve = resolve
        self.find_places = find_places
        self.client = client or ChatClient(settings)
        self._labels = {code: entry.label for code, entry in codebook.items()}

    def code(self, parsed: ParsedArticle, *, dateline: Place | None = None) -> list[Event]:
        """The article's events; raises LLMError (E501-E506) when the model cannot be asked or
        its answer does not validate."""
        events: dict[str, Event] = {}
        for run in self._runs(parsed.sentences):
            for p in self.propose(run):
                event = self.to_event(p, parsed, dateline=dateline)
                events.setdefault(event.id, event)  # the same event twice is one event
        return list(events.values())

    def propose(self, sentences: Sequence[Sentence]) -> list[Proposal]:
        """Ask the model about ``sentences`` (one request) and validate its answer."""
        s = self.settings
        request = build_request(sentences, self._labels, codebook=s.codebook,
                                max_events=s.max_events_per_sentence)
        content = self.client.complete(request.messages, request.schema)
        return parse_answer(content, sentences, self.codebook, max_events=s.max_events_per_sentence,
                            source=f"{self.client.url} (model {s.model})")

    def to_event(self, p: Proposal, parsed: ParsedArticle, *,
                 dateline: Place | None = None) -> Event:
        sent, entry = p.sentence, self.codebook[p.cameo]
        actor = self._actor(p.actor, sent)
        recipient = self._actor(p.recipient, sent)
        if recipient is not None and p.actor is not None and p.recipient == p.actor:
            recipient = None  # one party is no dyad
        a_code, r_code = actor and actor.code, recipient and recipient.code
        eid = hashlib.sha1(f"{parsed.article.id}|{sent.index}|{p.trigger.start}|{a_code}|{r_code}"
                           .encode()).hexdigest()[:16]
        return Event(
            id=eid, sentence=sent.index, sentence_text=sent.text, trigger=p.trigger.text,
            trigger_start=p.trigger.start, trigger_end=p.trigger.end, actor=actor,
            recipient=recipient, cameo=p.cameo, plover_type=entry.plover_type,
            plover_mode=entry.plover_mode, goldstein=entry.goldstein,
            quad_class=entry.quad_class, location=self._place(sent, p) or dateline,
            negated=p.negated, hypothetical=p.hypothetical, confidence=LLM_CONFIDENCE,
            sentence_start=sent.start, date=event_date(sent, parsed.article.date))

    def _runs(self, sentences: Sequence[Sentence]) -> Iterator[list[Sentence]]:
        askable = [s for s in sentences if trigger_words(s)]
        step = self.settings.sentences_per_request
        for i in range(0, len(askable), step):
            yield askable[i:i + step]

    def _actor(self, span: Span | None, sent: Sentence) -> Actor | None:
        if span is None:
            return None
        tokens = [t for t in sent.tokens if span.start <= t.idx < span.end]
        found = self.resolve(tokens) if tokens else None
        if found is not None:
            return found
        return Actor(text=span.text, code=None, start=span.start, end=span.end, kind="unknown")

    def _place(self, sent: Sentence, p: Proposal) -> Place | None:
        if self.find_places is None:
            return None
        parties = [s for s in (p.actor, p.recipient) if s is not None]
        for place in self.find_places(sent.tokens):
            if place.start is None or not any(s.start <= place.start < s.end for s in parties):
                return place
        return None


def event_date(sent: Sentence, article_date: str | None) -> str | None:
    """The day a weekday or "yesterday" in the sentence points to, else the article date."""
    for t in sent.tokens:
        if t.lemma.lower() in DAY_WORDS and t.dep in ("npadvmod", "pobj", "tmod", "advmod"):
            if (day := resolve_relative_day(t.lemma, article_date)) is not None:
                return day
    return article_date
