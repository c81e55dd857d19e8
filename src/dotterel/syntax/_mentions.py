"""Article-level coreference, kept simple and explainable.

Every resolved noun phrase is recorded as a mention. Later, a pronoun takes the nearest earlier
compatible mention ("they" -> the last group or government; "he" -> the last person), a bare
surname takes the person first named with a role ("Iran's foreign minister, Hossein Amir
Abdollahian" ... "Abdollahian"), and a definite description takes the last mention of its kind
("the group" -> the last armed group; "the minister" -> the last official).
"""
from __future__ import annotations

from bisect import insort
from collections import Counter
from dataclasses import replace

from dotterel.records import Actor

PERSON_PRONOUNS = {"he", "him", "his", "she", "her", "hers", "himself", "herself"}
THING_PRONOUNS = {"it", "its", "itself"}
PLURAL_PRONOUNS = {"they", "them", "their", "theirs", "themselves"}
FIRST_PLURAL = {"we", "us", "our"}
FIRST_SINGULAR = {"i", "me", "my"}
# definite descriptions -> which earlier mention they may take
DEFINITES = {
    "group": {"IMG", "REB"}, "militant": {"IMG", "REB"}, "organization": {"IMG", "REB", "NGO", "IGO"},
    "organisation": {"IMG", "REB", "NGO", "IGO"}, "movement": {"REB", "OPP", "IMG"},
    "minister": {"GOV"}, "official": {"GOV"}, "spokesman": {"GOV"}, "spokeswoman": {"GOV"},
    "president": {"GOV"}, "governor": {"GOV"}, "government": {"GOV"}, "ministry": {"GOV"},
    "country": {"GOV", None}, "nation": {"GOV", None}, "regime": {"GOV"}, "administration": {"GOV"},
}

# the one a crime is pinned on: "the accused" is the person the article named as such
SUSPECTS = frozenset({"accused", "suspect", "gunman", "attacker", "assailant", "shooter",
                      "perpetrator", "killer"})

# weapons the role list codes as military; they belong to no one by default
WEAPONS = frozenset({"drone", "missile", "rocket", "jet", "warplane", "aircraft", "tank",
                     "helicopter", "gunship", "bomber", "warship", "gunboat", "frigate",
                     "destroyer", "submarine", "artillery", "plane", "shell", "mortar"})
NON_STATE = frozenset({"IGO", "NGO", "IMG", "MNC", "UNO", "UAF", "INT"})
HOME_MIN_SHARE = 0.3  # the home country must be at least this share of the country mentions
# a subject pronoun continues the topic (the last subject) only this many characters on, about
# two sentences; beyond that, the nearest compatible mention
TOPIC_WINDOW = 400
# offices of state: an unnamed holder belongs to the country whose politics the article follows
OFFICES = frozenset({"GOV", "LEG", "JUD"})
STATE = frozenset({"GOV", "LEG", "JUD", "MIL", "SPY"})


