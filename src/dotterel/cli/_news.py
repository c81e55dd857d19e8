"""``dotterel fetch`` and ``dotterel watch``: following the news (``dotterel.news``)."""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Optional, cast

import typer

from dotterel.cli._options import DbOpt, DictOpt, app
from dotterel.ingest import LOCK_TIMEOUT_S
from dotterel.news import (
    CONTACT_ENV,
    MAX_FEED_ERRORS,
    CycleSummary,
    FetchSettings,
    NewsSummary,
    setting_default,
    setting_help,
)

NEWS_BATCH = 64  # pages per transaction: a kill loses at most the batch being coded


def _default(name: str) -> float:
    return cast(float, setting_default(name))


ContactOpt = Annotated[Optional[str], typer.Option(
    "--contact", envvar=CONTACT_ENV, help=setting_help("contact"))]
TimeoutOpt = Annotated[float, typer.Option("--timeout", min=0.1, help=setting_help("timeout"))]
MaxBytesOpt = Annotated[int, typer.Option("--max-bytes", min=1, help=setting_help("max_bytes"))]
DelayOpt = Annotated[float, typer.Option("--delay", min=0, help=setting_help("delay"))]
ConnectionsOpt = Annotated[int, typer.Option("--connections", min=1,
                                             help=setting_help("connections"))]
RetriesOpt = Annotated[int, typer.Option("--retries", min=0, help=setting_help("retries"))]
BatchOpt = Annotated[int, typer.Option("--batch", min=1, help="Pages per transaction.")]
LockOpt = Annotated[float, typer.Option(
    "--lock-timeout", min=0, help="Seconds to wait, at each batch, while another process holds "
    "the database.")]


def _settings(contact: str | None, timeout: float, max_bytes: int, delay: float,
              connections: int, retries: int) -> FetchSettings:
    return FetchSettings(contact=contact or "", timeout=timeout, max_bytes=max_bytes,
                         delay=delay, connections=connections, retries=retries)


def _pipeline(dicts: list[Path] | None):
    from dotterel.pipeline import Pipeline

    return Pipeline(dict_paths=dicts or ())


def _store_options(db: Path, batch: int, lock_timeout: float):
    from dotterel.news import StoreOptions

    return StoreOptions(db=db, batch=batch, lock_timeout=lock_timeout,
                        on_wait=lambda message: typer.echo(f"dotterel: {message}", err=True))


def _urls(urls: list[str]) -> list[str]:
    """The URLs given, with ``-`` read as one URL a line from stdin."""
    out: list[str] = []
    for url in urls:
        if url == "-":
            out.extend(line.strip() for line in sys.stdin if line.strip()
                       and not line.lstrip().startswith("#"))
        else:
            out.append(url)
    return out


@app.command()
def fetch(urls: Annotated[list[str], typer.Argument(help="Page URLs, or - to read one a line "
                                                        "from stdin.")],
          db: DbOpt = Path("dotterel.duckdb"), contact: ContactOpt = None,
          source: Annotated[Optional[str], typer.Option(
              help="Source name for these pages (default: the site's name).")] = None,
          timeout: TimeoutOpt = _default("timeout"),
          max_bytes: MaxBytesOpt = int(_default("max_bytes")),
          delay: DelayOpt = _default("delay"),
          connections: ConnectionsOpt = int(_default("connections")),
          retries: RetriesOpt = int(_default("retries")),
          batch: BatchOpt = NEWS_BATCH, lock_timeout: LockOpt = LOCK_TIMEOUT_S,
          dict: DictOpt = None) -> None:
    """Download news pages, extract their main text and metadata, code them and store them
    with their url and source. Each failure (unreachable, HTTP error, timeout, not HTML, too
    large, disallowed by robots.txt, no main text, not English) is a row in failures, and the
    batch goes on; exits 1 when any page failed.

    Example: dotterel fetch https://example.org/news/story.html --db news.duckdb --contact me@example.org
    """
    from dotterel.news import fetch_urls

    settings = _settings(contact, timeout, max_bytes, delay, connections, retries)
    summary = fetch_urls(_urls(urls), pipeline=_pipeline(dict), settings=settings,
                         options=_store_options(db, batch, lock_timeout), source=source)
    _print_fetch(summary, db)
    raise typer.Exit(1 if summary.failures else 0)


