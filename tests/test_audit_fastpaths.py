"""The hot-path shortcuts that make `check` and `audit` fast must not change a single result:
literal prefilters (prefilter.py), the lint plan (plan.py), the phrase automaton (slots.py), the
sentence regex (segment.py) and the entity gates (entities.py)."""
from __future__ import annotations

import glob
import json
import random
import sys
from pathlib import Path

import pytest
import regex

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "benchmarks"))

from generate import generate  # noqa: E402

ALL_CHARS = "".join(chr(i) for i in range(0x110000) if not 0xD800 <= i <= 0xDFFF)


@pytest.fixture(scope="module")
def engine():
    from complint.engine import Engine
    from complint.policy.loader import load_pack

    return Engine(load_pack())


@pytest.fixture(scope="module")
def texts():
    out = []
    for f in sorted(glob.glob(str(REPO / "corpus" / "en" / "*.jsonl"))):
        for line in open(f, encoding="utf-8"):
            if line.strip():
                obj = json.loads(line)
                out.append((obj["text"], obj.get("channel", "message")))
    out += [(r["text"], r["channel"]) for r in generate(600, 99)]
    rng = random.Random(4)
    odd = ["\u212a", "\u017f", "\u0130", "\u0131", "１", "٣", "Ａ", "ß", "\u00a0"]
    for text, channel in out[:400]:
        chars = list(text)
        for _ in range(4):
            i = rng.randrange(len(chars) + 1)
            chars.insert(i, rng.choice(odd))
        out.append(("".join(chars).swapcase(), channel))
    return out


# --------------------------------------------------------------------------- case equivalences
def test_fold_maps_every_regex_case_equivalent_of_an_ascii_letter():
    from complint.prefilter import fold

    for letter in "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ":
        for ch in set(regex.findall(regex.escape(letter), ALL_CHARS, flags=regex.IGNORECASE)):
            assert fold(ch) == letter.lower(), (letter, hex(ord(ch)))


def test_url_gate_characters_cover_the_url_regex_class():
    from complint.entities import _DOMAIN_CHARS
    from complint.prefilter import fold

    for ch in set(regex.findall(r"(?i)[a-z0-9-]", ALL_CHARS)):
        assert fold(ch) in _DOMAIN_CHARS, hex(ord(ch))


def test_shape_maps_every_regex_digit_to_zero():
    from complint.prefilter import shape

    digits = "".join(set(regex.findall(r"\d", ALL_CHARS)))
    assert set(shape(digits)) == {"0"}


# ------------------------------------------------------------------------------ prefilters
def test_prefilter_never_rejects_a_text_a_concept_regex_matches(engine, texts):
    from complint.prefilter import Views, compile_requirements, passes, required_literals

    lex = engine.pack.lexicon("en")
    checked = 0
    for name, compiled, _path, _line in lex.regexes:
        need = compile_requirements(required_literals(compiled))
        if need is None:
            continue
        samples = [t for t, _ in texts]
        samples += [t[max(0, m.start() - 20):m.end() + 20] for t in samples[:300] for m in [compiled.search(t)] if m]
        for t in samples:
            if not passes(need[0], Views(t)):
                checked += 1
                assert compiled.search(t) is None, (name, compiled.pattern, t[:200])
    assert checked > 1000


@pytest.mark.parametrize("pattern,text", [
    (r"\b(?:call|text)\s+us\b", "Please CALL us today"),
    (r"(?-i:\bLINE\b)", "add us on LINE now"),
    (r"[$€£]\s?\d+", "get ٣ dollars $ ٣"),
    (r"\b\d{5}\b", "zip １２３４５"),
    (r"(?-i:[A-Z]\.\s?[A-Z][a-z]+)", "J. Smith"),
    (r"(?:⭐|★){3,}", "★★⭐ rating"),
    (r"\bs\w+k\b", "\u017ftoc\u212a"),
    (r"(?=\w+@)\w+", "a@b"),
])
def test_requirements_hold_on_tricky_matches(pattern, text):
    from complint.prefilter import Views, compile_requirements, passes, required_literals

    compiled = regex.compile(pattern, regex.IGNORECASE)
    assert compiled.search(text)
    need = compile_requirements(required_literals(compiled))
    assert need is None or passes(need[0], Views(text))


def test_risky_syntax_gets_no_prefilter():
    from complint.prefilter import required_literals

    for pattern in (r"(?:colour){e<=1}", r"[[:alpha:]]+x", r"\p{L}+abc", r"(?V1)abc", r"(?f)strasse"):
        assert required_literals(regex.compile(pattern, regex.IGNORECASE)) is None, pattern


