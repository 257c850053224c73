"""`complint check --format sarif`: a SARIF 2.1.0 log that validates against the official OASIS
schema (vendored in tests/data, see sarif-2.1.0.json.ORIGIN.md), with rules, levels, regions that
point at the real characters, fixes that rewrite the file correctly, and partialFingerprints that
survive re-runs and line shifts."""
from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import unquote, urlsplit

import jsonschema
import pytest
from click.testing import CliRunner

from complint.cli import main
from complint.model import FileResult, Finding, Suggestion
from complint.report.sarif import build_sarif, fingerprint

SCHEMA_PATH = Path(__file__).parent / "data" / "sarif-2.1.0.json"
EXAMPLES = Path(__file__).resolve().parent.parent / "examples"

RULES = """\
rules:
  - id: TEST-ERR-ZEBRA
    category: marketing
    severity: error
    channels: [message, review-reply, insert-card]
    kind: phrase
    message: Mentions a zebra.
    note: Zebras are not allowed in seller messages.
    policy: "T1 — the zebra policy"
    url: https://example.com/policy/zebra
    match:
      phrases: [zebra~]
    fix:
      strategy: replace
      template: horse
      description: Say horse.
      safe: true
  - id: TEST-WARN-GIRAFFE
    category: message-hygiene
    severity: warning
    channels: [message, review-reply]
    kind: phrase
    message: Mentions a giraffe.
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
  - id: TEST-NEVER-FIRES
    category: marketing
    severity: warning
    channels: [message]
    kind: phrase
    message: Mentions a unicorn.
    match:
      phrases: [unicorn~]
"""


@pytest.fixture(scope="module")
def validator():
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def assert_valid(validator, log: dict) -> None:
    errors = sorted(validator.iter_errors(log), key=lambda e: list(e.absolute_path))
    assert not errors, "\n".join(f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in errors[:10])


@pytest.fixture(scope="module")
def rules_dir(tmp_path_factory) -> Path:
    d = tmp_path_factory.mktemp("sarif_rules")
    (d / "test.yaml").write_text(RULES, encoding="utf-8")
    return d


@pytest.fixture()
def sarif(rules_dir):
    """sarif(*args) -> (exit code, parsed log) for `complint check --rules ... --select TEST --format sarif`."""
    def _run(*args, input=None):
        result = CliRunner().invoke(main, ["check", "--rules", str(rules_dir), "--select", "TEST",
                                           "--format", "sarif", *map(str, args)], input=input)
        assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
        return result.exit_code, json.loads(result.stdout)
    return _run


def results_of(log):
    return log["runs"][0]["results"]


# ------------------------------------------------------------------------------ the schema
def test_vendored_schema_is_the_official_one():
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    assert schema["$id"] == "https://raw.githubusercontent.com/oasis-tcs/sarif-spec/master/Schemata/sarif-schema-2.1.0.json"
    assert schema["title"] == "Static Analysis Results Format (SARIF) Version 2.1.0 JSON Schema"
    assert schema["properties"]["version"]["enum"] == ["2.1.0"]


def test_schema_rejects_a_broken_log(validator, sarif, tmp_path, monkeypatch):
    """The validation is not vacuous: a wrong level, a missing driver name, an extra key all fail."""
    monkeypatch.chdir(tmp_path)
    Path("a.txt").write_text("A zebra.\n", encoding="utf-8")
    _, log = sarif("a.txt")
    assert_valid(validator, log)
    for mutate in (lambda lg: results_of(lg)[0].__setitem__("level", "info"),
                   lambda lg: lg["runs"][0]["tool"]["driver"].pop("name"),
                   lambda lg: results_of(lg)[0]["locations"][0]["physicalLocation"]["region"].__setitem__("startLine", 0),
                   lambda lg: lg.__setitem__("extra", 1)):
        broken = json.loads(json.dumps(log))
        mutate(broken)
        assert list(validator.iter_errors(broken)), "schema accepted a broken log"


