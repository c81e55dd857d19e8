"""The ``dotterel`` Typer app and the options its commands share. Each command module
(``_app``, ``_claims``, ``_serve``, ``_scale``, ``_actors``) imports this and registers its
commands on ``app``; ``dotterel.cli`` imports them all. The choices come from
``dotterel.vocab``."""
from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated, Optional, cast

import typer

from dotterel.llm import setting_default, setting_help
from dotterel.vocab import CODE_FORMATS, EXPORT_FORMATS, LIST_FORMATS

LLM_TIMEOUT = cast(float, setting_default("timeout"))

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="News articles -> political event data and a ledger of contested claims.")

DB_HELP = "DuckDB file (created if missing)."
DbOpt = Annotated[Path, typer.Option("--db", help=DB_HELP)]
DictOpt = Annotated[Optional[list[Path]], typer.Option(
    "--dict", help="Extra dictionary/lexicon TSV file (repeatable).", exists=True, dir_okay=False)]

# the output formats of dotterel.vocab as choices: ``dotterel code``; ``events``, ``claims`` and
# ``claim``; ``export`` (no import of query at start-up)
CodeFormat = Enum("CodeFormat", {f: f for f in CODE_FORMATS}, type=str)  # type: ignore[misc]
TableFormat = Enum("TableFormat", {f: f for f in LIST_FORMATS}, type=str)  # type: ignore[misc]
ExportFormat = Enum("ExportFormat", {f: f for f in EXPORT_FORMATS}, type=str)  # type: ignore[misc]
CodeFormatOpt = Annotated[CodeFormat, typer.Option("--format", "-f")]
TableFormatOpt = Annotated[TableFormat, typer.Option("--format", "-f")]
ExportFormatOpt = Annotated[ExportFormat, typer.Option("--format", "-f")]

WorkersOpt = Annotated[int, typer.Option(
    "--workers", "-w", min=1, help="Worker processes, each loading the model once; output and "
    "order are the same as with 1 (this process).")]
PrefilterOpt = Annotated[bool, typer.Option(
    "--prefilter/--no-prefilter", help="Skip the parse of sentences with no trigger or cue word.")]

SemanticOpt = Annotated[bool, typer.Option(
    "--semantic/--no-semantic", help="Type sentences the rules leave untyped with a MiniLM "
    "classifier (needs pip install 'dotterel[semantic]'; slower).")]


class Coder(str, Enum):
    rules = "rules"
    llm = "llm"


CoderOpt = Annotated[Coder, typer.Option(
    "--coder", help="Who codes the events: dotterel's rules, or a model behind --llm-url "
    "(the parse, claims and actor dictionary stay dotterel's).")]
LlmUrlOpt = Annotated[Optional[str], typer.Option(
    "--llm-url", envvar="DOTTEREL_LLM_URL", help=setting_help("base_url"))]
LlmModelOpt = Annotated[Optional[str], typer.Option(
    "--llm-model", envvar="DOTTEREL_LLM_MODEL", help=setting_help("model"))]
LlmTimeoutOpt = Annotated[float, typer.Option(
    "--llm-timeout", min=1, help=setting_help("timeout"))]
