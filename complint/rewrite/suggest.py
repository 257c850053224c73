"""Build a rule's suggested rewrite for one finding, in the document's language.

Strategies (declared per rule in YAML, `fix:`):
  replace   the finding's span becomes the template (or the first matching `map` entry);
  sentence  the sentence(s) holding the finding become the template;
  remove    the sentence(s) holding the finding are dropped, with their trailing whitespace.
Placeholders such as {{buyer_name}} that sit outside the finding are never swallowed: the
rewritten region shrinks to leave them in place.
"""
from __future__ import annotations

import regex

from ..model import Suggestion

_VOWEL_SOUND = regex.compile(r"(?i)^(?:[aeio]|u(?![nr]i|se|sa|ti)|hon|hour)")


def build(rule, an, start: int, end: int, doc) -> Suggestion | None:
    fix = rule.fix
    if fix is None:
        return None
    text = an.text
    o = doc.origin
    if fix.strategy == "replace":
        replacement = _mapped(fix, doc.lang, text[start:end])
        if replacement is None:
            replacement = fix.template.get(doc.lang, fix.template.get("en", ""))
        start, replacement = _agree_article(text, start, replacement)
        if replacement and text[start:start + 1].isupper() and _sentence_start(an, start):
            replacement = replacement[0].upper() + replacement[1:]
        if not replacement:
            start, end = _absorb_space(text, start, end)
        return Suggestion(replacement, o + start, o + end, fix.description, fix.safe)
    template = fix.template.get(doc.lang, fix.template.get("en", ""))
    s, e = _region(an, start, end)
    if s is None:
        return None
    if fix.strategy == "sentence":
        if s > 0 and not _sentence_start(an, s) and template[:1].isupper():
            template = template[0].lower() + template[1:]
        return Suggestion(template, o + s, o + e, fix.description, fix.safe)
    s, e = _absorb_space(text, s, e)
    return Suggestion("", o + s, o + e, fix.description, fix.safe)


def _mapped(fix, lang: str, span: str):
    for pattern, repl in fix.map.get(lang, []):
        m = pattern.fullmatch(span)
        if m:
            return m.expand(repl)
    return None


def _agree_article(text: str, start: int, replacement: str):
    """'a 5-star review' -> 'an honest review' (and back)."""
    m = regex.search(r"(?i)\b(an?)\s+$", text[max(0, start - 4):start])
    if not m or not replacement or replacement.lower().startswith(("a ", "an ", "the ")):
        return start, replacement
    article = m.group(1)
    wanted = "an" if _VOWEL_SOUND.match(replacement) else "a"
    if article.lower() == wanted:
        return start, replacement
    if article[0].isupper():
        wanted = wanted.capitalize()
    art_start = start - len(m.group(0))
    return art_start, f"{wanted} {replacement}"


def _sentence_start(an, pos: int) -> bool:
    return any(s == pos for s, _ in an.sentences) or pos == 0


def _region(an, start: int, end: int):
    """Sentence bounds around the finding, shrunk so placeholders outside the finding survive."""
    if not an.sentences:
        s, e = start, end
    else:
        s = min(an.sentences[an.sentence_at(start)][0], start)
        e = max(an.sentences[an.sentence_at(max(start, end - 1))][1], end)
    for ms, me in an.masked:
        if ms >= s and me <= e:
            if me <= start:                       # placeholder before the finding: keep it
                s = me
            elif ms >= end:                       # placeholder after the finding: keep it
                e = min(e, ms)
            else:                                 # inside the finding: cannot rewrite safely
                return None, None
    text = an.text
    while s < e and text[s] in " \t,;:—–-":
        s += 1
    while e > s and text[e - 1] in " \t":
        e -= 1
    return (s, e) if e > s else (None, None)


def _absorb_space(text: str, s: int, e: int):
    """Removing text: take the whitespace after it (or before it at a line end) so no gap stays."""
    e2 = e
    while e2 < len(text) and text[e2] in " \t":
        e2 += 1
    if e2 < len(text) and text[e2] == "\n" and (s == 0 or text[s - 1] == "\n"):
        return s, e2 + 1
    if e2 == len(text) or text[e2] == "\n":
        while s > 0 and text[s - 1] in " \t":
            s -= 1
        return s, e
    return s, e2
