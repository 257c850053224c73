"""Cheap, exact prefilters for regexes: literals that every match must contain.

`required_literals(compiled)` reads a pattern with the standard library's regex parser and returns
a tuple of requirements; each requirement is a tuple of (view, string) literals, and every match
of the pattern contains at least one literal of EACH requirement. None means nothing is known. A
regex with an unmet requirement cannot match the text, so it need not run: most concept regexes of
a lexicon are skipped on most messages, and a skipped `finditer(timeout=...)` call saves 2-50 µs.

A literal is looked up in one of three views of the text, all one character per character:
  "c"  the text itself (case-sensitive literals: `(?-i:Dear)`, punctuation, digits)
  "f"  `fold(text)`: lower case plus the `regex` module's other ASCII case equivalents (K KELVIN
       SIGN, LONG S, dotted and dotless I), for case-insensitive literals
  "s"  `shape(text)`: ASCII capitals -> "A", ASCII small letters -> "a", decimal digits -> "0",
       for case-sensitive `[A-Z]`, `[a-z]`, `\\d` runs such as `[A-Z]\\.` or `\\d{5}`
Only ASCII characters and caseless symbols become literals. Patterns the standard parser may read
differently from `regex` (POSIX classes, fuzzy `{e<=1}`, full case folding, version-1 syntax,
`\\p{..}` and other regex-only escapes) get no prefilter. The tests check every bundled concept regex
against these requirements on a corpus, and the case equivalences over all of Unicode.
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
_SHAPE = str.maketrans({**{chr(c): "A" for c in range(65, 91)}, **{chr(c): "a" for c in range(97, 123)},
                        **{chr(c): "0" for c in range(48, 58)}})
_DIGIT = regex.compile(r"\d")
_digit_cache: dict[str, bool] = {}
_MAX_ALTS = 32
_ZERO_WIDTH = (C.AT, C.ASSERT, C.ASSERT_NOT)
_REPEATS = tuple(x for x in (C.MAX_REPEAT, C.MIN_REPEAT, getattr(C, "POSSESSIVE_REPEAT", None)) if x is not None)
_ATOMIC = getattr(C, "ATOMIC_GROUP", None)
_QUANT = regex.compile(r"\d*(?:,\d*)?")
_REGEX_ONLY_ESCAPES = set("pPLXmMGKNhHVQEZ")
_IGNORECASE = 2   # re.IGNORECASE == regex.IGNORECASE == 2


_FOLD_CHARS = "\u212a\u017f\u0130\u0131"
_SHAPE_BYTES = bytes.maketrans(bytes(range(65, 91)) + bytes(range(97, 123)) + bytes(range(48, 58)),
                               b"A" * 26 + b"a" * 26 + b"0" * 10)


def fold(text: str) -> str:
    """Lower case plus regex's extra ASCII case equivalents; one character per character."""
    if text.isascii() or not any(c in text for c in _FOLD_CHARS):
        return text.lower()              # nothing to translate: skip the slow dict translation
    return text.translate(_FOLD).lower()


def shape(text: str) -> str:
    """ASCII capitals -> A, ASCII small letters -> a, decimal digits (as regex's `\\d`) -> 0."""
    if text.isascii():                   # bytes.translate is ~4x faster than str.translate
        return text.encode("ascii").translate(_SHAPE_BYTES).decode("ascii")
    out = text.translate(_SHAPE)
    extra = {}
    for ch in set(text):
        if not ch.isascii():
            is_digit = _digit_cache.get(ch)
            if is_digit is None:
                is_digit = _digit_cache[ch] = _DIGIT.match(ch) is not None
            if is_digit:
                extra[ch] = "0"
    if extra:
        out = out.translate(str.maketrans(extra))
    return out


class Views:
    """The three views of one text, each computed on first use."""

    __slots__ = ("c", "_f", "_s")

    def __init__(self, text: str):
        self.c, self._f, self._s = text, None, None

    def get(self, kind: str) -> str:
        if kind == "c":
            return self.c
        if kind == "f":
            if self._f is None:
                self._f = fold(self.c)
            return self._f
        if self._s is None:
            self._s = shape(self.c)
        return self._s


