"""`complint check --format github`: one GitHub Actions workflow command per finding, escaped as the
Actions toolkit does (`@actions/core` command.ts: escapeData / escapeProperty)."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from complint.cli import main
from complint.model import FileResult, Finding, Suggestion
from complint.report.github import command, escape_data, escape_property, render_github

RULES = """\
rules:
  - id: TEST-ERR-ZEBRA
    category: marketing
    severity: error
    channels: [message]
    kind: phrase
    message: Mentions a zebra.
    match:
      phrases: [zebra~]
    fix:
      strategy: replace
      template: horse
      description: Say horse.
  - id: TEST-WARN-GIRAFFE
    category: message-hygiene
    severity: warning
    channels: [message]
    kind: phrase
    message: "Mentions a giraffe: 100% wrong, really."
    match:
      phrases: [giraffe~]
  - id: TEST-INFO-OKAPI
    category: message-hygiene
    severity: info
    channels: [message]
    kind: phrase
    message: Mentions an okapi.
    match:
      phrases: [okapi~]
"""

LINE_RE = re.compile(r"^::(?P<kind>error|warning|notice)(?: (?P<props>[^:]*))?::(?P<data>.*)$")


def unescape(value: str) -> str:
    return value.replace("%0D", "\r").replace("%0A", "\n").replace("%3A", ":").replace("%2C", ",").replace("%25", "%")


def parse(line: str) -> tuple[str, dict, str]:
    """Split a workflow command the way the runner does: properties end at the first `::`,
    each property at `,`, a key at the first `=`."""
    m = LINE_RE.match(line)
    assert m, f"not a workflow command: {line!r}"
    props = {}
    for part in filter(None, (m["props"] or "").split(",")):
        key, _, value = part.partition("=")
        props[key] = unescape(value)
    return m["kind"], props, unescape(m["data"])


@pytest.fixture(scope="module")
def rules_dir(tmp_path_factory) -> Path:
    d = tmp_path_factory.mktemp("github_rules")
    (d / "test.yaml").write_text(RULES, encoding="utf-8")
    return d


@pytest.fixture()
def github(rules_dir):
    def _run(*args, input=None):
        result = CliRunner().invoke(main, ["check", "--rules", str(rules_dir), "--select", "TEST",
                                           "--format", "github", *map(str, args)], input=input)
        assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
        return result.exit_code, result.stdout.splitlines()
    return _run


def test_escaping_matches_the_actions_toolkit():
    assert escape_data("100% done\r\nnext") == "100%25 done%0D%0Anext"
    assert escape_data("a:b,c") == "a:b,c"                 # only properties escape : and ,
    assert escape_property("dir:x,y/100%\n") == "dir%3Ax%2Cy/100%25%0A"
    assert escape_data("%0A") == "%250A"                   # an already-escaped-looking text stays literal
    assert command("notice", "hi") == "::notice::hi"
    assert command("error", "m", file="a.txt", line=3, col=None, title="") == "::error file=a.txt,line=3::m"


def test_one_command_per_finding_with_positions_and_levels(github, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("templates").mkdir()
    Path("templates/a.txt").write_text("Hello.\nA zebra and a giraffe.\n  An okapi!\n", encoding="utf-8")
    code, lines = github("templates/a.txt")
    assert code == 1
    commands = [parse(x) for x in lines if x.startswith("::")]
    assert [c[0] for c in commands] == ["error", "warning", "notice"]
    kind, props, data = commands[0]
    assert props == {"file": "templates/a.txt", "line": "2", "col": "3", "endLine": "2", "endColumn": "8",
                     "title": "TEST-ERR-ZEBRA"}
    assert data.startswith("Mentions a zebra. [marketing]")
    assert 'Found: "zebra"' in data and 'Suggested: "horse"' in data
    _, props, data = commands[1]
    assert props["title"] == "TEST-WARN-GIRAFFE" and (props["line"], props["col"]) == ("2", "15")
    assert data.startswith("Mentions a giraffe: 100% wrong, really.")
    _, props, _ = commands[2]
    assert (props["line"], props["col"], props["endColumn"]) == ("3", "6", "11")
    assert lines[-1].startswith("complint: 3 finding(s) in 1 file(s)")


def test_raw_output_has_escaped_newlines_and_percent(github, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("g.txt").write_text("A giraffe.\n", encoding="utf-8")
    _, lines = github("g.txt")
    (raw,) = [x for x in lines if x.startswith("::")]
    assert "100%25 wrong" in raw and "%0AFound: " in raw
    assert "\n" not in raw and "\r" not in raw


def test_path_with_comma_and_colon_is_escaped_in_the_property(github, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    name = "odd, name: 100%.txt"
    Path(name).write_text("A zebra.\n", encoding="utf-8")
    _, lines = github(name)
    raw = next(x for x in lines if x.startswith("::error"))
    assert "file=odd%2C name%3A 100%25.txt," in raw
    _, props, _ = parse(raw)
    assert props["file"] == name and props["title"] == "TEST-ERR-ZEBRA"


def test_stdin_has_no_file_property_and_clean_input_has_no_commands(github):
    code, lines = github("-", input="A zebra.\n")
    _, props, _ = parse(lines[0])
    assert code == 1 and "file" not in props and props["line"] == "1"
    code, lines = github("-", input="Your parcel is on its way.\n")
    assert code == 0 and not [x for x in lines if x.startswith("::")]


def test_unreadable_file_is_an_error_annotation(github, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("bin.txt").write_bytes(b"\x00\x01\xffzebra")
    code, lines = github("bin.txt")
    assert code == 2
    kind, props, data = parse(lines[0])
    assert kind == "error" and props["file"] == "bin.txt" and "could not check" in data


def test_renderer_on_multiline_snippet_and_removal_suggestion():
    f = Finding("R-X", "marketing", "warning", "Line\r\nbreak", start=0, end=10, text="one\ntwo  three",
                line=1, column=1, end_line=2, end_column=4, suggestion=Suggestion("", 0, 10, ""))
    out = render_github([FileResult("a.txt", "message", "en", [f])])
    first = out.splitlines()[0]
    kind, props, data = parse(first)
    assert kind == "warning" and props["endLine"] == "2"
    assert data == 'Line\r\nbreak [marketing]\nFound: "one two three"\nSuggested: remove this sentence'
