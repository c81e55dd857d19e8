"""Page routes: each serves the same HTML shell, naming the page and its parameters; the
script fetches the page's data from the API (each page links to that JSON)."""
from __future__ import annotations

import html
from functools import lru_cache
from pathlib import Path
from string import Template

from fastapi import FastAPI
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

HERE = Path(__file__).parent
PAGE_HEADERS = {"Content-Security-Policy": "default-src 'self'; img-src 'self' data:; "
                "style-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'",
                "X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer"}


@lru_cache(maxsize=1)
def _shell() -> Template:
    return Template((HERE / "templates" / "page.html").read_text(encoding="utf-8"))


def render(page: str, title: str, **params: str) -> HTMLResponse:
    """The shell for ``page``, with ``params`` as ``data-*`` attributes for the script."""
    attrs = " ".join(f'data-{k}="{html.escape(v, quote=True)}"' for k, v in params.items())
    body = _shell().substitute(page=html.escape(page), title=html.escape(title), params=attrs)
    return HTMLResponse(body, headers=PAGE_HEADERS)


def install(app: FastAPI) -> None:
    """Add the pages and the static files to ``app``."""
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")

    @app.get("/", include_in_schema=False)
    def home() -> HTMLResponse:
        return render("home", "dotterel")

    @app.get("/dyad/{a}/{b}", include_in_schema=False)
    def dyad(a: str, b: str) -> HTMLResponse:
        return render("dyad", f"{a.upper()} – {b.upper()}", a=a.upper(), b=b.upper())

    @app.get("/claims/{claim_id}", include_in_schema=False)
    def claim(claim_id: str) -> HTMLResponse:
        return render("claim", "Claim thread", id=claim_id)

    @app.get("/article/{article_id:path}", include_in_schema=False)
    def article(article_id: str) -> HTMLResponse:
        return render("article", "Article", id=article_id)

    @app.get("/latest", include_in_schema=False)
    def latest() -> HTMLResponse:
        return render("latest", "Latest")

    @app.get("/map", include_in_schema=False)
    def map_page() -> HTMLResponse:
        return render("map", "Map")

    @app.get("/code", include_in_schema=False)
    def code() -> HTMLResponse:
        return render("code", "Code an article")
