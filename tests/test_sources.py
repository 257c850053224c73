"""Source readers: every reported line/column points at the real characters in the original file.

For each format there is a real-looking fixture in tests/fixtures/sources/ (an HTML review-request
e-mail, a Jinja insert card, a Handlebars order update, a Liquid review reply, a YAML collection of
20 templates, a JSON macro export, a Zendesk-style CSV export). Two kinds of assertions:

- invariants on every finding: `source[f.start:f.end] == f.text` and line/column recomputed from
  the file by counting characters;
- exact (line, column, end_line, end_column) of chosen findings. These use a small test rule pack
  (regex rules on fixed words) plus the bundled entity rules (e-mail, link, phone), so they do not
  move when the English lexicons are tuned.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from complint.config import Config
from complint.errors import InputError
from complint.runner import FileLinter, Options
from complint.source import parse_documents

FIXTURES = Path(__file__).parent / "fixtures" / "sources"

TEST_RULES = """\
rules:
  - id: TEST-SRC-GIFT
    category: review-incentive
    severity: error
    channels: [message, review-reply, insert-card]
    kind: regex
    message: Mentions a gift card.
    match:
      regex: "(?i)gift card"
  - id: TEST-SRC-STARS
    category: positive-review-request
    severity: error
    channels: [message, review-reply, insert-card]
    kind: regex
    message: Asks for five stars.
    match:
      regex: "(?i)5[- ]stars?(?: review)?"
  - id: TEST-SRC-MARKUP
    category: message-hygiene
    severity: warning
    channels: [message, review-reply, insert-card]
    kind: regex
    message: Markup or template syntax was read as prose.
    match:
      regex: "(?i)strong|font-family|cellpadding|endcomment|signature_html|keep replies"
