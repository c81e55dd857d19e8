"""The REST API and the dashboard, on FastAPI: ``create_app(db)`` gives the ASGI app that
``dotterel serve`` runs. Every dashboard page is built from the ``/api`` JSON. ``Database``
opens the served file for each request (``Database(db).check()`` fails early on a bad one)."""
from dotterel.api._app import create_app
from dotterel.api._db import Database
from dotterel.api._limits import MAX_BODY_BYTES

__all__ = ["MAX_BODY_BYTES", "Database", "create_app"]
