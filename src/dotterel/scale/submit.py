"""The file to give ``spark-submit``: ``dotterel spark`` with the arguments after it.

    FILE="$(python -c 'import dotterel.scale.submit as m; print(m.__file__)')"
    spark-submit --master spark://host:7077 "$FILE" INPUT... --out DIR

The master comes from ``spark-submit`` unless ``--master`` is given after the file."""
from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> None:
    from dotterel.cli import main as cli

    sys.argv = ["dotterel", "spark", *(sys.argv[1:] if argv is None else argv)]
    cli()


if __name__ == "__main__":
    main()
