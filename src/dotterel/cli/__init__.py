"""The ``dotterel`` command line. Each command is an API call, argument parsing, and turning
errors into messages; nothing else belongs here.

Exit status: 0 done; 1 some inputs failed (each recorded); 2 a usage error or an error with a
code from the catalogue (``dotterel.errors``: a bad argument [E401, E402], a database that cannot
be used [E3xx], ...), printed as ``dotterel: [E401] ...`` with what to do; 3 an unexpected
internal error [E900], a bug; 130 interrupted."""
from __future__ import annotations

import sys

from dotterel.cli import _actors, _app, _claims, _news, _scale, _serve  # noqa: F401  (each registers its commands)
from dotterel.cli._options import app
from dotterel.errors import E402, E900, DotterelError


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
        show, exit_code = getattr(exc, "show", None), getattr(exc, "exit_code", None)
        if callable(show) and isinstance(exit_code, int):
            show()
            if exit_code == 2:
                print(f"dotterel: [{E402}] the command's arguments do not validate; see the "
                      "usage above, or dotterel COMMAND --help", file=sys.stderr)
            sys.exit(exit_code)
        if type(exc).__name__ == "Abort":
            sys.exit(1)
        print(f"dotterel: [{E900}] unexpected error: {type(exc).__name__}: {exc}. This is a "
              "bug; please report it with the command that gave it", file=sys.stderr)
        sys.exit(3)
    sys.exit(rc if isinstance(rc, int) else 0)


__all__ = ["app", "main"]