"""
SELECT = ("TEST-SRC", "AMZ-MSG-EMAIL-ADDRESS", "AMZ-MSG-EXTERNAL-LINK", "AMZ-MSG-PHONE-NUMBER", "AMZ-MSG-EMOJI")


@pytest.fixture(scope="module")
def src_engine(tmp_path_factory):
    from complint.engine import Engine
    from complint.policy.loader import load_pack

    d = tmp_path_factory.mktemp("src_rules")
    (d / "test.yaml").write_text(TEST_RULES, encoding="utf-8")
    return Engine(load_pack([str(d)]), select=SELECT)


def read(name: str) -> str:
    return (FIXTURES / name).read_bytes().decode("utf-8")   # no newline translation: \r\n stays


def lint(engine, name: str, text: str | None = None, config: Config | None = None, **opts):
    text = read(name) if text is None else text
    result = FileLinter(engine, config or Config(), Options(**opts)).lint_source(text, str(FIXTURES / name))
    assert_positions_exact(text, result.findings)
    return result


def line_col(text: str, offset: int) -> tuple[int, int]:
    before = text[:offset]
    return before.count("\n") + 1, offset - (before.rfind("\n") + 1) + 1


def assert_positions_exact(text: str, findings) -> None:
    for f in findings:
        assert text[f.start:f.end] == f.text, (f.rule, f.text)
        assert (f.line, f.column) == line_col(text, f.start), f
        assert (f.end_line, f.end_column) == line_col(text, f.end), f


def spans(result, rule_prefix: str = "") -> list[tuple]:
    return [(f.rule, f.line, f.column, f.end_line, f.end_column, f.text)
            for f in result.findings if f.rule.startswith(rule_prefix)]


# -- every document is a same-length view of its slice -------------------------------------------
@pytest.mark.parametrize("name", sorted(p.name for p in FIXTURES.iterdir()))
def test_documents_are_same_length_views_of_the_file(name):
    text = read(name)
    docs = parse_documents(text, name, "message", "auto")
    assert docs
    for doc in docs:
        raw = text[doc.origin:doc.origin + len(doc.text)]
        assert len(raw) == len(doc.text)
        # what is not blanked is the file's own text, character for character (escapes excepted)
        esc = [range(s, e) for s, e in doc.escapes]
        for i, (a, b) in enumerate(zip(doc.text, raw)):
            if a != b and not any(i in r for r in esc):
                assert a in " \n", (name, i, a, b)


# -- HTML -------------------------------------------------------------------------------------
def test_html_review_request_email_positions(src_engine):
    r = lint(src_engine, "review_request.html")
    assert spans(r) == [
        ("TEST-SRC-STARS", 19, 54, 19, 67, "5-star review"),
        ("TEST-SRC-GIFT", 20, 16, 20, 25, "gift card"),
        ("AMZ-MSG-EXTERNAL-LINK", 21, 38, 21, 117,
         "https://www.oakandember-shop.com/support?utm_source=amazon&amp;utm_medium=email"),
    ]


def test_html_markup_is_never_read_but_href_is():
    text = read("review_request.html")
    doc, = parse_documents(text, "review_request.html", "message", "auto")
    assert "<" not in doc.text and "font-family" not in doc.text and "strong" not in doc.text
    assert "https://www.oakandember-shop.com/support" in doc.text
    href = text.index("https://www.oakandember")
    assert not any(s <= href < e for s, e, _ in doc.masked), "the href value must stay unmasked"
    assert any(kind == "markup" for _, _, kind in doc.masked)
    # entities read as the character they stand for, in place
    amp = text.index("&amp; Knife")
    assert doc.text[amp:amp + 5] == "    &"
    rsquo = text.index("&rsquo;")
    assert doc.text[rsquo:rsquo + 7].endswith("\u2019")
    # block tags split sentences; source line breaks inside a paragraph do not
    para = doc.text[text.index("Thank you for ordering"):text.index("kitchen.") + 8]
    assert "\n" not in para
    assert "\n" in doc.text[text.index("Hi {{"):text.index("Thank you for ordering")]


def test_html_blocks_of_tags_do_not_make_blank_lines():
    text = "<table>\n<tr>\n<td>\n<div>\n<p>Hello there.</p>\n</div>\n</td>\n</tr>\n</table>\n"
    doc, = parse_documents(text, "x.html", "message", "auto")
    assert doc.text.count("\n") <= 1 and doc.text.strip() == "Hello there."


def test_html_unclosed_and_odd_markup_is_linear_and_exact():
    text = "a < b and <3 <a href='x.com>oops " + "<p " * 20000 + "\nend &bogus; &#xZZ;"
    doc, = parse_documents(text, "x.html", "message", "auto")
    assert len(doc.text) == len(text)


def test_html_url_in_src_and_mailto_are_seen(src_engine):
    text = ('<p>Write to <a href="mailto:help@oak-shop.com">us</a>.</p>\n'
            '<img src="https://cdn.oak-shop.com/logo.png" alt="logo">\n')
    r = lint(src_engine, "x.html", text)
    assert ("AMZ-MSG-EMAIL-ADDRESS", 1, 29, 1, 46, "help@oak-shop.com") in spans(r)
    assert any(f.rule == "AMZ-MSG-EXTERNAL-LINK" and f.line == 2 and f.column == 11 for f in r.findings)


# -- Jinja / Handlebars / Liquid ----------------------------------------------------------------
def test_jinja_insert_card_positions(src_engine):
    r = lint(src_engine, "insert_card.j2")
    assert spans(r) == [
        ("TEST-SRC-STARS", 9, 46, 9, 59, "5-star review"),
        ("AMZ-MSG-EMAIL-ADDRESS", 11, 26, 11, 51, "support@brand-example.com"),
    ]


def test_jinja_placeholders_are_annotated_not_deleted_and_comments_blanked():
    text = read("insert_card.j2")
    doc, = parse_documents(text, "insert_card.j2", "insert-card", "auto")
    i = text.index("{{ brand_name }}")
    assert doc.text[i:i + 16] == "{{ brand_name }}"
    assert (i, i + 16, "placeholder") in doc.masked
    j = text.index("{% if product_has_manual %}")
    assert any(s == j and kind == "placeholder" for s, _, kind in doc.masked)
    assert doc.text[:text.index("#}") + 2].strip() == ""          # the {# ... #} comment is blanked
    assert any(kind == "comment" for _, _, kind in doc.masked)


def test_handlebars_html_template(src_engine):
    r = lint(src_engine, "order_update.hbs")
    assert spans(r, "TEST-SRC-MARKUP") == []                      # <p>, {{! }}, {{{ }}} never read as prose
    text = read("order_update.hbs")
    doc, = parse_documents(text, "order_update.hbs", "message", "auto")
    assert "<p>" not in doc.text and "signature" not in doc.text[:text.index("<p>Hi")]
    k = text.index("{{coupon_code}}")
    assert doc.text[k:k + 15] == "{{coupon_code}}"               # a placeholder name can be evidence


def test_liquid_reply_front_matter_and_comments(src_engine):
    r = lint(src_engine, "feedback_reply.liquid")
    assert r.channel == "review-reply" and r.channel_source == "front-matter"
    assert spans(r) == [("TEST-SRC-STARS", 9, 63, 9, 70, "5 stars")]


def test_jinja_html_double_extension_and_multiline_tags():
    text = "{% set x =\n  1 %}<p>Hi {{ name\n }}, thanks.</p>"
    doc, = parse_documents(text, "mail.html.j2", "message", "auto")
    assert "<p>" not in doc.text and doc.text.strip().startswith("{% set x")


# -- YAML ---------------------------------------------------------------------------------------
def test_yaml_collection_of_20_templates(src_engine):
    text = read("templates.yaml")
    docs = parse_documents(text, "templates.yaml", "message", "auto")
    assert len(docs) == 20
    assert [d.label for d in docs][:3] == ["templates[0].body", "templates[1].body", "templates[2].body"]
    r = lint(src_engine, "templates.yaml")
    assert spans(r) == [
        ("TEST-SRC-STARS", 17, 73, 17, 86, "5-star review"),
        ("TEST-SRC-GIFT", 23, 36, 23, 45, "gift card"),
        ("AMZ-MSG-EXTERNAL-LINK", 35, 38, 35, 79, "https://www.oakandember-shop.com/warranty"),
        ("AMZ-MSG-PHONE-NUMBER", 40, 16, 40, 28, "503-555-0147"),
        ("AMZ-MSG-EMOJI", 65, 37, 65, 47, "\\U0001F69A"),            # the whole escape, not its last character
        ("TEST-SRC-STARS", 67, 48, 67, 54, "5-star"),                  # `\\"` reads as `"`: not "5-star review"
    ]
    by_rule = {f.rule: f for f in r.findings}
    assert by_rule["AMZ-MSG-PHONE-NUMBER"].template == "templates[9].body"


def test_yaml_channels_and_langs_from_fields_and_merge_keys():
    text = read("templates.yaml")
    docs = {d.label: d for d in parse_documents(text, "templates.yaml", "message", "auto")}
    assert (docs["templates[11].body"].channel, docs["templates[11].body"].channel_source) == ("review-reply", "field")
    assert (docs["templates[1].body"].channel, docs["templates[1].body"].channel_source) == ("message", "default")
    assert docs["templates[17].body"].lang == "en" and docs["templates[17].body"].lang_source == "field"  # <<: *defaults
    # the CLI (or a config glob) wins over the field
    forced = parse_documents(text, "templates.yaml", "insert-card", "auto", "cli")
    assert {d.channel for d in forced} == {"insert-card"} and {d.channel_source for d in forced} == {"cli"}


@pytest.mark.parametrize("yaml_text, expected", [
    ('a: "one\\ttwo \\"q\\" \\u00e9"\n', "one \ttwo  \"q \"      \u00e9"),
    ("a: 'it''s fine'\n", "it 's fine"),
    ("a: plain text\n  continued here\n", "plain text   continued here"),
    ("a: >\n  folded line\n  joined\n\n  new para\n", "  folded line   joined\n\n  new para\n"),
    ("a: |\n  literal line\n  kept\n", "  literal line\n  kept\n"),
    ("a: |-  # comment\n  strip\n", "  strip\n"),
])
def test_yaml_scalar_styles_read_as_yaml_reads_them(yaml_text, expected):
    doc, = parse_documents(yaml_text, "x.yaml", "message", "auto")
    assert doc.text == expected
    import yaml
    value = yaml.safe_load(yaml_text)["a"]
    assert "".join(doc.text.split()) == "".join(value.split())      # the same characters as the parsed value


def test_yaml_non_string_values_and_metadata_are_not_templates():
    text = "- id: t1\n  name: Thanks\n  channel: message\n  count: 3\n  enabled: true\n  greeting: Hello there\n"
    docs = parse_documents(text, "x.yaml", "message", "auto")
    assert [d.label for d in docs] == ["[0].greeting"]


def test_yaml_column_option_picks_the_key():
    text = "- subject: Your order\n  body: Thanks for ordering.\n"
    assert [d.label for d in parse_documents(text, "x.yml", "message", "auto", column="subject")] == ["[0].subject"]


@pytest.mark.parametrize("text, where", [
    ("a: [1, 2\nb: 3\n", "x.yaml:2:"),
    ("- body: hi\n  channel: sms\n", "x.yaml:2:"),
    ("- body: hi\n  lang: klingon\n", "x.yaml:2:"),
])
def test_yaml_errors_are_one_positioned_line(text, where):
    with pytest.raises(InputError) as exc:
        parse_documents(text, "x.yaml", "message", "auto")
    assert str(exc.value).startswith(where) and "\n" not in str(exc.value)


# -- JSON ---------------------------------------------------------------------------------------
def test_json_macros_positions_with_escapes(src_engine):
    r = lint(src_engine, "macros.json")
    assert spans(r) == [
        ("TEST-SRC-STARS", 7, 89, 7, 95, "5-star"),
        ("AMZ-MSG-EMAIL-ADDRESS", 12, 28, 12, 56, "support@oakandember-shop.com"),
        ("AMZ-MSG-EXTERNAL-LINK", 12, 70, 12, 90, "oakandember-shop.com"),        # in https:\\/\\/oakandember-shop.com\\/help
        ("TEST-SRC-STARS", 19, 69, 19, 82, "5-star review"),
    ]
    channels = {f.template: (f.channel, f.channel_source) for f in r.findings}
    assert channels["macros[2].body"] == ("insert-card", "field")
    assert channels["macros[1].body"] == ("message", "default")
    assert r.channel == "mixed"


def test_json_unicode_escapes_read_as_characters():
    text = '{"body": "caf\\u00e9 \\ud83d\\ude00 \\"x\\" a\\nb"}'
    doc, = parse_documents(text, "x.json", "message", "auto")
    assert len(doc.text) == len(text[doc.origin:doc.origin + len(doc.text)])
    assert "\u00e9" in doc.text and "\U0001F600" in doc.text and "\n" in doc.text and '"x' in doc.text


def test_json_error_has_the_line():
    with pytest.raises(InputError) as exc:
        parse_documents('{\n  "a": "x",\n  "b": \n}\n', "bad.json", "message", "auto")
    assert str(exc.value).startswith("bad.json:4: invalid JSON")


def test_json_deep_nesting_is_an_error_or_fine_never_a_crash():
    text = "[" * 5000 + '"x"' + "]" * 5000
    try:
        parse_documents(text, "deep.json", "message", "auto")
    except InputError as exc:
        assert "deep.json" in str(exc)


# -- CSV ----------------------------------------------------------------------------------------
def test_zendesk_csv_export_positions(src_engine):
    r = lint(src_engine, "zendesk_macros.csv")
    assert spans(r) == [
        ("TEST-SRC-STARS", 8, 53, 8, 66, "5-star review"),
        ("AMZ-MSG-PHONE-NUMBER", 11, 69, 11, 84, "+1 503 555 0147"),
        ("AMZ-MSG-EMAIL-ADDRESS", 11, 94, 11, 119, "help@oakandember-shop.com"),
    ]
    f = next(f for f in r.findings if f.rule == "AMZ-MSG-PHONE-NUMBER")
    assert f.template == "row 4 (Contact::Off platform)"


def test_csv_rows_channels_langs_and_quoted_cells():
    text = read("zendesk_macros.csv")
    docs = parse_documents(text, "zendesk_macros.csv", "message", "auto")
    assert len(docs) == 5
    assert [d.channel for d in docs] == ["message", "message", "message", "message", "review-reply"]
    assert [d.channel_source for d in docs] == ["field", "field", "default", "field", "field"]
    assert {d.lang for d in docs} == {"en"}
    quoted = docs[1]
    assert text[quoted.origin - 1] == '"' and '""surprise gift""' in text[quoted.origin:quoted.origin + len(quoted.text)]
    assert ' "surprise gift "' in quoted.text


def test_csv_column_choice_and_errors():
    text = "name;text;notes\nA;Hello buyer;x\nB;\"Multi\nline\";y\n"
    docs = parse_documents(text, "x.csv", "message", "auto")
    assert [d.text for d in docs] == ["Hello buyer", "Multi\nline"]
    assert [d.text for d in parse_documents(text, "x.csv", "message", "auto", column="3")] == ["x", "y"]
    with pytest.raises(InputError, match=r"^x.csv:1: no column 'body'"):
        parse_documents(text, "x.csv", "message", "auto", column="body")
    with pytest.raises(InputError, match=r"^y.csv:3: invalid CSV: unterminated quoted field"):
        parse_documents('body\nok\n"never closed\nmore\n', "y.csv", "message", "auto")


def test_csv_longest_column_is_chosen_without_a_known_header():
    text = "key,short,long words\nk1,a,This is the template text for the buyer.\n"
    docs = parse_documents(text, "x.csv", "message", "auto")
    assert [d.text for d in docs] == ["This is the template text for the buyer."]


# -- front matter and plain text --------------------------------------------------------------------
def test_front_matter_sets_channel_and_is_not_linted():
    text = "---\nchannel: insert-card\nsubject: Thanks\n---\nThank you for your order!\n"
    doc, = parse_documents(text, "card.md", "message", "auto")
    assert doc.channel == "insert-card" and doc.channel_source == "front-matter"
    assert text[doc.origin:].startswith("Thank you") and doc.text == text[doc.origin:]
    with pytest.raises(InputError, match=r"^bad.txt:2: channel 'sms'"):
        parse_documents("---\nchannel: sms\n---\nHi\n", "bad.txt", "message", "auto")


def test_front_matter_invalid_yaml_is_positioned():
    with pytest.raises(InputError, match=r"^bad.md:3: front matter"):
        parse_documents("---\nchannel: message\n  bad: [\n---\nHi\n", "bad.md", "message", "auto")


def test_a_horizontal_rule_is_not_front_matter():
    text = "---\nJust text, no closing rule.\n"
    doc, = parse_documents(text, "x.md", "message", "auto")
    assert doc.origin == 0 and doc.channel_source == "default"


def test_large_inputs_stay_linear():
    import time

    big_html = "<div><p>Hello &amp; welcome, {{name}}.</p><br></div>\n" * 20000      # ~1 MB
    big_csv = "id,body\n" + "".join(f'{i},"Thanks, ""buyer"" {i}.\nSee you."\n' for i in range(20000))
    big_yaml = "".join(f"- body: \"Line {i} with \\\"quotes\\\"\"\n" for i in range(20000))
    big_json = json.dumps([{"body": f"Line {i} caf\u00e9 \"q\""} for i in range(20000)], ensure_ascii=True)
    for name, text in (("a.html", big_html), ("a.csv", big_csv), ("a.yaml", big_yaml), ("a.json", big_json)):
        t0 = time.perf_counter()
        docs = parse_documents(text, name, "message", "auto")
        assert docs and time.perf_counter() - t0 < 10, name


# -- through the command line ---------------------------------------------------------------------
def _cli(*args, input=None):
    from click.testing import CliRunner

    from complint.cli import main

    return CliRunner().invoke(main, ["check", "--isolated", *map(str, args)], input=input)


@pytest.mark.parametrize("name, text, message", [
    ("bad.yaml", "a: [1,\nb: 2\n", "bad.yaml:3: invalid YAML"),
    ("bad.json", '{"a": "x",\n "b": }\n', "bad.json:2: invalid JSON"),
    ("bad.csv", 'body\n"never closed\n', "bad.csv:2: invalid CSV: unterminated quoted field"),
    ("bad.yml", "- body: hi\n  channel: fax\n", "bad.yml:2: channel 'fax' is not one of"),
])
def test_malformed_collections_are_one_line_and_exit_2(tmp_path, name, text, message):
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    res = _cli(p)
    assert res.exit_code == 2
    assert res.stderr.startswith(f"complint: error: {tmp_path / message}") and res.stderr.count("\n") == 1, res.stderr


def test_stdin_filename_picks_the_reader(tmp_path):
    html = '<p>Mail <a href="mailto:help@oak-shop.com">us</a>.</p>\n'
    res = _cli("--format", "json", "--select", "AMZ-MSG-EMAIL-ADDRESS", "--stdin-filename", "mail.html", "-",
               input=html)
    out = json.loads(res.stdout)
    f, = out["files"][0]["findings"]
    assert out["files"][0]["path"] == "mail.html" and (f["line"], f["column"], f["text"]) == (1, 25, "help@oak-shop.com")


def test_tool_configuration_files_are_never_linted(tmp_path):
    (tmp_path / ".pre-commit-config.yaml").write_text("repos:\n- repo: https://github.com/x/y\n", encoding="utf-8")
    (tmp_path / "package.json").write_text('{"homepage": "https://example-shop.com"}', encoding="utf-8")
    (tmp_path / "t.yaml").write_text("- body: Visit https://example-shop.com\n", encoding="utf-8")
    res = _cli("--format", "json", "--select", "AMZ-MSG-EXTERNAL-LINK", tmp_path,
               tmp_path / ".pre-commit-config.yaml", tmp_path / "package.json")
    out = json.loads(res.stdout)
    assert [Path(f["path"]).name for f in out["files"]] == ["t.yaml"]


def test_a_lang_field_without_a_lexicon_runs_the_universal_rules():
    docs = parse_documents("- body: Bel ons.\n  lang: nl-NL\n- body: Hi.\n  lang: en-GB\n", "x.yaml", "message", "auto")
    assert [(d.lang, d.lang_source) for d in docs] == [("xx", "field"), ("en", "field")]