class Mentions:
    """The actors mentioned so far in one article, in text order."""

    __slots__ = ("items", "persons", "home_code", "politics_code", "groups")

    def __init__(self) -> None:
        self.items: list[tuple[int, Actor, bool]] = []
        self.groups: dict[int, tuple[Actor, ...]] = {}  # subject offset -> its conjoined actors
        self.persons: dict[str, Actor] = {}
        self.home_code: str | None = None  # set once the article is read (``settle``)
        self.politics_code: str | None = None

    def settle(self, *, extra: Counter | None = None) -> str | None:
        """Fix the article's home country (see ``home``) and the country whose politics it
        follows (see ``politics``) once every mention is in."""
        self.home_code = self.home(extra=extra)
        self.politics_code = self.politics() or self.home_code
        return self.home_code

    def at_home(self, a: Actor | None) -> Actor | None:
        """An actor known only by a domestic role ("police", "the governor", "Hotak", whom the
        article introduced as a provincial councillor) takes the article's home country; an
        office of state ("the senator", "the administration", "the president") takes the
        country whose politics the article follows, which may not be where its events are
        ("Senator Graham" in a story set in Syria is a US senator)."""
        if a is None or a.code or not a.sector or a.kind not in ("role", "person"):
            return a
        code = self.politics_code if a.sector in OFFICES else self.home_code
        if code is None:
            return a
        if (a.text or "").split()[-1:] and a.text.split()[-1].lower().rstrip("s") in WEAPONS:
            return a  # "drone strikes hit the plant": whose drones, the text does not say
        return replace(a, code=code)

    def politics(self) -> str | None:
        """The country whose state the article is about: the one whose officials, government,
        legislature and courts it names most, when one clearly leads (places do not count)."""
        counts = Counter(a.code for _, a, _ in self.items
                         if a.code and len(a.code) == 3 and a.code not in NON_STATE
                         and a.sector in STATE)
        if not counts:
            return None
        (best, n), *rest = counts.most_common(2) + [(None, 0)]
        return best if n >= 2 and n >= 2 * rest[0][1] else None

    def home(self, *, extra: Counter | None = None) -> str | None:
        """The country the article is set in: the country its actors belong to most often
        (plus ``extra`` counts, such as the places of its events), when one country clearly
        leads. Actors known only by a domestic role ("police", "protesters", "the governor")
        belong to it, as event data sets code unnamed domestic actors."""
        seen: set[str] = set()  # a person counts once, however often named or referred to
        counts: Counter = Counter()
        for _, a, _ in self.items:
            if not a.code or len(a.code) != 3 or a.code in NON_STATE or a.sector == "MED":
                continue  # an outlet reports from afar
            if a.kind == "person" and a.name:
                if a.name in seen:
                    continue
                seen.add(a.name)
            counts[a.code] += 1
        counts.update(extra or {})
        if not counts:
            return None
        (best, n), *rest = counts.most_common(2) + [(None, 0)]
        if n < 2 * rest[0][1] and rest[0][1] > 0 and n - rest[0][1] < 2:
            return None  # two countries in balance: no home
        return best if n / sum(counts.values()) >= HOME_MIN_SHARE else None

    def add(self, offset: int, actor: Actor, *, subject: bool = False) -> None:
        if actor.code or actor.sector:
            insort(self.items, (offset, actor, subject), key=lambda x: x[0])

    def add_group(self, offset: int, actors: list[Actor]) -> None:
        """Several actors named together as one subject ("Egypt's foreign minister and his
        Greek and Cypriot counterparts gathered ..."), which a later "they" may take."""
        group = tuple(actors)
        rep = replace(actors[0], kind="group")  # what a plural pronoun can take
        insort(self.items, (offset, rep, True), key=lambda x: x[0])
        self.groups[offset] = group

    def group_of(self, actor: Actor) -> tuple[Actor, ...] | None:
        """The group a mention was named in, if any."""
        if actor.kind != "group":
            return None
        for off, a, _ in reversed(self.items):
            if a == actor and off in self.groups:
                return self.groups[off]
        return None

    def add_person(self, full_name: str, actor: Actor) -> None:
        """Remember a named person with the code and sector their role gave them."""
        person = replace(actor, name=full_name, kind="person")
        parts = full_name.split()
        keys = [full_name.lower()] + ([parts[-1].lower()] if len(parts) > 1 else [])
        for key in keys:
            known = self.persons.get(key)
            if known is not None and known.code and not person.code:
                continue  # "Prime Minister Johnson" does not undo the coded "Boris Johnson"
            self.persons[key] = person

    def person(self, name: str) -> Actor | None:
        key = name.lower().strip()
        return self.persons.get(key) or self.persons.get(key.split()[-1] if key else key)

    def pronoun(self, word: str, before: int, *, subject: bool = False) -> Actor | None:
        """A pronoun takes the nearest compatible earlier mention; a subject pronoun prefers
        the nearest earlier subject (the topic usually stays the subject)."""
        w = word.lower()
        if w in FIRST_SINGULAR or w in FIRST_PLURAL:
            # the speaker of the quote it stands in (``_context.first_person``, once the claims
            # are known); meanwhile "we" leans on the last group or government named
            found = self._last(before, lambda a: a.kind != "person") if w in FIRST_PLURAL else None
            return Actor(text=word, code=found.code if found else None,
                         sector=found.sector if found else None, name=found.name if found else None,
                         kind="speaker")
        if w in PERSON_PRONOUNS:
            ok = _one_person
        elif w in THING_PRONOUNS:
            ok = lambda a: a.kind != "person" and not _one_person(a)  # noqa: E731
        elif w in PLURAL_PRONOUNS or w in FIRST_PLURAL:
            ok = lambda a: a.kind != "person"  # noqa: E731
        else:
            return None
        if subject and (found := self._last(before, ok, subjects_only=True)) is not None \
                and before - self._offset(found) <= (
                    2 * TOPIC_WINDOW if found.kind == "group" else TOPIC_WINDOW):
            return found  # several actors named together stay the topic a little longer
        return self._last(before, ok)

    def definite(self, head_lemma: str, before: int) -> Actor | None:
        if head_lemma.lower() in SUSPECTS:  # "Brenton Tarrant ... the accused"
            return self._last(before, lambda a: a.kind == "person" and a.code is not None
                              and a.sector in (None, "CRM", "REB", "CVL"))
        wanted = DEFINITES.get(head_lemma.lower())
        if not wanted:
            return None
        return self._last(before, lambda a: a.code is not None and (
            a.code in wanted or a.sector in wanted))

    def nearby(self, sector: str, before: int, *, window: int,
               words: frozenset[str] = frozenset()) -> Actor | None:
        """The latest coded mention with ``sector`` within ``window`` characters before that
        shares one of ``words`` (the names in the phrase: "Foreign Office spokeswoman" after
        "Pakistan's Foreign Office", not "Foreign Secretary Raab" after "the US Embassy")."""
        return self._last(before, lambda a: a.sector == sector and a.kind != "person"
                          and before - window <= self._offset(a)
                          and bool(words & _names(a.text)), subjects_only=False)

    def same_head(self, head: str, before: int) -> Actor | None:
        """"The embassy" takes the code of the last coded mention headed by the same noun
        ("the US Embassy in London"), whatever its sector."""
        head = head.lower()
        return self._last(before, lambda a: a.code is not None and a.kind != "person"
                          and head in _words(a.text))

    def _offset(self, actor: Actor) -> int:
        return actor.start if actor.start is not None else -10**9

    def _last(self, before: int, ok, *, subjects_only: bool = False) -> Actor | None:
        for offset, actor, subject in reversed(self.items):
            known = actor.code or actor.sector  # a role ("the protesters") takes home later
            if offset < before and known and ok(actor) and (subject or not subjects_only):
                return actor
        return None


