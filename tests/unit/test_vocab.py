"""One home per vocabulary (``dotterel.vocab``): the store, the API's enums, the CLI's choices,
the claim coder's cues, the shipped data files and the dashboard all name the same values."""
from __future__ import annotations

import re
from importlib.resources import files
from typing import Any

import pytest

from dotterel import vocab

STATIC = files("dotterel") / "web" / "static"


def test_each_vocabulary_is_its_literal_type() -> None:
    from typing import get_args

    for values, literal in ((vocab.STANCES, vocab.Stance), (vocab.PLOVER_TYPES, vocab.PloverType),
                            (vocab.LEVELS, vocab.Level), (vocab.PERIODS, vocab.Period),
                            (vocab.CODE_FORMATS, vocab.CodeFormat),
                            (vocab.LIST_FORMATS, vocab.ListFormat),
                            (vocab.EXPORT_FORMATS, vocab.ExportFormat)):
        assert values == get_args(literal) and len(set(values)) == len(values)
    assert set(vocab.CHALLENGES) < set(vocab.STANCES)
    assert list(vocab.STANCE_VERBS) == list(vocab.STANCES)
    assert sorted(vocab.QUAD_CLASSES) == [1, 2, 3, 4]


# -- stances ---------------------------------------------------------------------------------

def test_the_dashboard_names_the_stances() -> None:
    js = STATIC.joinpath("app.js").read_text(encoding="utf-8")
    block = re.search(r"const STANCES = \{(.*?)\};", js, re.S)
    assert block, "app.js should map each stance to its label in `const STANCES = {...}`"
    assert re.findall(r"(\w+):\s*\"", block.group(1)) == list(vocab.STANCES)
    css = STATIC.joinpath("app.css").read_text(encoding="utf-8")
    assert set(re.findall(r"\.s-(\w+)", css)) == set(vocab.STANCES)
    for stance in vocab.STANCES:  # a badge and a claim border each
        assert f".stance.s-{stance} " in css and f"li.claim.s-{stance} " in css


def test_the_claim_coder_speaks_the_stances() -> None:
    import dotterel.claims as claims
    from dotterel.claims._coder import PARSE_STANCES

    assert claims.STANCES is vocab.STANCES
    assert set(claims.CUE_STANCE.values()) <= set(vocab.STANCES)
    assert set(PARSE_STANCES) <= set(vocab.STANCES)


def test_the_store_counts_stances_of_the_vocabulary() -> None:
    from dotterel.store._schema import CLAIM_THREADS, MIGRATIONS, THREAD_COUNTS

    assert set(THREAD_COUNTS) <= set(vocab.STANCES)
    assert set(THREAD_COUNTS.values()) <= set(CLAIM_THREADS.names)
    # a CHECK or ENUM in the schema, should one come, lists the stances of the vocabulary
    ddl = " ".join([CLAIM_THREADS.ddl(), *(s for v in MIGRATIONS.values() for s in v)])
    for listed in re.findall(r"\bIN\s*\(([^)]*)\)|ENUM\s*\(([^)]*)\)", ddl, re.I):
        values = set(re.findall(r"'([^']*)'", "".join(listed)))
        assert not values & set(vocab.STANCES) or values == set(vocab.STANCES)


def test_the_cli_writes_a_verb_per_stance() -> None:
    from dotterel.cli import _claims

    assert _claims.STANCE_VERBS is vocab.STANCE_VERBS


# -- the API's enums -------------------------------------------------------------------------

@pytest.fixture(scope="module")
def spec() -> dict[str, Any]:
    from fastapi import FastAPI

    from dotterel.api._routes import router

    app = FastAPI()
    app.include_router(router)
    return app.openapi()


def _param(spec: dict[str, Any], path: str, name: str) -> dict[str, Any]:
    params = spec["paths"][path]["get"]["parameters"]
    schema = next(p["schema"] for p in params if p["name"] == name)
    return next((s for s in schema.get("anyOf", [schema]) if "enum" in s), schema)


def _field(spec: dict[str, Any], model: str, name: str) -> dict[str, Any]:
    schema = spec["components"]["schemas"][model]["properties"][name]
    return next((s for s in schema.get("anyOf", [schema]) if "enum" in s), schema)


def test_the_api_enums_are_the_vocabularies(spec: dict[str, Any]) -> None:
    assert _param(spec, "/api/claims", "stance")["enum"] == list(vocab.STANCES)
    assert _field(spec, "ClaimOut", "stance")["enum"] == list(vocab.STANCES)
    assert _field(spec, "PloverOut", "type")["enum"] == list(vocab.PLOVER_TYPES)
    assert _param(spec, "/api/places", "level")["enum"] == list(vocab.LEVELS)
    assert _field(spec, "PlaceOut", "level")["enum"] == list(vocab.LEVELS)
    assert _param(spec, "/api/dyads/{a}/{b}/series", "by")["enum"] == list(vocab.PERIODS)
    assert _field(spec, "SeriesOut", "by")["enum"] == list(vocab.PERIODS)
    quads = spec["components"]["schemas"]["QuadCountsOut"]["properties"]
    assert list(quads) == list(vocab.QUAD_CLASSES.values())


# -- formats ---------------------------------------------------------------------------------

def test_the_cli_offers_the_formats_of_the_vocabulary() -> None:
    from dotterel import query
    from dotterel.cli._options import CodeFormat, ExportFormat, TableFormat

    assert [f.value for f in CodeFormat] == list(vocab.CODE_FORMATS)
    assert [f.value for f in TableFormat] == list(vocab.LIST_FORMATS)
    assert [f.value for f in ExportFormat] == list(vocab.EXPORT_FORMATS)
    assert list(query.EXPORT_FORMATS) == list(vocab.EXPORT_FORMATS)


# -- PLOVER types, sectors, levels -----------------------------------------------------------

def _tsv(path: Any) -> list[dict[str, str]]:
    """The rows of a TSV file, each section named by its own header line (the first line that
    is no comment, and each later line with one of the header's first two column names)."""
    rows: list[dict[str, str]] = []
    header: list[str] | None = None
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if header is None or cells[:2] == header[:2] or "sector" in cells:
            header = cells
            continue
        rows.append(dict(zip(header, cells)))
    return rows


def test_the_crosswalk_names_the_plover_types() -> None:
    from dotterel.events._select import DYADIC, MATERIAL
    from dotterel.events._semantic import TYPE_CODES

    cameo = _tsv(files("dotterel") / "events" / "data" / "cameo.tsv")
    assert {r["plover_type"] for r in cameo if r.get("plover_type")} == set(vocab.PLOVER_TYPES)
    assert set(TYPE_CODES) == set(vocab.PLOVER_TYPES)
    assert DYADIC | MATERIAL <= set(vocab.PLOVER_TYPES)


def test_the_shipped_dictionaries_use_the_sectors() -> None:
    from dotterel.actors._tabari import SECTORS as TABARI_SECTORS

    assert TABARI_SECTORS is vocab.SECTORS
    assert "ETH" not in vocab.SECTORS  # Ethiopia
    used = set()
    for path in (files("dotterel") / "actors" / "data").iterdir():
        if path.name.endswith(".tsv"):
            for row in _tsv(path):
                used.add(row.get("sector") or "-")
                used.update(r.split()[1] for r in (row.get("roles") or "").split("|") if r.strip())
    assert used - {"-"} <= vocab.SECTORS


def test_places_take_the_levels() -> None:
    from dotterel.contract import LEVELS

    assert set(LEVELS.values()) == set(vocab.LEVELS)