def passes(requirements, views: Views, start: int = 0) -> bool:
    """True when every requirement has one of its literals in the text (`requirements` as
    returned by `compile_requirements`, first element; from index `start` on)."""
    for req in requirements[start:] if start else requirements:
        for kind, lits in req:
            text = views.c if kind == "c" else views.get(kind)
            for lit in lits:
                if lit in text:
                    break
            else:
                continue
            break
        else:
            return False
    return True


# Literals nearly every English message contains: a requirement that one of them satisfies filters
# nothing, so it is dropped (dropping a requirement only makes the prefilter accept more: still exact).
_COMMON_WORDS = frozenset(
    "the you your our for and with are was this that have not can will all any get use out one has "
    "its it's we're we'll you're from been were they them their".split())


def _weak(kind: str, lit: str) -> bool:
    if kind == "s":
        return len(lit) <= 2
    if lit in _COMMON_WORDS or lit.lower() in _COMMON_WORDS:
        return True
    return len(lit) <= 2 and (lit.isalpha() or lit in (".", ",", " ", "-", "'"))


def compile_requirements(reqs):
    """Group each requirement's literals by view and order them: requirements with fewer literals
    first, and *weak* ones (containing a literal nearly every message has, such as "with", "to" or
    a single digit) last. Returns (requirements, number of strong ones) or None."""
    if not reqs:
        return None
    strong, weak = [], []
    for alts in reqs:
        by_kind: dict[str, list[str]] = {}
        for kind, lit in alts:
            by_kind.setdefault(kind, []).append(lit)
        req = tuple((kind, tuple(lits)) for kind, lits in by_kind.items())
        (weak if any(_weak(kind, lit) for kind, lit in alts) else strong).append(req)
    strong.sort(key=lambda req: sum(len(lits) for _, lits in req))
    weak.sort(key=lambda req: sum(len(lits) for _, lits in req))
    return tuple(strong + weak), len(strong)


class LiteralIndex:
    """Every literal of the strong requirements gets one bit; one pass per view tells which
    literals a text contains (an int mask), and each strong requirement becomes an int AND; weak
    ones are then checked with `in` (their literals are usually found within a few characters).
    A view with many literals is scanned with an Aho-Corasick automaton (pyahocorasick), a view
    with few with `in`. Without pyahocorasick, `passes` checks everything with `in`; results are
    identical either way."""

    FEW = 8           # below this many literals, `lit in text` beats an automaton scan

    def __init__(self, requirements_list):
        try:
            import ahocorasick
        except ImportError:          # pragma: no cover - optional speed-up
            self.automata = None
            return
        bits: dict[tuple[str, str], int] = {}
        for compiled in requirements_list:
            if compiled is None:
                continue
            reqs, nstrong = compiled
            for req in reqs[:nstrong]:           # weak literals would make the scans slow
                for kind, lits in req:
                    for lit in lits:
                        bits.setdefault((kind, lit), 1 << len(bits))
        self.bits = bits
        self.automata = {}           # view -> automaton whose values are the literals' bits
        self.few = {}                # view -> ((literal, bit), ...)
        for kind in ("c", "f", "s"):
            words = [(lit, bit) for (k, lit), bit in bits.items() if k == kind]
            if len(words) > self.FEW:
                auto = ahocorasick.Automaton()
                for lit, bit in words:
                    auto.add_word(lit, bit)
                auto.make_automaton()
                self.automata[kind] = auto
            elif words:
                self.few[kind] = tuple(words)

    def compile(self, compiled):
        """The strong requirements of `compile_requirements` output as int masks of literal bits."""
        if compiled is None or self.automata is None:
            return None
        reqs, nstrong = compiled
        out = []
        for req in reqs[:nstrong]:
            mask = 0
            for kind, lits in req:
                for lit in lits:
                    mask |= self.bits[(kind, lit)]
            out.append(mask)
        return tuple(out)

    def scan(self, views: Views) -> int:
        """The bits of the literals the text contains."""
        found = 0
        for kind, auto in self.automata.items():
            for _, bit in auto.iter(views.get(kind)):
                found |= bit
        for kind, words in self.few.items():
            text = views.get(kind)
            for lit, bit in words:
                if lit in text:
                    found |= bit
        return found


