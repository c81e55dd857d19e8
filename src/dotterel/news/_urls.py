"""URLs: which are fetchable, and the canonical form items are de-duplicated by."""
from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

from dotterel.errors import E610, FetchError

# query parameters that track a click, not name a page: dropped from canonical URLs
TRACKING = frozenset({
    "fbclid", "gclid", "gclsrc", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "twclid",
    "ttclid", "li_fat_id", "igshid", "mc_cid", "mc_eid", "_ga", "_gl", "_hsenc", "_hsmi",
    "mkt_tok", "oly_anon_id", "oly_enc_id", "vero_id", "rb_clickid", "s_cid", "wt_mc",
    "cmpid", "ocid", "ncid", "sr_share", "at_medium", "at_campaign", "spm", "ito"})
TRACKING_PREFIXES = ("utm_", "pk_", "mtm_", "hsa_")
_DEFAULT_PORTS = {"http": "80", "https": "443"}
_SPACE = re.compile(r"\s")


def is_tracking(name: str) -> bool:
    low = name.lower()
    return low in TRACKING or low.startswith(TRACKING_PREFIXES)


def check_url(url: str, *, where: str = "") -> str:
    """``url`` stripped, when it is an absolute http(s) URL with a host; else ``FetchError``
    [E610] naming it (and ``where`` it came from)."""
    text = url.strip()
    parts = urlsplit(text) if text and not _SPACE.search(text) else None
    if parts is None or parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        at = f"{where}: " if where else ""
        raise FetchError(f"{at}{url!r} is not an http(s) URL; give an absolute address such as "
                         "https://example.org/news/rss.xml", code=E610, url="")
    return text


def absolute(url: str, base: str) -> str:
    """``url`` resolved against ``base`` (a feed's relative links)."""
    return urljoin(base, url.strip())


def canonical_url(url: str) -> str:
    """The form items are de-duplicated by: scheme and host in lower case, no default port,
    no fragment, no tracking parameters (utm_*, fbclid, gclid, ...), the other parameters
    sorted, and an empty path as "/"."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    if parts.port is not None and str(parts.port) != _DEFAULT_PORTS.get(scheme):
        host = f"{host}:{parts.port}"
    if parts.username:
        host = f"{parts.username}@{host}"
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not is_tracking(k)]
    return urlunsplit((scheme, host, parts.path or "/", urlencode(sorted(query)), ""))


def host_key(url: str) -> str:
    """``scheme://host[:port]``: what one-request-at-a-time and robots.txt go by."""
    parts = urlsplit(url)
    return f"{parts.scheme.lower()}://{(parts.netloc.rpartition('@')[2]).lower()}"
