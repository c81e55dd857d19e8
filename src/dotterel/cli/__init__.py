"""The ``dotterel`` command line. Each command is an API call, argument parsing, and turning
errors into messages; nothing else belongs here."""
from __future__ import annotations

import sys

from dotterel.cli._app import app
from dotterel.errors import DotterelError


def main() -> None:
    try:
        rc = app(standalone_mode=False)  # returns the code of a typer.Exit instead of exiting
    except DotterelError as exc:
        print(f"dotterel: {exc}", file=sys.stderr)
        sys.exit(2)
    except SystemExit:
        raise
    except KeyboardInterrupt:
        print("dotterel: interrupted", file=sys.stderr)
        sys.exit(130)
    except Exception as exc:  # click usage errors and anything unexpected: no traceback
        # usage errors come from click, or from the copy of click that newer typer vendors
        if callable(getattr(exc, "show", None)) and isinstance(getattr(exc, "exit_code", None), int):
            exc.show()
            sys.exit(exc.exit_code)
        if type(exc).__name__ == "Abort":
            sys.exit(1)
        print(f"dotterel: unexpected error: {type(exc).__name__}: {exc}", file=sys.stderr)
        sys.exit(3)
    sys.exit(rc if isinstance(rc, int) else 0)


__all__ = ["app", "main"]
