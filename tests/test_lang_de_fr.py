"""German and French: lexicons, tokenisation (compounds, elisions) and the fast French start-up."""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import pytest

from complint.analysis import Analysis
from complint.engine import Engine
from complint.model import Document
from complint.nlp import blank
from complint.policy.loader import load_pack
from complint.source.placeholders import placeholder_spans

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


@pytest.fixture(scope="module")
def engine():
    return Engine(load_pack())


def lint(engine, text, lang, channel="message"):
    doc = Document(text=text, channel=channel, lang=lang, source_text=text, masked=placeholder_spans(text))
    return {f.category for f in engine.lint(doc) if f.severity in ("error", "warning")}


def concepts(engine, text, lang):
    an = engine.analyse(Document(text=text, lang=lang, source_text=text, masked=placeholder_spans(text)))
    return set(an.by_concept)


# ---------------------------------------------------------------------------------------- French start-up

def test_fast_french_token_match_equals_spacys_pattern():
    blank("fr")                     # first, so the fast path is the one that imports spaCy's module
    import spacy.lang.fr.tokenizer_exceptions as fx
    fast = fx.TOKEN_MATCH.__self__
    if not hasattr(fast, "original"):
        pytest.skip("spaCy's French exceptions were imported before complint's fast path")
    original = re.compile(fast.original, fast.flags)          # the slow compile (~3 s), once
    words = set(fx.TOKENIZER_EXCEPTIONS)
    with open(os.path.join(ROOT, "corpus", "i18n", "fr.jsonl"), encoding="utf-8") as fh:
        for line in fh:
            words.update(w.strip(".,;:!?()«»\"") for w in json.loads(line)["text"].split())
    for prefix in ("anti", "auto", "contre", "faux", "grand", "mi", "non", "porte", "semi", "sous", "entr", "r", "Saint", "arc"):
        for hyphen in "-–—‐'’":
            for tail in ("âge", "bébé", "en-ciel", "de-ski", "l'air", "абв", "日本", "x2", "ÉTÉ", "œuf"):
                words.update({prefix + hyphen + tail, (prefix + hyphen + tail).upper()})
    differ = [w for w in words if bool(original.match(w)) != bool(fast.match(w))]
    assert len(words) > 3_000 and not differ, differ[:20]


def test_french_tokenizer_starts_fast():
    code = ("import time, spacy; t = time.perf_counter(); from complint.nlp import blank; blank('fr'); "
            "print(time.perf_counter() - t)")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    assert float(proc.stdout.strip()) < 1.5     # spacy.blank('fr') alone takes ~3–5 s


def test_french_tokenisation_of_elisions_and_hyphens():
    toks = [t.text for t in blank("fr")("Laissez-nous l'avis d'un porte-bébé, aujourd'hui c’est -10 %.")]
    assert toks[:6] == ["Laissez", "-nous", "l'", "avis", "d'", "un"]
    assert "porte-bébé" in toks and "aujourd'hui" in toks


def test_german_compounds_stay_one_token():
    toks = [t.text for t in blank("de")("Eine 5-Sterne-Bewertung und ein Amazon-Gutschein.")]
    assert "5-Sterne-Bewertung" in toks and "Amazon-Gutschein" in toks
