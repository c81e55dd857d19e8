"""How dotterel fetches: one frozen record, each field declared once with its default and help
(the options of ``dotterel fetch`` and ``dotterel watch`` and the README come from here)."""
from __future__ import annotations

import os
import re
from dataclasses import dataclass, field, fields

from dotterel.errors import E611, FetchError

CONTACT_ENV = "DOTTEREL_CONTACT"
ROBOTS_AGENT = "dotterel"  # the token robots.txt rules name


def _help(text: str) -> dict[str, str]:
    return {"help": text}


@dataclass(frozen=True, slots=True)
class FetchSettings:
    """What every request of ``fetch`` and ``watch`` obeys. ``contact`` (an e-mail address or
    a URL) goes into the User-Agent, so that a site owner can reach whoever runs the crawler."""

    contact: str = field(metadata=_help(
        f"An e-mail address or URL for the User-Agent, so sites can reach you; default: the "
        f"{CONTACT_ENV} environment variable."))
    timeout: float = field(default=20.0, metadata=_help(
        "Seconds one request may take, from connecting to its last byte."))
    max_redirects: int = field(default=5, metadata=_help("Redirects followed per request."))
    max_bytes: int = field(default=10_000_000, metadata=_help(
        "Largest page or feed read, in bytes (after decompression); a larger one is a failure."))
    delay: float = field(default=1.0, metadata=_help(
        "Seconds between two requests to one host (robots.txt's Crawl-delay, if longer, wins)."))
    connections: int = field(default=8, metadata=_help(
        "Requests in flight at once, over all hosts (one at a time per host)."))
    retries: int = field(default=2, metadata=_help(
        "Retries after a 429 or 5xx answer, waiting its Retry-After (else 2, 4, ... s)."))
    max_retry_wait: float = field(default=120.0, metadata=_help(
        "Longest wait honoured; a host asking for longer is skipped for this run."))

    def __post_init__(self) -> None:
        contact = (self.contact or "").strip()
        if not contact:
            raise FetchError(f"no contact for the User-Agent: pass --contact EMAIL_OR_URL or set "
                             f"{CONTACT_ENV}, so that the sites you read can reach you", code=E611)
        if len(contact) > 200 or re.search(r"[\x00-\x1f\x7f()]", contact):
            raise FetchError(f"--contact {self.contact!r} cannot go into a User-Agent header: "
                             "give one line of at most 200 characters, without parentheses",
                             code=E611)
        if self.timeout <= 0 or self.max_bytes < 1 or self.delay < 0 or self.connections < 1 \
                or self.retries < 0 or self.max_redirects < 0 or self.max_retry_wait < 0:
            raise FetchError("fetch settings out of range: timeout and max_bytes must be > 0, "
                             "connections >= 1, delay, retries, max_redirects and "
                             "max_retry_wait >= 0", code=E611)

    @property
    def user_agent(self) -> str:
        return f"{ROBOTS_AGENT}/{_version()} (political event coder; +{self.contact.strip()})"


def contact_default() -> str:
    return os.environ.get(CONTACT_ENV, "")


def setting_help(name: str) -> str:
    """The help text declared for the field ``name`` (the CLI's option help)."""
    return next(f.metadata["help"] for f in fields(FetchSettings) if f.name == name)


def setting_default(name: str) -> object:
    return next(f.default for f in fields(FetchSettings) if f.name == name)


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("dotterel")
    except PackageNotFoundError:
        return "0"
