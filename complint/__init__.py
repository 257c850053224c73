"""complint: a compliance linter for what online sellers write to buyers.

Public API, for a sending service that checks each draft before it goes out:

    import complint

    findings = complint.lint("Leave 5 stars and get a $10 gift card!", channel="message")
    if any(f.severity == "error" for f in findings):
        ...                        # hold the message; f.rule, f.message, f.text, f.suggestion say why

    result = complint.lint_file("templates/review_request.html")     # any supported format
    for f in result.findings:
        print(f"{result.path}:{f.line}:{f.column}: {f.rule} {f.message}")

The rules are loaded, validated and compiled, and spaCy's tokenizer is created, once per process:
the first call pays for it (about a second), later calls reuse the same engine (a few ms per
message). Engines built for a configuration file are cached too, per file and modification time.
"""
from __future__ import annotations

__version__ = "0.1.0"

_ENGINE = None
_CONFIG_ENGINES: dict = {}


def _default_engine():
    """The engine with the bundled rules and no configuration; created once per process."""
    global _ENGINE
    if _ENGINE is None:
        from .engine import Engine
        from .runner import load_pack_cached

        _ENGINE = Engine(load_pack_cached(()))
    return _ENGINE


def _engine_for(config):
    """(engine, config) for a Config, a config file path, or None (defaults)."""
    import os

    from .config import Config, load_config

    if config is None:
        return _default_engine(), Config()
    if not isinstance(config, Config):
        path = os.path.abspath(os.fspath(config))
        key = (path, os.path.getmtime(path))
        hit = _CONFIG_ENGINES.get(key)
        if hit is None:
            from .runner import build_engine

            cfg = load_config(path)
            hit = _CONFIG_ENGINES[key] = (build_engine(cfg), cfg)
        return hit
    key = id(config)
    hit = _CONFIG_ENGINES.get(key)
    if hit is None or hit[1] is not config:
        from .runner import build_engine

        hit = _CONFIG_ENGINES[key] = (build_engine(config), config)
    return hit


def lint(text: str, channel: str = "message", lang: str = "en", engine=None, config=None):
    """Lint one text (a message draft, a reply, an insert card); returns a list of
    `complint.model.Finding`, sorted by position, each with `rule`, `category`, `severity`,
    `message`, `text`, 1-based `line`/`column`, 0-based `start`/`end` and, where the rule has one,
    a `suggestion` (a compliant rewrite).

    - `channel`: "message" (Buyer-Seller Messaging, the default), "review-reply" (public reply
      under a review) or "insert-card" (printed in the box).
    - `lang`: "en", "de", ... or "auto" to detect it.
    - `config`: optional path to a `.complint.yaml` / `pyproject.toml` (or a `complint.config.Config`):
      its select/ignore, severities, allow_domains and allow_phones apply.
    - `engine`: an Engine of your own (rarely needed).

    Placeholders (`{{buyer_name}}`, `{order_id}`, `%ASIN%`) are understood; inline suppressions
    (`complint: ignore[ID]`) apply as in a plain-text file.
    """
    from .model import CHANNELS
    from .runner import FileLinter, Options

    if channel not in CHANNELS:
        raise ValueError(f"unknown channel {channel!r}; use one of {', '.join(CHANNELS)}")
    eng, cfg = (engine, _engine_for(config)[1]) if engine is not None else _engine_for(config)
    return FileLinter(eng, cfg, Options(channel=channel, lang=lang)).lint_source(text, "<text>").findings


def lint_file(path, channel: str | None = None, lang: str | None = None, config=True, column: str | None = None,
              report_unused_suppressions: bool = False, engine=None):
    """Lint one file of any supported format (.txt .md .html .j2 .hbs .liquid .yaml .json .csv ...)
    exactly as `complint check` does; returns a `complint.model.FileResult` (`path`, `channel`,
    `channel_source`, `lang`, `findings`).

    - `channel`: forces the channel (otherwise: config glob, front matter / item field, message).
    - `config`: True (default) finds `.complint.yaml` / `[tool.complint]` by walking up from the
      file, like the CLI; False ignores configuration; or a path, or a `complint.config.Config`.
    - `column`: the CSV column (or YAML/JSON key) holding the templates.

    Raises `complint.errors.InputError` for unreadable input and `ConfigError` for a bad config.
    """
    import os

    from .config import discover
    from .model import CHANNELS
    from .runner import FileLinter, Options
    from .source import decode, read_bytes

    path = os.fspath(path)
    if channel is not None and channel not in CHANNELS:
        raise ValueError(f"unknown channel {channel!r}; use one of {', '.join(CHANNELS)}")
    if config is True:
        found = discover([path]).path
        eng, cfg = _engine_for(found) if found else _engine_for(None)
    elif config is False:
        eng, cfg = _engine_for(None)
    else:
        eng, cfg = _engine_for(config)
    if engine is not None:
        eng = engine
    text = decode(read_bytes(path), path)
    opts = Options(channel=channel, lang=lang, column=column, report_unused=report_unused_suppressions)
    return FileLinter(eng, cfg, opts).lint_source(text, path)
