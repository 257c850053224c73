"""Inline suppressions in each format's comment syntax, and --report-unused-suppressions.

The texts use the bundled entity rules (phone numbers, e-mail addresses), which do not depend on
how the English lexicons are tuned.
"""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from complint.cli import main
from complint.config import Config
from complint.runner import FileLinter, Options
from complint.suppress import UNKNOWN_RULE, UNUSED_RULE, parse_directives

PHONE, EMAIL = "AMZ-MSG-PHONE-NUMBER", "AMZ-MSG-EMAIL-ADDRESS"


@pytest.fixture(scope="module")
def entity_engine(pack):
    from complint.engine import Engine

    return Engine(pack, select=(PHONE, EMAIL))


def run(engine, name, text, unused=False):
    r = FileLinter(engine, Config(), Options(report_unused=unused)).lint_source(text, name)
    for f in r.findings:
        assert text[f.start:f.end] == f.text
    return [(f.rule, f.line) for f in r.findings]


def test_plain_text_trailing_ignore_covers_its_line_only(entity_engine):
    text = ("Call 503-555-0147 for help.  complint: ignore[AMZ-MSG-PHONE-NUMBER]\n"
            "Call 503-555-0148 for help.\n")
    assert run(entity_engine, "a.txt", text) == [(PHONE, 2)]


def test_a_directive_on_its_own_line_covers_the_next_line(entity_engine):
    text = "complint: ignore[AMZ-MSG-PHONE-NUMBER]\n\nCall 503-555-0147.\nCall 503-555-0148.\n"
    assert run(entity_engine, "a.txt", text) == [(PHONE, 4)]


def test_prefixes_categories_and_lists(entity_engine):
    text = ("Call 503-555-0147 or mail a@shop-example.com.  complint: ignore[contact-info]\n"
            "Call 503-555-0148 or mail b@shop-example.com.  complint: ignore[AMZ-MSG-PHONE, AMZ-MSG-EMAIL]\n"
            "Call 503-555-0149 or mail c@shop-example.com.  complint: ignore=AMZ-MSG-EMAIL-ADDRESS\n")
    assert run(entity_engine, "a.txt", text) == [(PHONE, 3)]


def test_ignore_file(entity_engine):
    text = "Call 503-555-0147.\nMail a@shop-example.com.\n\ncomplint: ignore-file[AMZ-MSG-PHONE-NUMBER]\n"
    assert run(entity_engine, "a.txt", text) == [(EMAIL, 2)]


def test_html_disable_enable_and_trailing_comment(entity_engine):
    text = ("<p>Call 503-555-0147.</p>\n"
            "<!-- complint: disable=AMZ-MSG-PHONE-NUMBER -->\n"
            "<p>Call 503-555-0148.</p>\n"
            "<p>Mail a@shop-example.com.</p>\n"
            "<!-- complint: enable=AMZ-MSG-PHONE-NUMBER -->\n"
            "<p>Call 503-555-0149. <!-- complint: ignore[AMZ-MSG-PHONE-NUMBER] --></p>\n"
            "<p>Call 503-555-0150.</p>\n")
    assert run(entity_engine, "mail.html", text) == [(PHONE, 1), (EMAIL, 4), (PHONE, 7)]


def test_html_disable_without_enable_runs_to_the_end(entity_engine):
    text = "<p>Call 503-555-0147.</p>\n<!-- complint: disable=contact-info -->\n<p>Call 503-555-0148.</p>\n"
    assert run(entity_engine, "mail.html", text) == [(PHONE, 1)]


