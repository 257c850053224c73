"""The Python API a sending service calls: complint.lint() and complint.lint_file().

The engine (rules + spaCy tokenizer) is created once per process and reused by every call."""
from __future__ import annotations

from pathlib import Path

import pytest

import complint
from complint.errors import InputError

FIXTURES = Path(__file__).parent / "fixtures" / "sources"


def test_two_lint_calls_reuse_one_engine(monkeypatch):
    import complint.policy.loader as loader
    import complint.runner as runner
    from complint.engine import Engine

    monkeypatch.setattr(complint, "_ENGINE", None)
    monkeypatch.setattr(runner, "_PACKS", {})
    calls = {"load_pack": 0, "engine": 0}
    real_load, real_init = loader.load_pack, Engine.__init__

    def counting_load(*a, **k):
        calls["load_pack"] += 1
        return real_load(*a, **k)

    def counting_init(self, *a, **k):
        calls["engine"] += 1
        real_init(self, *a, **k)

    monkeypatch.setattr(loader, "load_pack", counting_load)
    monkeypatch.setattr(Engine, "__init__", counting_init)
    first = complint.lint("Leave a 5-star review and get a $10 gift card!")
    engine = complint._ENGINE
    nlp = engine.pack.lexicon("en").nlp
    second = complint.lint("Call us at 503-555-0147.", channel="review-reply")
    assert complint._ENGINE is engine and engine.pack.lexicon("en").nlp is nlp
    assert calls == {"load_pack": 1, "engine": 1}
    assert first and second


def test_lint_returns_positioned_findings_and_checks_the_channel():
    text = "Thanks!\nPlease e-mail me at help@shop-example.com.\n"
    findings = complint.lint(text)
    f = next(f for f in findings if f.rule == "AMZ-MSG-EMAIL-ADDRESS")
    assert (f.line, f.column, text[f.start:f.end]) == (2, 21, "help@shop-example.com")
    with pytest.raises(ValueError, match="unknown channel"):
        complint.lint("Hi", channel="sms")


def test_lint_with_a_config(tmp_path):
    cfg = tmp_path / ".complint.yaml"
    cfg.write_text("allow_domains: [my-brand.com]\nselect: [AMZ-MSG-EXTERNAL-LINK]\n", encoding="utf-8")
    text = "Manual: https://my-brand.com/manual and https://other-shop.com/deal\n"
    assert [f.text for f in complint.lint(text, config=cfg)] == ["https://other-shop.com/deal"]
    assert complint._engine_for(cfg) is complint._engine_for(str(cfg))      # cached per file


def test_lint_file_reads_any_format_and_finds_config(tmp_path):
    (tmp_path / ".complint.yaml").write_text('channels: {"*.csv": review-reply}\n', encoding="utf-8")
    csv = tmp_path / "export.csv"
    csv.write_bytes((FIXTURES / "zendesk_macros.csv").read_bytes())
    result = complint.lint_file(csv)
    assert result.channel == "review-reply" and result.channel_source == "config"
    text = csv.read_bytes().decode("utf-8")
    assert result.findings and all(text[f.start:f.end] == f.text for f in result.findings)
    isolated = complint.lint_file(csv, config=False)
    assert isolated.channel == "mixed" and isolated.channel_source == "field"


def test_lint_file_errors():
    with pytest.raises(InputError):
        complint.lint_file("/no/such/file.txt")
    with pytest.raises(ValueError):
        complint.lint_file(FIXTURES / "note.txt", channel="fax")
