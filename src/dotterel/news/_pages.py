"""A news page -> articles: fetch it (HTML only), decode it (the charset the server or the page
declares, else UTF-8, else Windows-1252), extract the main text and metadata with trafilatura
(title, date, site name), and make an ``Article`` with ``url`` and ``source`` filled, as
``dotterel ingest`` does with an HTML file. Every failure becomes a ``Failure`` with its code."""
from __future__ import annotations

import codecs
import re
from urllib.parse import urlsplit

from dotterel.articles import make_article, split_long
from dotterel.errors import E107, E606, FetchError
from dotterel.news._polite import Polite
from dotterel.news._records import Download, FeedItem, Fetched, PageResult
from dotterel.news._urls import canonical_url
from dotterel.records import Article, Failure

HTML_TYPES = ("text/html", "application/xhtml+xml")
# Less main text than this is no article (a menu, a video's caption, a paywall's teaser): a
# news brief of one sentence is longer. trafilatura gives a menu page its links as text.
MIN_TEXT_CHARS = 80
PAGE_ACCEPT = "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1"
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_HTML_START = re.compile(rb"^\s*(<!--.*?-->\s*)*<(!doctype\s+html|html|head|body)", re.I | re.S)
# labels that browsers read as Windows-1252 (WHATWG Encoding): what "latin-1" pages mean
_WINDOWS_1252 = {"iso-8859-1", "latin-1", "latin1", "us-ascii", "ascii", "l1", "iso8859-1",
                 "iso_8859-1", "cp819", "ibm819"}


def fetch_page(polite: Polite, url: str, *, item: FeedItem | None = None,
               source: str | None = None) -> PageResult:
    """Fetch ``url`` and extract its article; never raises a ``FetchError`` (it becomes the
    result's failure)."""
    return extract_page(download_page(polite, url, item=item), source=source)


def download_page(polite: Polite, url: str, *, item: FeedItem | None = None) -> Download:
    """Fetch ``url`` (HTML only), the answer or the failure; this is what fetch threads do,
    and extraction (CPU work) is left to the coder's thread."""
    try:
        return Download(url=url, item=item,
                        fetched=polite.get(url, headers={"Accept": PAGE_ACCEPT}, types=HTML_TYPES))
    except FetchError as exc:
        return Download(url=url, item=item, failure=Failure(origin=url, code=exc.code,
                                                            message=exc.reason))


def extract_page(download: Download, *, source: str | None = None) -> PageResult:
    """The articles of a downloaded page, or its failure."""
    item, url = download.item, download.url
    if download.fetched is None:
        return PageResult(url=url, item=item, failure=download.failure)
    try:
        articles = page_articles(download.fetched, origin=url, source=source,
                                 title=item.title if item else None,
                                 date=item.date if item else None)
    except FetchError as exc:
        return PageResult(url=url, item=item, failure=Failure(
            origin=url, code=exc.code, message=exc.reason))
    return PageResult(url=url, item=item, articles=articles)


def page_articles(fetched: Fetched, *, origin: str, source: str | None = None,
                  title: str | None = None, date: str | None = None) -> tuple[Article, ...]:
    """The article of a fetched page (its parts, when it is very long). ``source`` (the feed's
    name) wins over the page's site name; ``date`` (the feed's) over the page's. Raises
    ``FetchError`` E606 (not HTML) or E107 (no main text)."""
    if not _is_html(fetched):
        raise FetchError(f"not HTML but {fetched.content_type or 'an undeclared type'}",
                         code=E606, url=origin)
    doc = _extract(decode_html(fetched.body, fetched.charset), url=fetched.final_url,
                   origin=origin)
    text = (getattr(doc, "text", None) or "").strip()
    if len(text) < MIN_TEXT_CHARS:
        raise FetchError(f"no main text found in the page ({len(text)} characters: a menu, a "
                         "video or a paywall?)", code=E107, url=origin)
    heading = getattr(doc, "title", None) or title
    url = canonical_url(fetched.final_url)
    article = make_article(f"{heading}\n{text}" if heading else text,
                           date=date or getattr(doc, "date", None), url=url,
                           source=source or getattr(doc, "sitename", None) or _host(url),
                           origin=origin)
    if not article.text:
        raise FetchError("no main text found in the page", code=E107, url=origin)
    return tuple(split_long(article))


def _extract(html: str, *, url: str, origin: str) -> object:
    try:
        import trafilatura
    except ImportError as exc:  # a broken install (lxml_html_clean missing, say)
        raise FetchError(f"HTML extraction is unavailable: {exc}; reinstall dotterel",
                         code=E107, url=origin) from exc
    try:
        return trafilatura.bare_extraction(html, url=url, with_metadata=True,
                                           include_comments=False)
    except Exception as exc:  # trafilatura raises a variety of parser errors
        raise FetchError(f"the page could not be parsed: {exc}", code=E107, url=origin) from exc


def _is_html(fetched: Fetched) -> bool:
    if fetched.content_type:
        return fetched.content_type in HTML_TYPES
    return bool(_HTML_START.match(fetched.body[:2048]))


def decode_html(body: bytes, charset: str | None) -> str:
    """The page as text: by the charset the server declared, else the one the page declares
    in a <meta>, else UTF-8, else Windows-1252 (which decodes any byte)."""
    meta = _META_CHARSET.search(body[:4096])
    declared = [charset, meta.group(1).decode("ascii").lower() if meta else None]
    for label in (*declared, "utf-8"):
        codec = _codec(label)
        if codec is None:
            continue
        try:
            return body.decode(codec)
        except UnicodeDecodeError:
            continue
    return body.decode("cp1252", errors="replace")


def _codec(label: str | None) -> str | None:
    if not label:
        return None
    if label.lower() in _WINDOWS_1252:
        return "cp1252"
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def _host(url: str) -> str | None:
    return urlsplit(url).hostname
