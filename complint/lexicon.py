"""Concept lexicons: named, per-language word lists and token patterns shared by many rules.

All phrases of a language go into ONE PhraseMatcher and all token patterns into ONE Matcher, so a
document is scanned once however many rules there are (engineering-notes.md: the token Matcher is
~95% of the cost when patterns are many, the PhraseMatcher is flat).
"""
from __future__ import annotations

from dataclasses import dataclass, field

import regex

from .analysis import BUILTIN_CONCEPTS
from .errors import RuleError
from .policy.yamlpos import PosDict

CONCEPT_KEYS = {"phrases", "patterns", "regex", "include", "description"}
ALLOWED_OPS = {"?", "!", "1"}
_BOUNDED_OP = regex.compile(r"\{\d*,?\d+\}|\{\d+\}")


@dataclass
class ConceptSource:
    phrases: list = field(default_factory=list)      # (text, file, line)
    patterns: list = field(default_factory=list)     # (pattern, file, line)
    regexes: list = field(default_factory=list)      # (pattern, file, line): compiled with the language's lexicon
    include: list = field(default_factory=list)      # (name, file, line)


def validate_token_pattern(pattern, path: str, line: int) -> None:
    """Reject what the Matcher cannot do safely: unbounded repeats (quadratic, no timeout) and LEMMA."""
    if not isinstance(pattern, list) or not pattern:
        raise RuleError(path, line, "a token pattern must be a non-empty list of token specs")
    for spec in pattern:
        if not isinstance(spec, dict):
            raise RuleError(path, line, f"token spec must be a mapping, got {spec!r}")
        op = spec.get("OP")
        if op is not None and op not in ALLOWED_OPS and not _BOUNDED_OP.fullmatch(str(op)):
            raise RuleError(path, line, f"operator {op!r} is unbounded or unknown; use '?', '!' or a bounded repeat like '{{0,4}}'")
        if "LEMMA" in spec:
            raise RuleError(path, line, "LEMMA needs a lemmatizer, which complint does not load; use LOWER and `word~` inflection in a lexicon")


def compile_regex(pattern: str, path: str, line: int, flags: int = regex.IGNORECASE):
    try:
        return regex.compile(pattern, flags)
    except regex.error as exc:
        raise RuleError(path, line, f"bad regex {pattern!r}: {exc}") from None


def read_lexicon_file(data, path: str, into: dict[str, ConceptSource]) -> str:
    """Merge one lexicon YAML file into `into`; returns its language."""
    if not isinstance(data, PosDict):
        raise RuleError(path, None, "a lexicon file must be a mapping with `lang` and `concepts`")
    for key in data:
        if key not in {"lang", "concepts", "description"}:
            raise RuleError(path, data.line_of(key), f"unknown key {key!r} in lexicon (expected lang, concepts)")
    lang = data.get("lang")
    if not isinstance(lang, str):
        raise RuleError(path, data.line, "lexicon needs `lang: <code>`")
    concepts = data.get("concepts")
    if not isinstance(concepts, PosDict):
        raise RuleError(path, data.line_of("concepts"), "`concepts` must be a mapping of NAME: {phrases, patterns, regex, include}")
    for name, body in concepts.items():
        line = concepts.line_of(name)
        if not isinstance(name, str) or not regex.fullmatch(r"[A-Z][A-Z0-9_]*", name):
            raise RuleError(path, line, f"concept name {name!r} must be UPPER_SNAKE_CASE")
        if not isinstance(body, PosDict):
            raise RuleError(path, line, f"concept {name} must be a mapping")
        src = into.setdefault(name, ConceptSource())
        for key, value in body.items():
            kline = body.line_of(key)
            if key not in CONCEPT_KEYS:
                raise RuleError(path, kline, f"unknown key {key!r} in concept {name} (expected {', '.join(sorted(CONCEPT_KEYS))})")
            if key == "description":
                continue
            if not isinstance(value, list):
                raise RuleError(path, kline, f"{name}.{key} must be a list")
            for i, item in enumerate(value):
                iline = getattr(item, "line", kline + 1 + i)
                if key == "phrases":
                    if not isinstance(item, str) or not item.strip():
                        raise RuleError(path, kline, f"{name}.phrases: every entry must be a non-empty string, got {item!r}")
                    src.phrases.append((item, path, kline))
                elif key == "patterns":
                    validate_token_pattern(item, path, iline)
                    src.patterns.append((item, path, iline))
                elif key == "regex":
                    if not isinstance(item, str):
                        raise RuleError(path, kline, f"{name}.regex entries must be strings")
                    src.regexes.append((item, path, kline))
                elif key == "include":
                    src.include.append((item, path, kline))
    return lang


