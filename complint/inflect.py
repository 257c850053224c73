"""Expand `word~` in lexicon phrases to its English inflected forms.

A superset is fine: forms that are not words never occur in text, so they cost nothing but a
PhraseMatcher entry. This replaces a lemmatizer for the few hundred concept words we care about.
"""
from __future__ import annotations

IRREGULAR = {
    "leave": ["left"], "write": ["wrote", "written"], "rewrite": ["rewrote", "rewritten"],
    "give": ["gave", "given"], "get": ["got", "gotten"], "take": ["took", "taken"],
    "send": ["sent"], "pay": ["paid"], "buy": ["bought"], "make": ["made"], "say": ["said"],
    "tell": ["told"], "think": ["thought"], "rethink": ["rethought"], "withdraw": ["withdrew", "withdrawn"],
    "keep": ["kept"], "win": ["won"], "do": ["did", "done"], "see": ["saw", "seen"], "go": ["went", "gone"],
    "choose": ["chose", "chosen"], "forget": ["forgot", "forgotten"], "feel": ["felt"], "mean": ["meant"],
    "find": ["found"], "hear": ["heard"], "bring": ["brought"], "lose": ["lost"], "run": ["ran"],
    "come": ["came"], "become": ["became"], "speak": ["spoke", "spoken"], "put": [], "let": [], "set": [],
    "cut": [], "hurt": [], "cost": [], "shut": [], "read": [], "upset": [], "spend": ["spent"],
    "lend": ["lent"], "sell": ["sold"], "hold": ["held"], "stand": ["stood"], "understand": ["understood"],
    "ring": ["rang", "rung"], "drive": ["drove", "driven"], "ride": ["rode", "ridden"], "break": ["broke", "broken"],
    "steal": ["stole", "stolen"], "sue": ["sued"], "shake": ["shook", "shaken"], "show": ["shown"],
    "begin": ["began", "begun"], "fall": ["fell", "fallen"], "sink": ["sank", "sunk"], "throw": ["threw", "thrown"],
    "grow": ["grew", "grown"], "know": ["knew", "known"], "draw": ["drew", "drawn"], "eat": ["ate", "eaten"],
    "reply": ["replied", "replies"], "buy back": [],
}

_VOWELS = set("aeiou")


def inflections(word: str) -> list[str]:
    """All plausible inflected forms of an English word (including the word itself)."""
    w = word.lower()
    forms = {w}
    forms.update(IRREGULAR.get(w, []))
    if w.endswith("y") and len(w) > 2 and w[-2] not in _VOWELS:
        stem = w[:-1]
        forms.update({stem + "ies", stem + "ied", w + "ing"})
    elif w.endswith("e") and not w.endswith("ee"):
        forms.update({w + "s", w + "d", w[:-1] + "ing"})
    elif w.endswith(("s", "x", "z", "ch", "sh")):
        forms.update({w + "es", w + "ed", w + "ing"})
    else:
        forms.update({w + "s", w + "ed", w + "ing"})
        if (len(w) >= 3 and w[-1] not in _VOWELS and w[-1] not in "wxy"
                and w[-2] in _VOWELS and w[-3] not in _VOWELS):
            forms.update({w + w[-1] + "ed", w + w[-1] + "ing"})
    if w.endswith("ee"):
        forms.update({w + "s", w + "d", w + "ing"})
    return sorted(forms)


def _expand_words(words: str) -> list[str]:
    """Expand one alternative: words separated by spaces, `(a|b c|_)` groups, `word~` inflections."""
    variants = [""]
    for slot in _slots(words):
        if slot.startswith("(") and slot.endswith(")"):
            options = []
            for alt in _top_level_alternatives(slot[1:-1]) or [""]:
                options.extend([""] if alt == "_" else _expand_words(alt))
        elif slot.endswith("~") and len(slot) > 1:
            options = inflections(slot[:-1])
        else:
            options = [slot]
        variants = [f"{v} {o}".strip() for v in variants for o in options]
    return variants


def _slots(words: str) -> list[str]:
    """Split on spaces outside parentheses."""
    out, depth, cur = [], 0, ""
    for ch in words:
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        if ch.isspace() and depth == 0:
            if cur:
                out.append(cur)
            cur = ""
        else:
            cur += ch
    if depth != 0:
        raise ValueError(f"unbalanced parentheses in {words!r}")
    if cur:
        out.append(cur)
    return out


def _top_level_alternatives(phrase: str) -> list[str]:
    out, depth, cur = [], 0, ""
    for ch in phrase:
        depth += ch == "("
        depth -= ch == ")"
        if ch == "|" and depth == 0:
            out.append(cur)
            cur = ""
        else:
            cur += ch
    out.append(cur)
    return [a.strip() for a in out if a.strip()]


def expand_phrase(phrase: str, limit: int = 2000) -> list[str]:
    """Lexicon phrase syntax, expanded to plain phrases.

    `a b|c d`      top-level `|` separates whole alternatives ("a b" or "c d")
    `(a|b c|_) d`  a slot: "a d", "b c d" or "d" (`_` = nothing)
    `leave~`       the word and its inflections (leave, leaves, left, leaving)
    """
    out = []
    for alt in _top_level_alternatives(phrase):
        out.extend(v for v in _expand_words(alt) if v)
        if len(out) > limit:
            raise ValueError(f"phrase {phrase[:60]!r} expands to more than {limit} variants")
    return out
