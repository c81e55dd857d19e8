"""The error catalogue. Every error dotterel raises carries a stable code.

    DotterelError                 base of everything below; ``code`` and ``message``
    ├── ModelError       E0xx     no usable spaCy model
    ├── InputError       E1xx     an input file, line or text that cannot become an article
    ├── DictionaryError  E2xx     a malformed dictionary or lexicon file
    ├── StoreError       E3xx     the database cannot be opened or written
    └── LLMError         E5xx     the optional LLM coder: endpoint unreachable or refusing, or
                                  model output that does not validate into records

Errors from third-party libraries are mapped where they enter (``raise InputError(...) from exc``).
"""
from __future__ import annotations

E001 = "E001"  # no English model installed
E002 = "E002"  # model installed but failed to load
E003 = "E003"  # an optional dependency is missing (pyspark; torch and MiniLM for --semantic)
E004 = "E004"  # the semantic fallback's model or classifier weights failed to load
E101 = "E101"  # file not found
E102 = "E102"  # empty input
E103 = "E103"  # binary or undecodable input
E104 = "E104"  # broken JSON line
E105 = "E105"  # JSON line without usable text
E106 = "E106"  # unsupported input type
E107 = "E107"  # HTML with no extractable main text
E108 = "E108"  # text is not English
E109 = "E109"  # processing the article failed
E201 = "E201"  # malformed dictionary line
E202 = "E202"  # unknown CAMEO code in a lexicon
E203 = "E203"  # broken line in a PETRARCH/TABARI actor dictionary
E301 = "E301"  # database cannot be opened
E302 = "E302"  # database write failed
E501 = "E501"  # LLM endpoint unreachable (connection refused, timeout) after retries
E502 = "E502"  # LLM endpoint answered with an HTTP error
E503 = "E503"  # LLM answer is not JSON, not a chat completion, or was cut off
E504 = "E504"  # LLM output does not follow the event schema
E505 = "E505"  # LLM output names a CAMEO code absent from the codebook
E506 = "E506"  # LLM output quotes a trigger or actor that is not in the sentence
E507 = "E507"  # LLM coder settings unusable (no model name, bad URL)


class DotterelError(Exception):
    code = "E000"

    def __init__(self, message: str, *, code: str | None = None) -> None:
        if code:
            self.code = code
        self.message = message
        super().__init__(f"[{self.code}] {message}")


class ModelError(DotterelError):
    code = E001


class InputError(DotterelError):
    code = E102

    def __init__(self, message: str, *, code: str | None = None, origin: str = "-",
                 line: int | None = None) -> None:
        self.origin = origin
        self.line = line
        where = f"{origin}:{line}" if line is not None else origin
        super().__init__(f"{where}: {message}", code=code)
        self.reason = message


class DictionaryError(DotterelError):
    code = E201


class StoreError(DotterelError):
    code = E301


class LLMError(DotterelError):
    code = E502
