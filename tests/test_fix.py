"""Rewrites: every error finding carries a suggestion, `fix` removes errors corpus-wide, never
touches text outside what it fixes, is idempotent, and writes files safely."""
from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from complint.cli import main
from complint.evaluate import read_corpus
from complint.model import Document
from complint.rewrite import fix_source
from complint.segment import sentence_spans
from complint.source.placeholders import placeholder_spans

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus" / "en"


def _linter(engine, channel="message", lang="en"):
    def lint_source(text):
        return engine.lint(Document(text=text, channel=channel, lang=lang, source_text=text,
                                    masked=placeholder_spans(text)))
    return lint_source


@pytest.fixture(scope="module")
def violating(engine):
    return [i for i in read_corpus([str(CORPUS)]) if i.labels]


def test_error_findings_carry_suggestions_and_fix_clears_them(engine, violating):
    errors = with_suggestion = cleared = 0
    for item in violating:
        lint_source = _linter(engine, item.channel, item.lang)
        findings = lint_source(item.text)
        errs = [f for f in findings if f.severity == "error"]
        errors += len(errs)
        with_suggestion += sum(f.suggestion is not None for f in errs)
        out = fix_source(item.text, lint_source, unsafe=True)
        cleared += not any(f.severity == "error" for f in out.remaining)
        # every sentence that no finding or suggestion touched is still there, byte for byte
        spans = [(f.start, f.end) for f in findings] + [(f.suggestion.start, f.suggestion.end) for f in findings if f.suggestion]
        for s, e in sentence_spans(item.text):
            if not any(a < e and s < b for a, b in spans):
                assert item.text[s:e] in out.text, (item.id, item.text[s:e])
    assert with_suggestion / errors >= 0.98, f"{with_suggestion}/{errors} error findings have a suggestion"
    assert cleared / len(violating) >= 0.95, f"fix cleared all errors on {cleared}/{len(violating)} items"


def test_safe_mode_applies_only_safe_rewrites(engine):
    text = "Please leave us a 5-star review and get a $10 gift card."
    out = fix_source(text, _linter(engine), unsafe=False)
    assert all(f.suggestion.safe for f in out.applied)
    assert "gift card" in out.text                 # the incentive rewrite is unsafe: left for the seller
    assert "honest review" in out.text             # the positive-review wording is a safe rewrite
    assert "an honest review" in out.text          # article agrees with the new word


def test_placeholders_survive_sentence_rewrites(engine):
    text = "Dear {{buyer_name}}, leave a review and get a $10 gift card! Thanks, {{seller_name}}"
    out = fix_source(text, _linter(engine), unsafe=True)
    assert "{{buyer_name}}" in out.text and "{{seller_name}}" in out.text
    assert "gift card" not in out.text


_SENTENCES = [
    "Thanks for your order of the bamboo cutting board.",
    "Leave a 5-star review and get a $10 gift card!",
    "Please remove your 1-star review now that we refunded you.",
    "If you are not happy, contact us before leaving a review.",
    "E-mail us at help@example-shop.com for a faster answer.",
    "Follow us on Instagram for new arrivals.",
    "The filter fits models X100 and X200.",
    "We have issued a full refund for the cracked lid.",
    "Hi {{buyer_name}},",
    "Your order {order_id} ships today.",
    "Use code SAVE15 for 15% off your next order.",
]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(_SENTENCES), min_size=1, max_size=5),
       st.lists(st.sampled_from([" ", "\n", "\n\n"]), min_size=5, max_size=5),
       st.booleans())
def test_fix_is_idempotent_and_local(engine, picks, seps, unsafe):
    text = "".join(s + seps[i] for i, s in enumerate(picks)).rstrip()
    lint_source = _linter(engine)
    once = fix_source(text, lint_source, unsafe=unsafe)
    twice = fix_source(once.text, lint_source, unsafe=unsafe)
    assert twice.text == once.text
    findings = lint_source(text)
    spans = [(f.start, f.end) for f in findings] + [(f.suggestion.start, f.suggestion.end) for f in findings if f.suggestion]
    for s, e in sentence_spans(text):
        if not any(a < e and s < b for a, b in spans):
            assert text[s:e] in once.text


# ---------------------------------------------------------------- CLI