# --------------------------------------------------------------------------------- analysis
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


def required_literals(compiled):
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
    ci = bool(flags & regex.IGNORECASE) or bool(getattr(getattr(parsed, "state", None), "flags", 0) & _IGNORECASE)
    _, reqs = _seq(list(parsed), ci)
    out = []
    for alts in reqs:
        norm = tuple(sorted(alts))
        if norm and all(s for _, s in norm) and norm not in out:
            out.append(norm)
    if not out:
        return None
    out.sort(key=_selectivity)
    return tuple(out[:4])


def _selectivity(alts):
    # longer literals and fewer alternatives first; shape literals are weaker per character
    return (-min(len(s) - (1.5 if k == "s" else 0) for k, s in alts), len(alts))


def _re_flags(flags: int) -> int:
    import re

    out = 0
    for ours, theirs in ((regex.IGNORECASE, re.IGNORECASE), (regex.MULTILINE, re.MULTILINE),
                         (regex.DOTALL, re.DOTALL), (regex.VERBOSE, re.VERBOSE)):
        if flags & ours:
            out |= theirs
    return out


def _char(c: str, ci: bool):
    """A literal character: its (view, string), or None when it cannot be used."""
    if not _safe_char(c):
        return None
    if ci and c.isalpha():
        return ("f", c.lower()) if c.isascii() else None
    return ("c", c)


def _convert(lit, kind):
    k, s = lit
    if k == kind:
        return lit
    if k == "c" and kind == "f":
        return ("f", fold(s))
    if k == "c" and kind == "s":
        return ("s", shape(s))
    return None


def _cross(a: set, b: set):
    """Concatenations of one literal of `a` and one of `b`, or None when their views differ."""
    kinds = {k for k, s in a if s} | {k for k, s in b if s}
    if "f" in kinds and "s" in kinds:
        return None
    kind = "f" if "f" in kinds else "s" if "s" in kinds else "c"
    out = set()
    for x in a:
        for y in b:
            x2 = _convert(x, kind) if x[1] else (kind, "")
            y2 = _convert(y, kind) if y[1] else (kind, "")
            if x2 is None or y2 is None:
                return None
            out.add((kind, x2[1] + y2[1]))
    return out


_EMPTY = {("c", "")}


def _class(av, ci: bool):
    """A character set as literals, e.g. [45] -> {c:4, c:5}, case-sensitive [A-Z0-9] -> {s:A, s:0}."""
    out = set()
    for iop, iav in av:
        if iop is C.LITERAL:
            lit = _char(chr(iav), ci)
            if lit is None:
                return None
            out.add(lit)
        elif iop is C.RANGE and not ci:
            lo, hi = iav
            if 65 <= lo <= hi <= 90:
                out.add(("s", "A"))
            elif 97 <= lo <= hi <= 122:
                out.add(("s", "a"))
            elif 48 <= lo <= hi <= 57:
                out.add(("s", "0"))
            else:
                return None
        elif iop is C.CATEGORY and iav is C.CATEGORY_DIGIT:
            out.add(("s", "0"))
        else:
            return None
    if not out or len(out) > _MAX_ALTS:
        return None
    if len({k for k, _ in out}) > 1:      # mixed views: one view for all, if possible
        kind = "s" if any(k == "s" for k, _ in out) else "f"
        conv = {_convert(x, kind) for x in out}
        if None in conv:
            return None
        out = conv
    return out


