"""complint: a compliance linter for what online sellers write to buyers.

Public API (what a sending service calls; spaCy and the rules load once per process):

    import complint
    findings = complint.lint("Leave 5 stars and get a $10 gift card!", channel="message")
"""
from __future__ import annotations

__version__ = "0.1.0"

_ENGINE = None


def _default_engine():
    global _ENGINE
    if _ENGINE is None:
        from .engine import Engine
        from .policy.loader import load_pack

        _ENGINE = Engine(load_pack())
    return _ENGINE


def lint(text: str, channel: str = "message", lang: str = "en", engine=None):
    """Lint one text; returns a list of `complint.model.Finding`."""
    from .model import CHANNELS, Document
    from .source.placeholders import placeholder_spans

    if channel not in CHANNELS:
        raise ValueError(f"unknown channel {channel!r}; use one of {', '.join(CHANNELS)}")
    eng = engine or _default_engine()
    return eng.lint(Document(text=text, channel=channel, lang=lang, source_text=text, masked=placeholder_spans(text)))