# role nouns that name one person: "a spokesman for the police said he ..." is the spokesman
PERSON_ROLES = frozenset({"spokesman", "spokeswoman", "spokesperson", "minister", "president",
                          "official", "commander", "chief", "governor", "mayor", "ambassador",
                          "envoy", "secretary", "senator", "leader", "director", "general",
                          "officer", "prosecutor", "judge", "lawmaker", "diplomat", "king",
                          "queen", "prince", "premier", "chancellor", "head", "representative",
                          "commissioner", "adviser", "advisor", "candidate", "activist"})


def _one_person(a: Actor) -> bool:
    """A named person, or a role held by one person ("the foreign minister")."""
    if a.kind == "person":
        return True
    if a.kind not in ("role", "country", "organisation"):
        return False
    words = (a.text or "").lower().replace(",", " ").split()[:4]
    return any(w in PERSON_ROLES for w in words) and not any(  # "officials" are several
        w.endswith("s") and w[:-1] in PERSON_ROLES for w in words)


def _words(text: str | None) -> set[str]:
    return {w.lower().rstrip("s") if len(w) > 3 else w.lower()
            for w in (text or "").replace("'", " ").split()}


def _names(text: str | None) -> frozenset[str]:
    """The capitalised words of a phrase, lower-cased: what names it, not its role noun."""
    return frozenset(w.lower() for w in (text or "").replace("'", " ").split()
                     if w[:1].isupper() and w.lower() not in ("the", "a", "an"))
