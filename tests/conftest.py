"""Shared fixtures. The bundled rule pack is loaded once per test session (and the spaCy tokenizer
is created once per process), so the whole suite stays fast."""
from __future__ import annotations

import functools

import pytest


@functools.lru_cache(maxsize=None)
def bundled_pack():
    """The bundled rule pack, loaded once. Also used at collection time to parametrize tests."""
    from complint.policy.loader import load_pack

    return load_pack()


@pytest.fixture(scope="session")
def pack():
    return bundled_pack()


@pytest.fixture(scope="session")
def engine(pack):
    from complint.engine import Engine

    return Engine(pack)


@pytest.fixture(scope="session")
def lint(engine):
    """lint(text, channel="message", lang="en") -> findings, through the same path as the CLI."""
    from complint.model import Document
    from complint.source.placeholders import placeholder_spans

    def _lint(text: str, channel: str = "message", lang: str = "en"):
        doc = Document(text=text, path="<test>", channel=channel, lang=lang, source_text=text,
                       masked=placeholder_spans(text))
        return engine.lint(doc)

    return _lint
