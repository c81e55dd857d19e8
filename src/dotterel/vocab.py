"""dotterel's closed vocabularies, each spelled out here once: stances, PLOVER types, sectors,
output formats, location levels, periods and quad classes. Everything else imports them: the
records and the JSON contract, the claim coder, the store, the queries, the API's enums, the
CLI's choices. The dashboard (``web/static/app.js`` and ``app.css``) cannot import Python; a
unit test (``tests/unit/test_vocab.py``) checks that it names the same stances.

Each vocabulary is a ``Literal`` type (what the API and the type checker use) and a tuple of
its values in their order (what code and messages use). Standard library only: the CLI imports
this at start-up."""
from __future__ import annotations

from typing import Literal, get_args

# -- claims --------------------------------------------------------------------------------------

Stance = Literal["asserts", "denies", "disputes", "supports", "demands_evidence", "retracts"]
STANCES: tuple[Stance, ...] = get_args(Stance)
# stances that contest the claim they answer: a thread counts them, ``--disputed`` filters on them
CHALLENGES: tuple[Stance, ...] = ("denies", "disputes", "demands_evidence")
# the verb a timeline writes for each (``dotterel claim``): "Taliban denied: ..."
STANCE_VERBS: dict[str, str] = {
    "asserts": "asserted", "denies": "denied", "disputes": "disputed", "supports": "supported",
    "demands_evidence": "demanded evidence for", "retracts": "retracted"}

# -- events --------------------------------------------------------------------------------------

# PLOVER's event types, as the CAMEO -> PLOVER crosswalk (events/data/cameo.tsv) gives them
PloverType = Literal["AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID", "CONCEDE", "RETREAT",
                     "REQUEST", "ACCUSE", "REJECT", "THREATEN", "PROTEST", "MOBILIZE",
                     "SANCTION", "COERCE", "ASSAULT"]
PLOVER_TYPES: tuple[PloverType, ...] = get_args(PloverType)
# quad class -> its name (GDELT's four classes; CAMEO roots 01-04, 05-08, 09-13, 14-20)
QUAD_CLASSES: dict[int, str] = {1: "verbal_cooperation", 2: "material_cooperation",
                                3: "verbal_conflict", 4: "material_conflict"}

# -- actors --------------------------------------------------------------------------------------

# an actor's sector: the CAMEO primary and secondary role codes dotterel keeps (the shipped
# dictionaries use them; a CAMEO code's other parts, religions and regions, are dropped). Not
# ETH, which is Ethiopia's country code.
SECTORS: frozenset[str] = frozenset({
    "AGR", "BUS", "COP", "CRM", "CVL", "DEV", "EDU", "ELI", "ENV", "GOV", "HLH", "HRI", "INS",
    "JUD", "LAB", "LEG", "MED", "MIL", "MOD", "OPP", "PTY", "RAD", "REB", "REF", "REL", "SEP",
    "SPY", "UAF"})

# -- places --------------------------------------------------------------------------------------

# how precise a location is (``contract.place_level``): a town or site, a province or state, or
# the country itself (its coordinates are then its capital's)
Level = Literal["city", "region", "country"]
LEVELS: tuple[Level, ...] = get_args(Level)

# -- outputs -------------------------------------------------------------------------------------

CodeFormat = Literal["json", "jsonl", "table"]  # ``dotterel code``
CODE_FORMATS: tuple[CodeFormat, ...] = get_args(CodeFormat)
ListFormat = Literal["table", "json", "csv"]  # ``dotterel events``, ``claims``, ``claim``
LIST_FORMATS: tuple[ListFormat, ...] = get_args(ListFormat)
ExportFormat = Literal["parquet", "csv", "jsonl", "gdelt"]  # ``dotterel export``
EXPORT_FORMATS: tuple[ExportFormat, ...] = get_args(ExportFormat)
Period = Literal["day", "week", "month"]  # a time series' step
PERIODS: tuple[Period, ...] = get_args(Period)

__all__ = [
    "CHALLENGES", "CODE_FORMATS", "EXPORT_FORMATS", "LEVELS", "LIST_FORMATS", "PERIODS",
    "PLOVER_TYPES", "QUAD_CLASSES", "SECTORS", "STANCES", "STANCE_VERBS", "CodeFormat",
    "ExportFormat", "Level", "ListFormat", "Period", "PloverType", "Stance",
]