def phrase_tokenizer(nlp):
    """tokenize(text) -> the lower-case texts of its tokens, memoised. spaCy creates a lexeme for every
    word it has not seen (~30 µs, most of compiling a lexicon's ~3,500 phrase words), so a word its
    tokenizer is known to keep whole is answered without asking it."""
    tokenizer = nlp.tokenizer
    whole = _whole_word(nlp)
    cache: dict[str, tuple[str, ...]] = {}

    def tokenize(text: str) -> tuple[str, ...]:
        toks = cache.get(text)
        if toks is None:
            toks = cache[text] = (whole and whole(text)) or tuple(t.lower_ for t in tokenizer(text))
        return toks
    return tokenize


def _whole_word(nlp):
    """`word -> (lower,)` for a word spaCy's rule-based tokenizer keeps as one token, else None: letters
    only, no word of a special case (`cannot`, `EE. UU.`), and no prefix, suffix or infix rule matching
    it (the tokenizer's own steps, spacy/tokenizer.pyx). None for other tokenizers (Japanese)."""
    from spacy.attrs import LOWER
    from spacy.tokenizer import Tokenizer

    tok = nlp.tokenizer
    lower = nlp.vocab.lex_attr_getters.get(LOWER)
    if not isinstance(tok, Tokenizer) or lower is None:
        return None
    specials = {word for key in tok.rules for word in key.split()}

    def whole(word: str):
        if (word.isalpha() and word not in specials and not tok.find_prefix(word)
                and not tok.find_suffix(word) and not tok.find_infix(word)):
            return (lower(word),)
        return None
    return whole


class CompiledLexicon:
    """Every concept of one language compiled into one PhraseMatcher, one Matcher and a regex list."""

    def __init__(self, lang: str, sources: dict[str, ConceptSource], nlp):
        from spacy.matcher import Matcher

        from .slots import SlotMatcher, compile_phrase

        self.lang = lang
        self.nlp = nlp
        self.names = set(sources)
        self.slot_matcher = SlotMatcher()
        tokenize = phrase_tokenizer(nlp)
        self.matcher = Matcher(nlp.vocab, validate=True)
        self.regexes: list[tuple[str, object, str, int]] = []
        self.includes: dict[str, set[str]] = {}
        self.has_patterns = False
        strings = nlp.vocab.strings
        self.key_to_name: dict[int, str] = {}
        for name, src in sources.items():
            key = strings.add(name)
            self.key_to_name[key] = name
            for phrase, path, line in src.phrases:
                try:
                    for sp in compile_phrase(name, phrase, tokenize):
                        self.slot_matcher.add(sp)
                except ValueError as exc:
                    raise RuleError(path, line, str(exc)) from None
            for pattern, path, line in src.patterns:
                try:
                    self.matcher.add(name, [pattern])
                except Exception as exc:  # spaCy raises ValueError/MatchPatternError with a long text
                    first = str(exc).strip().splitlines()[0]
                    raise RuleError(path, line, f"invalid token pattern in {name}: {first}") from None
                self.has_patterns = True
            for pattern, path, line in src.regexes:
                self.regexes.append((name, compile_regex(pattern, path, line), path, line))
        for name, src in sources.items():
            for inc, path, line in src.include:
                if inc not in sources and inc not in BUILTIN_CONCEPTS:
                    raise RuleError(path, line, f"concept {name} includes unknown concept {inc!r}")
        for builtin in BUILTIN_CONCEPTS:
            sources.setdefault(builtin, ConceptSource())
        self.expanded = {name: self._closure(name, sources, set()) for name in sources}
        # raw concept -> every concept that (transitively) includes it, itself first
        self.parents: dict[str, tuple[str, ...]] = {}
        for parent, members in self.expanded.items():
            for member in members:
                self.parents.setdefault(member, [member])
                if parent != member:
                    self.parents[member].append(parent)
        self.parents = {k: tuple(v) for k, v in self.parents.items()}

    def _closure(self, name, sources, seen) -> set[str]:
        if name in seen:
            return set()
        seen.add(name)
        out = {name}
        for inc, _, _ in sources[name].include:
            out |= self._closure(inc, sources, seen)
        return out

    def members(self, name: str) -> set[str]:
        """A concept and every concept it includes (transitively)."""
        return self.expanded.get(name, {name})