def _node(op, av, ci: bool):
    """(exact, requirements) of one parsed node: `exact` is the set of literals of which the node
    always matches exactly one (or None); every match of the node contains a literal of each set
    in `requirements`."""
    if op is C.LITERAL:
        lit = _char(chr(av), ci)
        return ({lit}, [{lit}]) if lit else (None, [])
    if op is C.IN:
        lits = _class(av, ci)
        return (lits, [lits]) if lits else (None, [])
    if op is C.CATEGORY:
        if av is C.CATEGORY_DIGIT:
            return {("s", "0")}, [{("s", "0")}]
        return None, []
    if op is C.SUBPATTERN:
        add, remove = (av[1], av[2]) if len(av) == 4 else (0, 0)
        inner_ci = (ci or bool(add & _IGNORECASE)) and not (remove & _IGNORECASE)
        return _seq(list(av[-1]), inner_ci)
    if _ATOMIC is not None and op is _ATOMIC:
        return _seq(list(av), ci)
    if op is C.BRANCH:
        exact: set | None = set()
        union: set | None = set()
        for branch in av[1]:
            ex, reqs = _seq(list(branch), ci)
            exact = exact | ex if (exact is not None and ex is not None) else None
            best = _best(reqs)
            union = union | best if (union is not None and best is not None) else None
        if exact is not None and len(exact) > _MAX_ALTS:
            exact = None
        if union is None or len(union) > _MAX_ALTS:
            return exact, ([exact] if exact else [])
        return exact, [union]
    if op in _REPEATS:
        lo, hi, sub = av
        ex, reqs = _seq(list(sub), ci)
        if lo == hi == 1:
            return ex, reqs
        if lo == hi and ex is not None:
            xn = _power(ex, lo)
            if xn is not None:
                return xn, reqs
        if lo == 0:
            if hi == 1 and ex is not None:
                return ex | _EMPTY, []
            return ({("c", "")} if hi == 0 else None), []
        return ("repeat", ex, lo), reqs
    return None, []


def _best(reqs):
    best = None
    for alts in reqs:
        if not alts or any(not s for _, s in alts):
            continue
        key = _selectivity(alts)
        if best is None or key < best[0]:
            best = (key, alts)
    return best[1] if best else None


def _power(ex: set, n: int):
    out = {("c", "")}
    for _ in range(n):
        out = _cross(out, ex)
        if out is None or len(out) > _MAX_ALTS:
            return None
    return out


def _seq(items, ci: bool):
    """A concatenation. Runs of adjacent exact nodes multiply out into longer literals (zero-width
    assertions do not interrupt a run: the text around them is contiguous); every run, and every
    requirement of the other nodes and of positive lookarounds, is a requirement of the whole."""
    cur: set = set(_EMPTY)
    all_exact = True
    reqs: list[set] = []
    for op, av in items:
        if op in _ZERO_WIDTH:
            if op is C.ASSERT:            # a positive lookahead/lookbehind: its text is there too
                reqs.extend(_seq(list(av[1]), ci)[1])
            continue
        exact, node_reqs = _node(op, av, ci)
        if isinstance(exact, tuple):      # X{n,}: the first n copies end a run, the last n start one
            _, ex, n = exact
            all_exact = False
            reqs.extend(node_reqs)
            xn = _power(ex, n) if ex is not None else None
            joined = _cross(cur, xn) if xn is not None else None
            if joined is not None and len(joined) <= _MAX_ALTS:
                reqs.append(joined)
            else:
                reqs.append(cur)
                if xn is not None:
                    reqs.append(xn)
            cur = set(xn) if xn is not None else set(_EMPTY)
            continue
        if exact is not None:
            joined = _cross(cur, exact)
            if joined is not None and len(joined) <= _MAX_ALTS:
                cur = joined
                continue
            all_exact = False            # too many combinations or different views: a new run
            reqs.append(cur)
            cur = set(exact)
            continue
        all_exact = False
        reqs.append(cur)
        reqs.extend(node_reqs)
        cur = set(_EMPTY)
    reqs.append(cur)
    reqs = [r for r in reqs if r and all(s for _, s in r)]
    return (cur if all_exact else None), reqs