def test_bundled_pack_on_examples_validates(validator, tmp_path, monkeypatch):
    monkeypatch.chdir(EXAMPLES.parent)
    result = CliRunner().invoke(main, ["check", "--format", "sarif", "examples/"])
    assert result.exit_code == 1, result.stderr
    log = json.loads(result.stdout)
    assert_valid(validator, log)
    run = log["runs"][0]
    assert run["results"], "the violating examples produced no SARIF results"
    driver = run["tool"]["driver"]
    assert driver["name"] == "complint" and driver["version"]
    assert len(driver["rules"]) > 20                 # every rule that was run, not only those that fired
    ids = [r["id"] for r in driver["rules"]]
    assert len(ids) == len(set(ids))
    for res in run["results"]:
        assert driver["rules"][res["ruleIndex"]]["id"] == res["ruleId"]
        uri = res["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        assert uri.startswith("examples/") and "\\" not in uri


def test_clean_and_mixed_runs_validate(validator, sarif, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("clean.txt").write_text("Your parcel left our warehouse today.\n", encoding="utf-8")
    Path("sub dir").mkdir()
    Path("sub dir/m ü.md").write_text("# Hi\n\nA zebra, a giraffe and an okapi.\n", encoding="utf-8")
    code, log = sarif("clean.txt")
    assert code == 0
    assert_valid(validator, log)
    assert results_of(log) == []
    assert log["runs"][0]["artifacts"][0]["location"]["uri"] == "clean.txt"
    code, log = sarif("clean.txt", "sub dir")
    assert code == 1
    assert_valid(validator, log)
    assert [r["ruleId"] for r in results_of(log)] == ["TEST-ERR-ZEBRA", "TEST-WARN-GIRAFFE", "TEST-INFO-OKAPI"]


def test_stdin_and_unreadable_file_validate(validator, sarif, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("bin.txt").write_bytes(b"\x00\x01\x02zebra\xff\xfe")
    code, log = sarif("-", "bin.txt", input="A zebra.\n")
    assert code == 2
    assert_valid(validator, log)
    inv = log["runs"][0]["invocations"][0]
    assert inv["executionSuccessful"] is False
    assert any("bin.txt" in n["message"]["text"] for n in inv["toolExecutionNotifications"])
    res = results_of(log)[0]
    assert res["ruleId"] == "TEST-ERR-ZEBRA"
    assert res["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "stdin"


# ------------------------------------------------------------------------------ rules and levels
def test_rules_levels_and_metadata(sarif, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("a.txt").write_text("A zebra.\nA giraffe.\nAn okapi.\n", encoding="utf-8")
    _, log = sarif("a.txt")
    rules = {r["id"]: r for r in log["runs"][0]["tool"]["driver"]["rules"]}
    assert set(rules) == {"TEST-ERR-ZEBRA", "TEST-WARN-GIRAFFE", "TEST-INFO-OKAPI", "TEST-NEVER-FIRES"}
    zebra = rules["TEST-ERR-ZEBRA"]
    assert zebra["name"] == "TestErrZebra"
    assert zebra["shortDescription"]["text"] == "Mentions a zebra."
    assert zebra["fullDescription"]["text"] == "Zebras are not allowed in seller messages."
    assert zebra["helpUri"] == "https://example.com/policy/zebra"
    assert "T1 — the zebra policy" in zebra["help"]["text"]
    assert zebra["properties"]["category"] == "marketing"
    assert "marketing" in zebra["properties"]["tags"]
    assert zebra["defaultConfiguration"]["level"] == "error"
    assert rules["TEST-WARN-GIRAFFE"]["defaultConfiguration"]["level"] == "warning"
    assert rules["TEST-INFO-OKAPI"]["defaultConfiguration"]["level"] == "note"
    assert "helpUri" not in rules["TEST-WARN-GIRAFFE"]
    levels = {r["ruleId"]: r["level"] for r in results_of(log)}
    assert levels == {"TEST-ERR-ZEBRA": "error", "TEST-WARN-GIRAFFE": "warning", "TEST-INFO-OKAPI": "note"}
    for r in results_of(log):
        assert r["message"]["text"] == rules[r["ruleId"]]["shortDescription"]["text"]
        assert log["runs"][0]["tool"]["driver"]["rules"][r["ruleIndex"]]["id"] == r["ruleId"]


# ------------------------------------------------------------------------------ regions
def _check_region(content: str, region: dict) -> str:
    """The region's line/column and its charOffset/charLength must both select the snippet."""
    by_offset = content[region["charOffset"]:region["charOffset"] + region["charLength"]]
    lines = content.splitlines(keepends=True)
    start = sum(len(x) for x in lines[:region["startLine"] - 1]) + region["startColumn"] - 1
    end = sum(len(x) for x in lines[:region["endLine"] - 1]) + region["endColumn"] - 1
    assert content[start:end] == by_offset == region["snippet"]["text"]
    return by_offset


def test_regions_point_at_the_real_characters(sarif, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    content = ("Grüße 👋 from Köln!\n"
               "\n"
               "  The 🦓 emoji is not a zebra, but this Zebra is.\n"
               "A giraffe\tand an okapi.\n")
    Path("u.txt").write_text(content, encoding="utf-8")
    _, log = sarif("u.txt")
    assert log["runs"][0]["columnKind"] == "unicodeCodePoints"
    regions = {r["ruleId"]: r["locations"][0]["physicalLocation"]["region"] for r in results_of(log)}
    assert _check_region(content, regions["TEST-ERR-ZEBRA"]) == "Zebra"
    assert (regions["TEST-ERR-ZEBRA"]["startLine"], regions["TEST-ERR-ZEBRA"]["startColumn"]) == (3, 40)
    assert regions["TEST-ERR-ZEBRA"]["endColumn"] == 45
    assert _check_region(content, regions["TEST-WARN-GIRAFFE"]) == "giraffe"
    assert _check_region(content, regions["TEST-INFO-OKAPI"]) == "okapi"


def test_region_of_a_finding_across_lines():
    content = "Please leave\na review now.\n"
    f = Finding("X-Y", "marketing", "warning", "m", start=7, end=21, text=content[7:21],
                line=1, column=8, end_line=2, end_column=9)
    log = build_sarif([FileResult("x.txt", "message", "en", [f])])
    region = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]
    assert (region["startLine"], region["endLine"]) == (1, 2)
    assert _check_region(content, region) == "leave\na review"


# ------------------------------------------------------------------------------ fixes
def _apply(content: str, fix: dict) -> str:
    reps = [r for change in fix["artifactChanges"] for r in change["replacements"]]
    for rep in sorted(reps, key=lambda r: -r["deletedRegion"]["charOffset"]):
        off, length = rep["deletedRegion"]["charOffset"], rep["deletedRegion"]["charLength"]
        content = content[:off] + rep["insertedContent"]["text"] + content[off + length:]
    return content


def test_fixes_come_from_the_suggestions_and_apply_cleanly(sarif, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    content = "Ünïcode first. A zebra came by.\n"
    Path("f.txt").write_text(content, encoding="utf-8")
    _, log = sarif("f.txt")
    (res,) = results_of(log)
    (fix,) = res["fixes"]
    assert fix["description"]["text"] == "Say horse."
    assert fix["properties"]["safe"] is True
    assert fix["artifactChanges"][0]["artifactLocation"]["uri"] == "f.txt"
    assert _apply(content, fix) == "Ünïcode first. A horse came by.\n"


def test_findings_without_a_suggestion_have_no_fixes(sarif, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("g.txt").write_text("A giraffe.\n", encoding="utf-8")
    _, log = sarif("g.txt")
    assert "fixes" not in results_of(log)[0]


def test_removal_fix_has_empty_inserted_content():
    content = "Hi. Remove me. Bye.\n"
    f = Finding("X-Y", "marketing", "error", "m", start=4, end=14, text="Remove me.", line=1, column=5,
                end_line=1, end_column=15, suggestion=Suggestion("", 4, 15, "Drop it."))
    log = build_sarif([FileResult("x.txt", "message", "en", [f])])
    fix = log["runs"][0]["results"][0]["fixes"][0]
    assert fix["artifactChanges"][0]["replacements"][0]["insertedContent"] == {"text": ""}
    assert _apply(content, fix) == "Hi. Bye.\n"


# ------------------------------------------------------------------------------ fingerprints
def _fingerprints(log):
    return [(r["ruleId"], r["partialFingerprints"]["complintFinding/v1"]) for r in results_of(log)]


def test_fingerprints_are_stable_across_runs_and_line_shifts(sarif, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("t.txt").write_text("A zebra here.\nA giraffe there.\nAnother zebra here.\n", encoding="utf-8")
    _, first = sarif("t.txt")
    _, again = sarif("t.txt")
    assert _fingerprints(first) == _fingerprints(again)
    Path("t.txt").write_text("New greeting line.\n\n   A  zebra here.\nA giraffe there.\nAnother zebra here.\n",
                             encoding="utf-8")
    _, shifted = sarif("t.txt")
    assert _fingerprints(shifted) == _fingerprints(first)
    lines = [r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in results_of(shifted)]
    assert lines == [3, 4, 5]
    prints = [fp for _, fp in _fingerprints(first)]
    assert len(set(prints)) == 3, "two identical zebras in one file must still get distinct fingerprints"


def test_fingerprint_ignores_case_and_whitespace_but_not_rule_or_text():
    assert fingerprint("R-A", "Five  star\nreview", 0) == fingerprint("R-A", "five star review", 0)
    assert fingerprint("R-A", "five star review", 0) != fingerprint("R-B", "five star review", 0)
    assert fingerprint("R-A", "five star review", 0) != fingerprint("R-A", "five star reviews", 0)
    assert fingerprint("R-A", "five star review", 0) != fingerprint("R-A", "five star review", 1)


# ------------------------------------------------------------------------------ uris
def test_uris_are_relative_with_forward_slashes_and_encoded(sarif, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("tpl/de").mkdir(parents=True)
    Path("tpl/de/brief #1 ü.txt").write_text("Ein zebra.\n", encoding="utf-8")
    _, log = sarif("tpl/de/brief #1 ü.txt")
    loc = results_of(log)[0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert loc["uri"] == "tpl/de/brief%20%231%20%C3%BC.txt"
    assert unquote(loc["uri"]) == "tpl/de/brief #1 ü.txt"
    assert loc["uriBaseId"] == "%SRCROOT%"
    base = log["runs"][0]["originalUriBaseIds"]["%SRCROOT%"]["uri"]
    assert base.startswith("file://") and base.endswith("/")
    assert Path(unquote(urlsplit(base).path)).resolve() == tmp_path.resolve()


def test_file_outside_the_working_directory_gets_an_absolute_file_uri(sarif, tmp_path, monkeypatch):
    (tmp_path / "out").mkdir()
    (tmp_path / "cwd").mkdir()
    (tmp_path / "out" / "z.txt").write_text("A zebra.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path / "cwd")
    _, log = sarif(str(tmp_path / "out" / "z.txt"))
    loc = results_of(log)[0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert loc["uri"].startswith("file:///") and "uriBaseId" not in loc
    assert Path(unquote(urlsplit(loc["uri"]).path)) == (tmp_path / "out" / "z.txt").resolve()


def test_rules_known_only_from_findings_get_a_generic_description_when_messages_vary(validator):
    """complint's own checks (unused suppressions) have no rule object; their message names the finding."""
    def finding(msg, start):
        return Finding("COMPLINT-UNUSED-SUPPRESSION", "message-hygiene", "warning", msg, start=start, end=start + 3,
                       text="X-Y", line=1, column=start + 1, end_line=1, end_column=start + 4, note="Remove it.")
    log = build_sarif([FileResult("a.txt", "message", "en", [finding("No X-Y finding here.", 0),
                                                             finding("No A-B finding here.", 10)])])
    assert_valid(validator, log)
    (rule,) = log["runs"][0]["tool"]["driver"]["rules"]
    assert rule["shortDescription"]["text"] == "Unused suppression."
    assert rule["fullDescription"]["text"] == "Remove it."
    assert [r["message"]["text"] for r in results_of(log)] == ["No X-Y finding here.", "No A-B finding here."]
    single = build_sarif([FileResult("a.txt", "message", "en", [finding("No X-Y finding here.", 0)])])
    assert single["runs"][0]["tool"]["driver"]["rules"][0]["shortDescription"]["text"] == "No X-Y finding here."