@app.command()
def watch(feeds: Annotated[Path, typer.Argument(
              help="Text file of RSS, Atom or JSON Feed URLs, one a line, each optionally "
                   "followed by a source name.")],
          db: DbOpt = Path("dotterel.duckdb"),
          every: Annotated[str, typer.Option(
              help="Time between the starts of two cycles: 15m, 90s, 1h30m.")] = "15m",
          once: Annotated[bool, typer.Option("--once", help="Run one cycle and exit (for "
                                                            "cron).")] = False,
          contact: ContactOpt = None, timeout: TimeoutOpt = _default("timeout"),
          max_bytes: MaxBytesOpt = int(_default("max_bytes")),
          delay: DelayOpt = _default("delay"),
          connections: ConnectionsOpt = int(_default("connections")),
          retries: RetriesOpt = int(_default("retries")),
          max_errors: Annotated[int, typer.Option(
              "--max-errors", min=1, help="Failures in a row after which a feed is disabled "
              "(reported each cycle, no longer fetched).")] = MAX_FEED_ERRORS,
          retry_disabled: Annotated[bool, typer.Option(
              "--retry-disabled", help="Clear the errors of disabled feeds first, so they are "
              "fetched again.")] = False,
          batch: BatchOpt = NEWS_BATCH, lock_timeout: LockOpt = LOCK_TIMEOUT_S,
          dict: DictOpt = None) -> None:
    """Follow feeds: each cycle fetches every feed (conditionally), then the new items' pages,
    and codes and stores them in batches; prints a one-line summary per cycle. Without --once
    it loops until SIGINT or SIGTERM, finishing the batch under way.

    Example: dotterel watch feeds.txt --db news.duckdb --every 15m --contact me@example.org
    """
    from dotterel.news import CycleOptions, parse_every
    from dotterel.news import watch as run_watch

    settings = _settings(contact, timeout, max_bytes, delay, connections, retries)
    seconds = parse_every(every)
    options = CycleOptions(store=_store_options(db, batch, lock_timeout), max_errors=max_errors)
    if retry_disabled:
        _enable_all(feeds, options)
    run_watch(feeds, pipeline=_pipeline(dict), settings=settings, options=options,
              every=seconds, once=once, report=_print_cycle,
              warn=lambda message: typer.echo(f"dotterel: {message}", err=True))


def _enable_all(feeds: Path, options) -> None:
    from dotterel.news import read_feeds_file

    with options.store.open() as store:
        store.enable_feeds(f.url for f in read_feeds_file(feeds))


def _print_fetch(summary: NewsSummary, db: Path) -> None:
    _warn_failures(summary)
    typer.echo(f"{summary.pages} pages: {summary.articles_new} new articles, "
               f"{summary.articles_skipped} already stored, {summary.events} events, "
               f"{summary.claims} claims, {summary.failures} failures -> {db} "
               f"({summary.seconds:.1f} s)")


def _print_cycle(summary: CycleSummary) -> None:
    _warn_failures(summary)
    for url in summary.newly_disabled:
        typer.echo(f"dotterel: feed {url} failed too often in a row and is disabled; fix it "
                   "and run with --retry-disabled", err=True)
    if summary.disabled:
        typer.echo(f"dotterel: {len(summary.disabled)} disabled feeds not fetched: "
                   + ", ".join(summary.disabled), err=True)
    typer.echo(summary.line())


def _warn_failures(summary: NewsSummary) -> None:
    for f in summary.failure_samples:
        typer.echo(f"dotterel: [{f.code}] {f.origin}: {f.message}", err=True)
    if summary.failures > len(summary.failure_samples):
        typer.echo(f"dotterel: ... and {summary.failures - len(summary.failure_samples)} more "
                   "failures (see the failures table)", err=True)