def test_fix_in_place_keeps_permissions_and_is_atomic(tmp_path):
    f = tmp_path / "t.txt"
    f.write_text("Hi,\nPlease leave us a 5-star review!\nThe filter fits X100.\n", encoding="utf-8")
    os.chmod(f, 0o640)
    r = CliRunner().invoke(main, ["fix", str(f)])
    assert r.exit_code == 0, r.output
    assert f.read_text(encoding="utf-8") == "Hi,\nPlease leave us an honest review!\nThe filter fits X100.\n"
    assert stat.S_IMODE(os.stat(f).st_mode) == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["t.txt"]      # no temp file left behind


def test_fix_diff_changes_nothing(tmp_path):
    f = tmp_path / "t.txt"
    original = "Please leave us a 5-star review!\n"
    f.write_text(original, encoding="utf-8")
    r = CliRunner().invoke(main, ["fix", "--diff", str(f)])
    assert "-Please leave us a 5-star review!" in r.output
    assert "+Please leave us an honest review!" in r.output
    assert f.read_text(encoding="utf-8") == original


def test_fix_stdin_writes_fixed_text_to_stdout():
    r = CliRunner().invoke(main, ["fix", "--unsafe-fixes", "-"], input="Leave a review and get a $10 gift card!")
    assert r.exit_code == 0
    assert "gift card" not in r.stdout and "honest review" in r.stdout


def test_fix_does_not_touch_clean_or_undecodable_files(tmp_path):
    clean = tmp_path / "clean.txt"
    clean.write_text("The filter fits models X100 and X200.\n", encoding="utf-8")
    before = os.stat(clean).st_mtime_ns
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"Leave a 5-star review \xff\xfe\n")
    r = CliRunner().invoke(main, ["fix", str(clean), str(bad)])
    assert r.exit_code == 2
    assert os.stat(clean).st_mtime_ns == before
    assert bad.read_bytes() == b"Leave a 5-star review \xff\xfe\n"


def test_fix_exit_code_1_when_findings_remain(tmp_path):
    f = tmp_path / "t.txt"
    f.write_text("Leave a review and get a $10 gift card!\n", encoding="utf-8")
    r = CliRunner().invoke(main, ["fix", str(f)])               # the incentive rewrite is unsafe
    assert r.exit_code == 1
    assert "--unsafe-fixes" in r.stderr


def test_fix_select_limits_rewrites(tmp_path):
    f = tmp_path / "t.txt"
    f.write_text("Please leave us a 5-star review 😊\n", encoding="utf-8")
    r = CliRunner().invoke(main, ["fix", "--select", "AMZ-MSG-EMOJI", str(f)])
    assert f.read_text(encoding="utf-8") == "Please leave us a 5-star review\n"
    assert r.exit_code == 0


def test_suggestion_in_json_and_text_output():
    text = "Please leave us a 5-star review!"
    r = CliRunner().invoke(main, ["check", "--format", "json", "-"], input=text)
    finding = json.loads(r.stdout)["files"][0]["findings"][0]
    s = finding["suggestion"]
    assert s["replacement"] == "an honest review" and text[s["start"]:s["end"]] == "a 5-star review"
    r = CliRunner().invoke(main, ["check", "-"], input=text)
    assert '→ suggested: "an honest review"' in r.stdout


def test_fix_respects_inline_suppressions_and_config(tmp_path):
    f = tmp_path / "t.txt"
    text = "Please leave us a 5-star review! complint: ignore[AMZ-REV-POSITIVE-REQUEST]\n"
    f.write_text(text, encoding="utf-8")
    r = CliRunner().invoke(main, ["fix", str(f)])
    assert f.read_text(encoding="utf-8") == text       # suppressed: nothing to fix
    assert r.exit_code == 0
    g = tmp_path / "card.txt"
    g.write_text("Please leave us a 5-star review!\n", encoding="utf-8")
    (tmp_path / ".complint.yaml").write_text("ignore: [AMZ-REV-POSITIVE-REQUEST]\n", encoding="utf-8")
    CliRunner().invoke(main, ["fix", str(g)])
    assert g.read_text(encoding="utf-8") == "Please leave us a 5-star review!\n"   # ignored by config
