"""One blank spaCy pipeline per language, created once per process.

Only the tokenizer is used: sentences are split by `segment.py` (newlines matter in templates and
spaCy's sentencizer ignores them), and lemmas come from the lexicons' own inflection expansion,
which is cheaper than a lookup lemmatizer and not case-sensitive.
"""
from __future__ import annotations

import gc
from contextlib import contextmanager
from functools import lru_cache

from .errors import ComplintError

SUPPORTED_LANGS = ("en", "de", "fr", "es", "it", "ja")


@contextmanager
def _long_lived():
    """Importing spaCy and building a pipeline make ~70,000 objects that live as long as the process.
    The cyclic collector would scan them over and over while they are made and again at exit (~0.15 s
    of a one-file check), so collection is paused meanwhile and they are frozen after (gc.freeze:
    never scanned again, still freed by reference counting)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if enabled:
            gc.enable()


@lru_cache(maxsize=None)
def blank(lang: str):
    with _long_lived():
        return _blank(lang)


def _blank(lang: str):
    import spacy  # deferred: importing spaCy costs about a second

    try:
        if lang == "fr":        # spacy.blank("fr") spends ~3 s compiling one regex; see nlp_fr.py
            from .nlp_fr import blank_fr

            nlp = blank_fr()
        else:
            nlp = spacy.blank(lang)
        nlp.max_length = 50_000_000   # only the tokenizer runs; input size is limited by --max-file-size
        return nlp
    except ImportError as exc:  # e.g. ja without sudachipy
        raise ComplintError(f"language {lang!r} needs an extra package: {exc}") from None
    except Exception as exc:  # unknown language code
        raise ComplintError(f"cannot create a tokenizer for language {lang!r}: {exc}") from None