# ---------------------------------------------------------------------------------- the plan
def test_planned_lint_equals_running_every_regex_and_every_rule(engine, texts):
    from complint.model import Document
    from complint.source.placeholders import placeholder_spans

    differing = 0
    for text, channel in texts:
        doc = Document(text=text, channel=channel, lang="en", source_text=text, masked=placeholder_spans(text))
        _active, plan = engine._plan(channel, "en")
        fast = [f.to_dict() for f in engine.lint(doc, merge=False)]
        plan.everything = True
        try:
            full = [f.to_dict() for f in engine.lint(doc, merge=False)]
        finally:
            plan.everything = False
        differing += fast != full
    assert differing == 0


# -------------------------------------------------------------------------- phrase automaton
def test_phrase_automaton_equals_trying_every_candidate_phrase(engine, texts):
    lex = engine.pack.lexicon("en")
    matcher = lex.slot_matcher

    def naive(toks):
        seen, out = set(), []
        for i, tok in enumerate(toks):
            for ph in matcher.index.get(tok, ()):
                ends = ph.ends(toks, i)
                if ends:
                    key = (ph.concept, i, max(ends))
                    if key not in seen:
                        seen.add(key)
                        out.append(key)
        return out

    for text, _ in texts[:800]:
        toks = [t.lower_ for t in lex.nlp.make_doc(text)]
        assert list(matcher(toks)) == naive(toks)


# ------------------------------------------------------------------------------- sentences
def test_sentences_equal_the_lookbehind_first_formulation():
    """segment.py evaluates the abbreviation lookbehind only at punctuation and starts every
    alternative at punctuation or a line break; the sentences must be those of the original regex."""
    from complint import segment

    original = regex.compile(r"""
        (?:(?<!\b(?:Mr|Mrs|Ms|Dr|St|No|Nr|vs|etc|e\.g|i\.e|approx|Inc|Ltd|Co|ca|bzw|z\.B|usw|Hr|Fr|Sr|Sra|Mme|M))
           [.!?…]+["'”’)\]]*[ \t]+(?=\S)
          |[。！？]+
          |[ \t]*(?:\r?\n)+[ \t]*
        )""", regex.VERBOSE)

    def original_sentences(text):
        spans, pos = [], 0
        bounds = [(m.start() + len(m.group().rstrip(" \t\r\n")), m.end()) for m in original.finditer(text)]
        for seg_end, nxt in bounds + [(len(text), len(text))]:
            start, end = pos, seg_end
            while start < end and text[start].isspace():
                start += 1
            while end > start and text[end - 1].isspace():
                end -= 1
            if end > start:
                spans.append((start, end))
            pos = nxt
        return spans

    rng = random.Random(8)
    pieces = ["Mr", "Mrs", "e.g", "i.e", "z.B", "M", "etc", "St", "No", "word", "Dr", "xMr", "é", "9", ".", "..",
              "!", "?", "…", "。", "！", '"', "”", ")", "]", " ", "  ", "\t", "\n", "\r\n", " \n ", "\r", "\r\r\n",
              "\u00a0", "\u2028", "\x0b", "a", "B"]
    for _ in range(20000):
        t = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 14)))
        assert segment.sentence_spans(t) == original_sentences(t), repr(t)


# -------------------------------------------------------------------------------- entities
@pytest.mark.parametrize("text", [
    "visit https://x.co/a?b=1 now", "www.shop.com/x and e.g. this", "x\twww.y.de\tz", "a\u00a0www.b.com\u00a0c",
    "注文はshop.jpまで", "Thanks.It works", "mail a.b@c.de or t.me/abc", "http://localhost:8000/x", "no dots here",
    "see brighthome.shop/parts.\nor https://a.b/c d.e", "1.5 kg and 2.0", "(555) 010-1234 or 1-800-FLOWERS",
])
def test_url_chunks_find_what_a_whole_text_scan_finds(text):
    from complint import entities as E

    whole = [m.span() for m in E.URL_RE.finditer(text)]
    chunked = [m.span() for s, e in E._url_chunks(text, text.lower()) for m in E.URL_RE.finditer(text, pos=s, endpos=e)]
    assert sorted(chunked) == whole
    if not ("://" in text or E._dotted(text.lower())):      # the gate added in front of URL_RE
        assert whole == []
