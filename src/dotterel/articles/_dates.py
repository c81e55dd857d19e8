"""Article dates: from the input, else from a dateline; relative day names against the date."""
from __future__ import annotations

import re
from datetime import date, datetime, timedelta

MONTHS = {m: n for n, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september",
     "october", "november", "december"], start=1)}
MONTHS.update({m[:3]: n for m, n in list(MONTHS.items())})
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]

_MON = (r"(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
        r"Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
_MDY = re.compile(_MON + r"\s+(\d{1,2}),?\s+(\d{4})", re.I)
_DMY = re.compile(r"(\d{1,2})\s+" + _MON + r",?\s+(\d{4})", re.I)
_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


def _safe(y: int, m: int, d: int) -> str | None:
    try:
        return date(y, m, d).isoformat()
    except ValueError:
        return None


def parse_date(value: object) -> str | None:
    """An ISO date from '2023-06-10', '2023-06-10T08:00Z', '20230610', 'June 10, 2023',
    '10 June 2023'; None when the value is not a date."""
    s = str(value).strip()
    if m := re.fullmatch(r"(\d{4})(\d{2})(\d{2})", s):
        return _safe(*map(int, m.groups()))
    if m := _ISO.match(s):
        return _safe(*map(int, m.groups()))
    if m := _MDY.search(s):
        return _safe(int(m.group(3)), MONTHS[m.group(1).lower()[:3]], int(m.group(2)))
    if m := _DMY.search(s):
        return _safe(int(m.group(3)), MONTHS[m.group(2).lower()[:3]], int(m.group(1)))
    return None


def find_dateline_date(text: str) -> str | None:
    """The date of a wire dateline near the start of a body ('KABUL, June 10, 2023 (Reuters) -')."""
    head = text[:200]
    for rx in (_MDY, _DMY, _ISO):
        if m := rx.search(head):
            return parse_date(m.group(0))
    return None


def resolve_relative_day(word: str, article_date: str | None) -> str | None:
    """'Tuesday' -> the most recent Tuesday on or before the article date; 'yesterday',
    'today', 'tomorrow' likewise. None without an article date."""
    if not article_date:
        return None
    base = datetime.strptime(article_date, "%Y-%m-%d").date()
    w = word.lower()
    shift = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}.get(w)
    if shift is not None:
        return (base + timedelta(days=shift)).isoformat()
    if w in WEEKDAYS:
        back = (base.weekday() - WEEKDAYS.index(w)) % 7
        return (base - timedelta(days=back)).isoformat()
    return None
