"""Language of a document for `--lang auto`. Until per-language packs exist, the English pack is
used for everything; see issue 5."""
from __future__ import annotations


def detect(text: str) -> str:
    return "en"
