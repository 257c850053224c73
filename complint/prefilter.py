"""Cheap, exact prefilters for regexes: literals that every match must contain.

`required_literals(compiled)` reads a pattern with the standard library's regex parser and returns
a tuple of requirements, each a tuple of lower-case strings: every match of the pattern contains at
least one string of EACH requirement (compared on `fold(text)`). None means nothing is known. A
regex with an unmet requirement cannot match the text, so it need not run: most concept regexes of
a lexicon are skipped on most messages, and each skipped `finditer(timeout=...)` call saves several
microseconds (the `regex` module's per-call cost with a timeout).

Exactness: only ASCII characters and caseless symbols/punctuation become literals, and texts are
folded with `fold()`, which maps every character the `regex` module's (simple) case-insensitive
matching equates with an ASCII letter -- K KELVIN SIGN, LONG S, dotted and dotless I -- to that
letter (checked over all of Unicode in the tests). Patterns the standard parser may read differently
from `regex` (POSIX classes, fuzzy `{e<=1}` constraints, full case folding, version-1 syntax,
`\\p{..}` and other regex-only escapes) get no prefilter.
"""
from __future__ import annotations

import unicodedata

import regex

try:                                     # Python 3.11+
    from re import _constants as C
    from re import _parser as sre_parse
except ImportError:                      # pragma: no cover - Python 3.10
    import sre_constants as C            # type: ignore
    import sre_parse                     # type: ignore

_FOLD = str.maketrans({"\u212a": "k", "\u017f": "s", "\u0130": "i", "\u0131": "i"})
_MAX_ALTS = 32
_ZERO_WIDTH = (C.AT, C.ASSERT, C.ASSERT_NOT)
_REPEATS = tuple(x for x in (C.MAX_REPEAT, C.MIN_REPEAT, getattr(C, "POSSESSIVE_REPEAT", None)) if x is not None)
_ATOMIC = getattr(C, "ATOMIC_GROUP", None)
_QUANT = regex.compile(r"\d*(?:,\d*)?")
_REGEX_ONLY_ESCAPES = set("pPLXmMGKNhHVQEZ")


def fold(text: str) -> str:
    """What literals are compared against: lower case, plus regex's extra ASCII case equivalents.
    Position-preserving (one character in, one character out)."""
    return text.translate(_FOLD).lower()


def _safe_char(c: str) -> bool:
    if c.isascii():
        return True
    return unicodedata.category(c)[0] in "SPZ" and c.lower() == c and c.upper() == c and c.casefold() == c


def _risky(pattern: str) -> bool:
    """Syntax the standard parser would read differently from `regex` (or not at all)."""
    i, n, in_class = 0, len(pattern), False
    while i < n:
        c = pattern[i]
        if c == "\\":
            if i + 1 < n and pattern[i + 1] in _REGEX_ONLY_ESCAPES:
                return True
            i += 2
            continue
        if in_class:
            if c == "[":
                return True                # nested sets / POSIX classes mean different things
            if c == "]":
                in_class = False
        elif c == "[":
            in_class = True
            if pattern.startswith("^", i + 1):
                i += 1
            if pattern.startswith("]", i + 1):
                i += 1                   # a leading ] is a literal member
        elif c == "{":
            j = pattern.find("}", i)
            if j < 0 or not _QUANT.fullmatch(pattern, i + 1, j):
                return True                # fuzzy constraint or literal brace: leave it to `regex`
            i = j
        elif c == "(" and pattern.startswith("(?", i):
            k = i + 2
            while k < n and (pattern[k].isalpha() or pattern[k] == "-"):
                if pattern[k] in "fVwrbeu":   # full case folding, version 1, word, reverse, bestmatch...
                    return True
                k += 1
            if pattern.startswith("(?|", i):
                return True
        i += 1
    return False