def test_jinja_handlebars_liquid_comments(entity_engine):
    jinja = "{# complint: ignore[AMZ-MSG-PHONE-NUMBER] #}\nCall 503-555-0147.\nCall 503-555-0148.\n"
    assert run(entity_engine, "card.j2", jinja) == [(PHONE, 3)]
    hbs = "Call 503-555-0147. {{!-- complint: ignore[AMZ-MSG-PHONE-NUMBER] --}}\nCall 503-555-0148.\n"
    assert run(entity_engine, "mail.hbs", hbs) == [(PHONE, 2)]
    hbs2 = "{{! complint: ignore[AMZ-MSG-PHONE-NUMBER] }}\nCall 503-555-0147.\n"
    assert run(entity_engine, "mail.mustache", hbs2) == []
    liquid = ("{% comment %} complint: ignore[AMZ-MSG-PHONE-NUMBER] {% endcomment %}\n"
              "Call 503-555-0147.\nCall 503-555-0148.\n")
    assert run(entity_engine, "reply.liquid", liquid) == [(PHONE, 3)]


def test_yaml_comment_on_a_block_scalar_header_covers_the_whole_template(entity_engine):
    text = ("- name: signature\n"
            "  # complint: ignore[AMZ-MSG-PHONE-NUMBER]\n"
            "  body: |\n"
            "    Kind regards,\n"
            "    Call us: 503-555-0147\n"
            "- name: other\n"
            "  body: |  # complint: ignore[AMZ-MSG-EMAIL-ADDRESS]\n"
            "    Mail a@shop-example.com or call 503-555-0148.\n"
            "- body: \"Call 503-555-0149\"  # complint: ignore[AMZ-MSG-PHONE-NUMBER]\n"
            "- body: Call 503-555-0150\n")
    assert run(entity_engine, "t.yaml", text) == [(PHONE, 8), (PHONE, 10)]


def test_the_directive_is_not_read_as_prose(entity_engine):
    from complint.source import parse_documents

    text = "Thanks!  complint: ignore[AMZ-MSG-EMOJI]\n"
    doc, = parse_documents(text, "a.txt", "message", "auto")
    assert "complint" not in doc.text and len(doc.text) == len(text)


def test_unused_and_unknown_suppressions_are_reported(entity_engine):
    text = ("Call 503-555-0147.  complint: ignore[AMZ-MSG-PHONE-NUMBER]\n"
            "Nothing here.  complint: ignore[AMZ-MSG-EMAIL-ADDRESS, AMZ-NO-SUCH-RULE]\n"
            "Nothing here either.  complint: ignore[AMZ-REV-INCENTIVE]\n")   # known rule, not run: not reported
    found = run(entity_engine, "a.txt", text, unused=True)
    assert found == [(UNUSED_RULE, 2), (UNKNOWN_RULE, 2)]
    assert run(entity_engine, "a.txt", text, unused=False) == []


def test_directive_parsing_details():
    text = "x  complint: ignore[ A , b-c ]\n<!-- complint: disable=AMZ-MSG-EMOJI-->\ncomplint: ignore\n"
    ds = parse_directives(text)
    assert [(d.action, d.codes) for d in ds] == [("ignore", ["A", "b-c"]), ("disable", ["AMZ-MSG-EMOJI"])]
    assert [text[s:e] for s, e in ds[0].code_spans] == ["A", "b-c"]


def test_cli_report_unused_suppressions(tmp_path):
    p = tmp_path / "note.txt"
    p.write_text("Thanks for your order.  complint: ignore[AMZ-MSG-PHONE-NUMBER]\n", encoding="utf-8")
    res = CliRunner().invoke(main, ["check", "--isolated", "--format", "json", "--report-unused-suppressions",
                                    "--select", "AMZ-MSG-PHONE-NUMBER", str(p)])
    out = json.loads(res.stdout)
    f, = out["files"][0]["findings"]
    assert (f["rule"], f["line"], f["column"], f["text"]) == (UNUSED_RULE, 1, 42, "AMZ-MSG-PHONE-NUMBER")
    assert res.exit_code == 1
    res = CliRunner().invoke(main, ["check", "--isolated", "--select", "AMZ-MSG-PHONE-NUMBER", str(p)])
    assert res.exit_code == 0
