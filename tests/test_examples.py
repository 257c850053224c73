"""The bundled examples/ folder is what the README and examples/README say it is."""
from __future__ import annotations

from pathlib import Path

import pytest

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def read(rel: str) -> str:
    return (EXAMPLES / rel).read_text(encoding="utf-8")


def test_clean_reply_has_no_findings(lint):
    text = read("templates/return_reply.txt")
    findings = lint(text, channel="message")
    assert findings == [], [(f.rule, f.text) for f in findings]


@pytest.mark.parametrize("rel,channel,categories", [
    ("templates/review_request.txt", "message", {"review-incentive", "positive-review-request", "review-gating"}),
    ("inserts/thank_you_card.txt", "insert-card", {"review-gating"}),
])
def test_violating_examples_are_caught(lint, rel, channel, categories):
    text = read(rel)
    findings = lint(text, channel=channel)
    found = {f.category for f in findings if f.severity == "error"}
    assert categories <= found, f"{rel}: missing {categories - found}"
    assert all(text[f.start:f.end] == f.text for f in findings)
