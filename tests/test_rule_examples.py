"""Every rule ships examples (proselint / LanguageTool style) and this test holds the rule to them:
each `examples.flag` text must produce a finding of THAT rule, each `examples.pass` text none of it.

An example is a string or {text, channel, lang}; the channel defaults to the rule's first channel
and the language to English. All rules run on each example, as in a real check, and findings are
filtered by rule id (ids can be prefixes of each other, so `--select` is not used here).
"""
from __future__ import annotations

import pytest

from conftest import bundled_pack


def _load():
    try:
        return bundled_pack(), None
    except Exception as exc:  # report a broken pack as one failing test, not a collection error
        return None, exc


PACK, LOAD_ERROR = _load()
RULES = {r.id: r for r in PACK.rules} if PACK else {}


def _example_params():
    if PACK is None:
        return [pytest.param(None, None, None, id="pack-does-not-load")]
    out = []
    for rule in PACK.rules:
        for key in ("flag", "pass"):
            for i, _ in enumerate(rule.examples.get(key, [])):
                out.append(pytest.param(rule.id, key, i, id=f"{rule.id}:{key}[{i}]"))
    return out


def _rule_params():
    if PACK is None:
        return [pytest.param(None, id="pack-does-not-load")]
    return [pytest.param(r.id, id=r.id) for r in PACK.rules]


def test_pack_loads():
    assert LOAD_ERROR is None, f"bundled rule pack does not load: {LOAD_ERROR}"
    assert len(PACK.rules) > 0


@pytest.mark.parametrize("rule_id,key,index", _example_params())
def test_rule_example(rule_id, key, index, engine):
    assert LOAD_ERROR is None, f"bundled rule pack does not load: {LOAD_ERROR}"
    rule = RULES[rule_id]
    example = rule.examples[key][index]
    text = example["text"]
    channel = example.get("channel", rule.channels[0])
    lang = example.get("lang", "en")
    if key == "flag":
        # a pass example may sit on another channel to document the rule's scope; a flag cannot
        assert channel in rule.channels, (
            f"{rule_id} flag[{index}] uses channel {channel!r}, but the rule only runs on {rule.channels}")
        assert rule.langs is None or lang in rule.langs, (
            f"{rule_id} flag[{index}] uses lang {lang!r}, but the rule only runs on {rule.langs}")

    from complint.model import Document
    from complint.source.placeholders import placeholder_spans

    # merge=False: every rule reports, even where another rule of the same category overlaps it
    findings = engine.lint(Document(text=text, path="<test>", channel=channel, lang=lang, source_text=text,
                                    masked=placeholder_spans(text)), merge=False)
    own = [f for f in findings if f.rule == rule_id]
    shown = "; ".join(f"{f.rule} {f.text!r}" for f in findings) or "no findings at all"
    if key == "flag":
        assert own, f"{rule_id} should flag ({channel}, {lang}): {text!r}\n  got: {shown}"
        for f in own:
            # positions point at the real text
            assert 0 <= f.start < f.end <= len(text)
            assert text[f.start:f.end] == f.text
            assert f.category == rule.category
    else:
        assert not own, (f"{rule_id} should NOT flag ({channel}, {lang}): {text!r}\n"
                         f"  flagged: {[f.text for f in own]}")


@pytest.mark.parametrize("rule_id", _rule_params())
def test_rule_has_examples(rule_id):
    """Every rule documents itself with at least one example; every rule that is not a size limit
    (whose violating example would be a 2,000-character text) shows at least one text it flags."""
    assert LOAD_ERROR is None, f"bundled rule pack does not load: {LOAD_ERROR}"
    rule = RULES[rule_id]
    flag, passing = rule.examples.get("flag", []), rule.examples.get("pass", [])
    assert flag or passing, f"{rule_id} ({rule.path}:{rule.line}) has no examples"
    if type(rule.kind).name != "limit":
        assert flag, f"{rule_id} ({rule.path}:{rule.line}) has no `examples.flag`"
