"""``dotterel actors import`` and ``dotterel actors lookup``: bring in PETRARCH/TABARI actor
dictionaries, and check which code a name resolves to on a date."""
from __future__ import annotations

from collections.abc import Sequence
from datetime import date as Date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from dotterel.cli._options import DictOpt, app

if TYPE_CHECKING:
    from dotterel.actors import Role, Skipped

actors_app = typer.Typer(no_args_is_help=True, help="Actor dictionaries: import PETRARCH/TABARI "
                         "actor lists, look names up.")
app.add_typer(actors_app, name="actors")
SHOWN_LINES = 5  # line numbers listed per reason in the import summary


@actors_app.command("import")
def import_(path: Annotated[Path, typer.Argument(
                help="A PETRARCH/TABARI actor dictionary (.actors.txt).", exists=True,
                dir_okay=False)],
            out: Annotated[Optional[Path], typer.Option(
                "--out", help="Write it as a dotterel actor TSV here, to use with --dict.")] = None,
            keep_going: Annotated[bool, typer.Option(
                "--keep-going", help="Skip broken lines (bad dates or codes), listing them, "
                "instead of stopping.")] = False) -> None:
    """Read a PETRARCH/TABARI actor dictionary (names, synonyms, codes with date limits), print
    what it holds and what was skipped, and with --out convert it into a dotterel actor TSV.
    A name with dated codes codes as the role it held on the article's date.

    Example: dotterel actors import Phoenix.Countries.actors.txt --out countries.tsv
    """
    from dotterel.actors import read_tabari, superseded, tabari_rows, to_tsv

    parsed = read_tabari(path, keep_going=keep_going)
    counts = parsed.counts
    typer.echo(f"{path}: {counts['entries']} entries, {counts['synonyms']} synonyms, "
               f"{counts['roles']} roles ({counts['dated roles']} dated)")
    _reasons("skipped", parsed.skipped)
    _reasons("mended", parsed.mended)
    if (dupes := superseded(parsed)):
        typer.echo(f"{dupes} names listed by several entries: the later entry keeps them")
    if out is not None:
        rows = tabari_rows(parsed)
        out.write_text(to_tsv(rows, source=path.name), encoding="utf-8")
        people = sum(r.kind == "people" for r in rows)
        typer.echo(f"wrote {out}: {people} people (with dated roles), {len(rows) - people} "
                   f"organisations. Use it with: dotterel code ARTICLE --dict {out}")


def _reasons(what: str, items: Sequence[Skipped]) -> None:
    if not items:
        return
    by_reason: dict[str, list[int]] = {}
    for item in items:
        by_reason.setdefault(item.reason, []).append(item.line)
    typer.echo(f"{what} {len(items)} lines:")
    for reason, lines in sorted(by_reason.items(), key=lambda kv: -len(kv[1])):
        shown = ", ".join(map(str, lines[:SHOWN_LINES])) + (", ..." if len(lines) > SHOWN_LINES
                                                            else "")
        typer.echo(f"  {len(lines):>7}  {reason} (line {shown})")


@actors_app.command("lookup")
def lookup(name: Annotated[str, typer.Argument(help="A name, as it would appear in text.")],
           date: Annotated[Optional[str], typer.Option(
               "--date", help="The article's date, YYYY-MM-DD (default: none).")] = None,
           dict: DictOpt = None) -> None:
    """Show the code and sector a name resolves to, on a date, with the shipped dictionaries and
    your --dict files; and the dated roles it has. Exits 1 when the name is unknown.

    Example: dotterel actors lookup "Hamid Karzai" --date 2010-05-01 --dict countries.tsv
    """
    from dotterel.actors import load_dictionary, lookup_entry, lookup_name

    if date is not None:
        try:
            date = Date.fromisoformat(date).isoformat()
        except ValueError:
            raise typer.BadParameter(f"{date!r} is not a date; write YYYY-MM-DD",
                                     param_hint="--date") from None
    dictionary = load_dictionary(dict or ())
    actor, entry = lookup_name(name, dictionary=dictionary, date=date), lookup_entry(
        name, dictionary=dictionary)
    if actor is None or entry is None:
        typer.echo(f"{name!r}: not a name in the actor dictionaries", err=True)
        raise typer.Exit(1)
    typer.echo(f"{name} -> {actor.code or '-'} {actor.sector or '-'}  ({actor.kind} "
               f"{actor.name!r}, {'on ' + date if date else 'no date'})")
    for role in entry.roles:
        typer.echo(f"  {_role(role)}")


def _role(role: Role) -> str:
    if role.start is None and role.end is None:
        return f"{role.code or '-'} {role.sector or '-'} undated"
    return role.cell()
