"""YAML front matter at the top of a text or template file:

    ---
    channel: review-reply
    lang: en
    ---
    Thank you for your feedback...

Only `channel` and `lang` are read (other keys, such as a subject or a name, are allowed and
ignored). The front matter itself is not linted: the document starts after the closing `---`.
"""
from __future__ import annotations

from dataclasses import dataclass

import regex

from ..errors import InputError, RuleError
from ..model import CHANNELS

_OPEN = regex.compile(r"\ufeff?---[ \t]*\r?\n")
_CLOSE = regex.compile(r"^(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", regex.MULTILINE)
MAX_FRONT_MATTER = 64 * 1024


@dataclass
class FrontMatter:
    end: int                     # offset where the body starts
    channel: str | None = None
    lang: str | None = None


def read_front_matter(text: str, path: str) -> FrontMatter | None:
    m = _OPEN.match(text)
    if m is None:
        return None
    close = _CLOSE.search(text, m.end(), min(len(text), m.end() + MAX_FRONT_MATTER), timeout=1.0)
    if close is None:
        return None                                      # a "---" rule, not front matter
    from ..policy.yamlpos import PosDict, load_yaml

    # pad with the lines before, so YAML errors and key lines are file lines
    body = "\n" * text.count("\n", 0, m.end()) + text[m.end():close.start()]
    try:
        data = load_yaml(path, body)
    except RuleError as exc:
        raise InputError(f"{exc.path}:{exc.line}: front matter: {exc.what}" if exc.line else f"{path}: front matter: {exc.what}") from None
    fm = FrontMatter(end=close.end())
    if data is None:
        return fm
    if not isinstance(data, PosDict):
        raise InputError(f"{path}:2: front matter must be a mapping (key: value)")
    for key, value in data.items():
        line = data.line_of(key)
        if key == "channel":
            fm.channel = check_channel(value, path, line)
        elif key in ("lang", "language", "locale"):
            fm.lang = check_lang(value, path, line)
    return fm


def check_channel(value, path: str, line: int | None) -> str:
    if not isinstance(value, str) or value.strip() not in CHANNELS:
        where = f"{path}:{line}" if line else path
        raise InputError(f"{where}: channel {value!r} is not one of {', '.join(CHANNELS)}")
    return value.strip()


def check_lang(value, path: str, line: int | None) -> str:
    """`en`, `en-US`, `de_DE` -> the language subtag. A well-formed code complint has no lexicon for
    (`nl`, `pt-BR`) reads as "xx": only the universal rules run, as for a detected one. Anything
    else is an error."""
    from ..commands.common import LANG_CHOICES
    from ..langid import UNSUPPORTED

    tag = value.strip().replace("_", "-") if isinstance(value, str) else ""
    lang = tag.split("-")[0].lower()
    if lang in LANG_CHOICES:
        return lang
    if regex.fullmatch(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*", tag):
        return UNSUPPORTED
    where = f"{path}:{line}" if line else path
    raise InputError(f"{where}: lang {value!r} is not a language code ({', '.join(LANG_CHOICES)}, ...)")