def required_literals(compiled) -> tuple[tuple[str, ...], ...] | None:
    flags = getattr(compiled, "flags", 0)
    if flags & (regex.FULLCASE | regex.VERSION1 | regex.REVERSE | regex.BESTMATCH | regex.ENHANCEMATCH | regex.WORD):
        return None
    pattern = compiled.pattern
    if not isinstance(pattern, str) or _risky(pattern):
        return None
    try:
        import warnings

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            parsed = sre_parse.parse(pattern, _re_flags(flags))
    except Exception:
        return None
    _, reqs = _seq(list(parsed))
    reqs = [tuple(sorted({a.lower() for a in alts})) for alts in reqs if alts and all(alts)]
    if not reqs:
        return None
    reqs.sort(key=lambda alts: (-min(len(a) for a in alts), len(alts)))   # most selective first
    out = []
    for r in reqs:
        if r not in out:
            out.append(r)
    return tuple(out[:4])


def passes(requirements, folded: str) -> bool:
    """True when every requirement has one of its literals in the folded text."""
    for alts in requirements:
        for lit in alts:
            if lit in folded:
                break
        else:
            return False
    return True


def _re_flags(flags: int) -> int:
    import re

    out = 0
    for ours, theirs in ((regex.IGNORECASE, re.IGNORECASE), (regex.MULTILINE, re.MULTILINE),
                         (regex.DOTALL, re.DOTALL), (regex.VERBOSE, re.VERBOSE)):
        if flags & ours:
            out |= theirs
    return out


def _node(op, av):
    """(exact, requirements) of one parsed node. `exact` is the set of strings the node always
    matches exactly one of (or None); `requirements` is a list of sets: every match of the node
    contains a string of each set."""
    if op is C.LITERAL:
        c = chr(av)
        return ({c}, [{c}]) if _safe_char(c) else (None, [])
    if op is C.IN:
        chars = set()
        for iop, iav in av:
            if iop is not C.LITERAL:
                return None, []
            c = chr(iav)
            if not _safe_char(c):
                return None, []
            chars.add(c)
        return (chars, [chars]) if chars and len(chars) <= _MAX_ALTS else (None, [])
    if op is C.SUBPATTERN:
        return _seq(list(av[-1]))
    if _ATOMIC is not None and op is _ATOMIC:
        return _seq(list(av))
    if op is C.BRANCH:
        exact: set | None = set()
        union: set = set()
        for branch in av[1]:
            ex, reqs = _seq(list(branch))
            exact = exact | ex if (exact is not None and ex is not None) else None
            best = _best(reqs)
            if best is None or union is None:
                union = None
            else:
                union |= best
        if exact is not None and len(exact) > _MAX_ALTS:
            exact = None
        if union is None or len(union) > _MAX_ALTS or "" in union:
            return exact, ([exact] if exact else [])
        return exact, [union]
    if op in _REPEATS:
        lo, hi, sub = av
        if lo < 1:
            return ({""} if hi == 0 else None), []
        ex, reqs = _seq(list(sub))
        return (ex if lo == hi == 1 else None), reqs
    return None, []


def _best(reqs):
    best = None
    for alts in reqs:
        if not alts or "" in alts:
            continue
        score = (min(len(a) for a in alts), -len(alts))
        if best is None or score > best[0]:
            best = (score, alts)
    return best[1] if best else None


def _seq(items):
    """A concatenation. Runs of exact nodes multiply out into longer literals (zero-width assertions
    do not interrupt a run: the text around them is contiguous); every run and every requirement of
    a non-exact node is a requirement of the whole."""
    cur: set = {""}
    all_exact = True
    reqs: list[set] = []
    for op, av in items:
        if op in _ZERO_WIDTH:
            continue
        exact, node_reqs = _node(op, av)
        if exact is not None:
            if len(cur) * len(exact) <= _MAX_ALTS:
                cur = {a + b for a in cur for b in exact}
                continue
            all_exact = False            # too many combinations: close the run, start a new one
            reqs.append(cur)
            cur = set(exact)
            continue
        all_exact = False
        reqs.append(cur)
        reqs.extend(node_reqs)
        cur = {""}
    reqs.append(cur)
    reqs = [r for r in reqs if r and "" not in r]
    return (cur if all_exact else None), reqs
