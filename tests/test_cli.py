"""The command-line contract (design.md §2): exit codes 0/1/2, one-line errors on stderr, the JSON
shape, positions, --fail-on, --select/--ignore, path handling and robustness against bad input.

Most tests add a tiny rule folder of their own (`--rules`) and `--select TEST` so that exit codes do
not depend on how the bundled rules are tuned; a few run the bundled pack end to end.
"""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

import complint
from complint.cli import main

REPO_SRC = str(Path(complint.__file__).resolve().parent.parent)   # run subprocesses on this same code

TEST_RULES = """\
rules:
  - id: TEST-ERR-ZEBRA
    category: marketing
    severity: error
    channels: [message, review-reply, insert-card]
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
"""

# Texts that the bundled pack judges; kept few and unambiguous.
CLEAN_TEXT = ("Hi Sam, the charger you asked about works with 110 V and 230 V, so it will work in Germany.\n"
              "The replacement filter fits the 2019 model; the part number is printed on the back of the unit.\n")
VIOLATING_TEXT = "Leave a 5-star review and get a $10 gift card!\n"

FILE_KEYS = {"path", "channel", "lang", "findings"}
FILE_OPTIONAL_KEYS = {"channel_source", "error"}
FINDING_KEYS = {"rule", "category", "severity", "message", "line", "column", "end_line", "end_column",
                "start", "end", "text", "suggestion"}
FINDING_OPTIONAL_KEYS = {"note", "policy"}
SUGGESTION_KEYS = {"replacement", "start", "end", "description"}
SUGGESTION_OPTIONAL_KEYS = {"safe"}
SUMMARY_KEYS = {"files", "findings", "error", "warning", "info"}


@pytest.fixture(scope="session")
def rules_dir(tmp_path_factory) -> Path:
    d = tmp_path_factory.mktemp("test_rules")
    (d / "test.yaml").write_text(TEST_RULES, encoding="utf-8")
    return d


@pytest.fixture()
def run():
    """run(*args, input=None) -> click Result with separate .stdout and .stderr."""
    runner = CliRunner()

    def _run(*args, input=None):
        return runner.invoke(main, [str(a) for a in args], input=input, catch_exceptions=True)

    return _run


@pytest.fixture()
def check(run, rules_dir):
    """check(*args) runs `complint check --rules <test rules> --select TEST ...`."""
    def _check(*args, input=None):
        return run("check", "--rules", rules_dir, "--select", "TEST", *args, input=input)

    return _check


def write(tmp_path: Path, name: str, content, binary=False) -> Path:
    p = tmp_path / name
    p.parent.mkdir(parents=True, exist_ok=True)
    if binary:
        p.write_bytes(content)
    else:
        p.write_text(content, encoding="utf-8")
    return p


def assert_one_error_line(result_or_stderr, *needles):
    """The error contract: exactly one stderr line, `complint: error: ...`, no traceback."""
    stderr = result_or_stderr if isinstance(result_or_stderr, str) else result_or_stderr.stderr
    if not isinstance(result_or_stderr, str):
        exc = result_or_stderr.exception
        assert exc is None or isinstance(exc, SystemExit), f"uncaught {exc!r}"
    assert "Traceback" not in stderr
    lines = stderr.splitlines()
    assert len(lines) == 1, f"expected one stderr line, got {lines!r}"
    assert lines[0].startswith("complint: error: "), lines[0]
    for n in needles:
        assert n in lines[0], f"{n!r} not in {lines[0]!r}"
    return lines[0]


def json_out(result) -> dict:
    return json.loads(result.stdout)


def rules_of(data: dict) -> list[str]:
    return [f["rule"] for entry in data["files"] for f in entry["findings"]]


def subprocess_run(args, input: bytes | None = None, timeout: float = 60, cwd=None):
    env = dict(os.environ, PYTHONPATH=REPO_SRC + os.pathsep + os.environ.get("PYTHONPATH", ""), NO_COLOR="1")
    return subprocess.run([sys.executable, "-m", "complint", *map(str, args)], input=input,
                          capture_output=True, timeout=timeout, env=env, cwd=cwd)


# --------------------------------------------------------------------------------- exit codes
def test_clean_file_exits_0(run, tmp_path):
    p = write(tmp_path, "reply.txt", CLEAN_TEXT)
    r = run("check", p)
    assert r.exit_code == 0, r.stdout + r.stderr
    assert r.stderr == ""
    assert "No findings in 1 file(s)." in r.stdout


def test_violation_exits_1_with_bundled_rules(run, tmp_path):
    p = write(tmp_path, "request.txt", VIOLATING_TEXT)
    r = run("check", "--format", "json", p)
    assert r.exit_code == 1, r.stdout + r.stderr
    data = json_out(r)
    cats = {f["category"] for f in data["files"][0]["findings"]}
    assert "review-incentive" in cats
    assert "AMZ-REV-INCENTIVE" in rules_of(data)


def test_text_report_names_file_line_column_and_rule(check, tmp_path):
    p = write(tmp_path, "a.txt", "Hello.\nWe saw a zebra today.\n")
    r = check(p)
    assert r.exit_code == 1
    assert f"{p}:2:10: error TEST-ERR-ZEBRA [marketing] Mentions a zebra." in r.stdout
    assert 'found: "zebra"' in r.stdout
    assert '→ suggested: "horse"' in r.stdout
    assert "1 finding(s) in 1 file(s): 1 error, 0 warning, 0 info" in r.stdout


def test_missing_path_exits_2(run, tmp_path):
    missing = tmp_path / "nope.txt"
    r = run("check", missing)
    assert r.exit_code == 2
    assert_one_error_line(r, str(missing), "no such file")
    assert r.stdout == ""


def test_missing_path_among_good_ones_exits_2(run, tmp_path):
    good = write(tmp_path, "ok.txt", CLEAN_TEXT)
    r = run("check", good, tmp_path / "nope.txt")
    assert r.exit_code == 2
    assert_one_error_line(r, "nope.txt")


@pytest.mark.parametrize("args,needle", [
    (["check", "--channel", "sms", "x.txt"], "--channel"),
    (["check", "--fail-on", "sometimes", "x.txt"], "--fail-on"),
    (["check", "--format", "xml", "x.txt"], "--format"),
    (["check"], "PATHS"),
    (["frobnicate"], "frobnicate"),
])
def test_usage_errors_exit_2_with_one_line(run, args, needle):
    r = run(*args)
    assert r.exit_code == 2
    assert_one_error_line(r, needle)


def test_unknown_rule_id_exits_2(run):
    r = run("rule", "NO-SUCH-RULE")
    assert r.exit_code == 2
    assert_one_error_line(r, "NO-SUCH-RULE")


# ------------------------------------------------------------------------- malformed rule packs
RULE_HEAD = """\
rules:
  - id: T-BROKEN
    category: marketing
    severity: error
    channels: [message]
"""
MALFORMED = {
    # name: (yaml text, expected line, words the message must contain)
    "unknown-key": (RULE_HEAD + "    kind: phrase\n    message: Test.\n    colour: red\n    match:\n      phrases: [buy now]\n",
                    8, ["unknown key", "colour"]),
    "bad-regex": (RULE_HEAD + "    kind: regex\n    message: Test.\n    match:\n      regex: '(unclosed'\n",
                  9, ["bad regex", "(unclosed"]),
    "unknown-category": (RULE_HEAD.replace("marketing", "spam") + "    kind: phrase\n    message: Test.\n    match:\n      phrases: [buy now]\n",
                         3, ["unknown category", "spam"]),
    "unknown-concept": (RULE_HEAD + "    kind: relation\n    message: Test.\n    match:\n      all: [REVIEW, NO_SUCH_CONCEPT]\n",
                        2, ["unknown concept", "NO_SUCH_CONCEPT"]),
    "yaml-syntax": (RULE_HEAD.replace("    channels", "      channels") + "    kind: phrase\n",
                    5, ["invalid YAML"]),
    "unbounded-op": (RULE_HEAD + "    kind: pattern\n    message: Test.\n    match:\n      patterns:\n"
                     "        - [{LOWER: buy}, {OP: '*'}, {LOWER: now}]\n",
                     10, ["'*'", "unbounded"]),
}


@pytest.mark.parametrize("case", sorted(MALFORMED))
def test_malformed_rules_exit_2_with_positioned_line(run, tmp_path, case):
    text, line, words = MALFORMED[case]
    folder = tmp_path / "rules"
    rule_file = write(folder, "broken.yaml", text)
    target = write(tmp_path, "msg.txt", CLEAN_TEXT)
    r = run("check", "--rules", folder, target)
    assert r.exit_code == 2, r.stdout + r.stderr
    msg = assert_one_error_line(r, *words)
    m = re.match(r"complint: error: (.+?):(\d+): ", msg)
    assert m, f"no file:line in {msg!r}"
    assert m.group(1) == str(rule_file)
    assert int(m.group(2)) == line, msg
    assert r.stdout == ""


def test_malformed_rules_subprocess_no_traceback(tmp_path):
    text, line, _ = MALFORMED["unbounded-op"]
    folder = tmp_path / "rules"
    write(folder, "broken.yaml", text)
    target = write(tmp_path, "msg.txt", CLEAN_TEXT)
    p = subprocess_run(["check", "--rules", folder, target])
    assert p.returncode == 2
    assert_one_error_line(p.stderr.decode(), f"broken.yaml:{line}:")
    assert p.stdout == b""


BAD_LEXICON = "lang: de\nconcepts:\n  HOUSE_WORDS:\n    regex:\n      - '(unclosed'\n"


def test_bad_lexicon_regex_is_reported_where_its_language_is_used(run, tmp_path):
    """Lexicon regexes compile with their language (a start-up cost only for languages linted):
    `complint rules` checks every language, a check reports the language it lints."""
    folder = tmp_path / "rules"
    lexicon = write(folder, "lexicons/de.yaml", BAD_LEXICON)
    target = write(tmp_path, "msg.txt", CLEAN_TEXT)
    for args in (["rules"], ["check", "--no-cache", "--lang", "de", target]):
        r = run(*args, "--rules", folder)
        assert r.exit_code == 2, r.stdout + r.stderr
        assert_one_error_line(r, f"{lexicon}:4: bad regex", "(unclosed")
    assert run("check", "--no-cache", "--lang", "en", "--rules", folder, target).exit_code == 0


def test_rules_folder_that_does_not_exist(run, tmp_path):
    r = run("check", "--rules", tmp_path / "missing", write(tmp_path, "m.txt", CLEAN_TEXT))
    assert r.exit_code == 2
    assert_one_error_line(r, "missing")


def test_catastrophic_regex_ends_quickly_with_exit_2(tmp_path):
    folder = tmp_path / "rules"
    write(folder, "slow.yaml", RULE_HEAD.replace("T-BROKEN", "T-SLOW") +
          "    kind: regex\n    message: Backtracks.\n    match:\n      regex: '(a|aa)+$'\n")
    target = write(tmp_path, "aaa.txt", "a" * 5000 + "b\n")
    t0 = time.monotonic()
    p = subprocess_run(["check", "--rules", folder, "--select", "T-SLOW", target], timeout=60)
    elapsed = time.monotonic() - t0
    assert p.returncode == 2, p.stderr.decode()
    assert_one_error_line(p.stderr.decode(), "slow.yaml", "timed out")
    assert elapsed < 15, f"took {elapsed:.1f}s"


# ------------------------------------------------------------------------------------ stdin
def test_stdin_violation(check):
    r = check("--format", "json", "-", input="Look, a zebra!\n")
    assert r.exit_code == 1
    data = json_out(r)
    assert data["files"][0]["path"] == "<stdin>"
    assert rules_of(data) == ["TEST-ERR-ZEBRA"]
    assert data["files"][0]["findings"][0]["start"] == 8


def test_stdin_clean(check):
    r = check("-", input="Nothing to see here.\n")
    assert r.exit_code == 0
    assert "No findings in 1 file(s)." in r.stdout


def test_stdin_subprocess():
    p = subprocess_run(["check", "--format", "json", "-"], input=VIOLATING_TEXT.encode())
    assert p.returncode == 1, p.stderr.decode()
    data = json.loads(p.stdout)
    assert data["files"][0]["path"] == "<stdin>"
    assert "AMZ-REV-INCENTIVE" in rules_of(data)
    p = subprocess_run(["check", "-"], input=CLEAN_TEXT.encode())
    assert p.returncode == 0, p.stdout.decode() + p.stderr.decode()


# ------------------------------------------------------------------------------- JSON shape
def test_json_shape_matches_contract(run, tmp_path):
    clean = write(tmp_path, "templates/return_reply.txt", CLEAN_TEXT)
    bad = write(tmp_path, "templates/review_request.txt", "Hi {{buyer_name}},\n\n" + VIOLATING_TEXT)
    r = run("check", "--format", "json", clean, bad)
    assert r.exit_code == 1
    data = json_out(r)
    assert set(data) == {"complint", "files", "summary"}
    assert data["complint"] == complint.__version__
    assert [f["path"] for f in data["files"]] == [str(clean), str(bad)]   # every file, in order
    for entry in data["files"]:
        assert FILE_KEYS <= set(entry) <= FILE_KEYS | FILE_OPTIONAL_KEYS, set(entry)
        assert entry["channel"] == "message"
        assert entry["lang"] == "en"
        assert isinstance(entry["findings"], list)
    assert data["files"][0]["findings"] == []
    findings = data["files"][1]["findings"]
    assert findings
    source = bad.read_text(encoding="utf-8")
    for f in findings:
        assert FINDING_KEYS <= set(f) <= FINDING_KEYS | FINDING_OPTIONAL_KEYS, set(f)
        assert f["severity"] in ("error", "warning", "info")
        for k in ("line", "column", "end_line", "end_column", "start", "end"):
            assert isinstance(f[k], int)
        assert source[f["start"]:f["end"]] == f["text"]
        if f["suggestion"] is not None:
            s = f["suggestion"]
            assert SUGGESTION_KEYS <= set(s) <= SUGGESTION_KEYS | SUGGESTION_OPTIONAL_KEYS, set(s)
            assert isinstance(s["replacement"], str)
            assert 0 <= s["start"] <= s["end"] <= len(source)
    s = data["summary"]
    assert set(s) == SUMMARY_KEYS
    assert s["files"] == 2
    assert s["findings"] == len(findings)
    assert s["error"] + s["warning"] + s["info"] == s["findings"]
    assert s["error"] == sum(f["severity"] == "error" for f in findings)


def test_json_positions_point_at_the_real_text(check, tmp_path):
    # multi-byte characters, CRLF-free multi-line text: columns count code points, 1-based,
    # end_column exclusive; start/end are 0-based code-point offsets into the file.
    text = "Grüße aus Köln 👋\nCafé — a zebra, and a giraffe.\n\nOkapi!\n"
    p = write(tmp_path, "u.txt", text)
    r = check("--format", "json", "--fail-on", "info", p)
    assert r.exit_code == 1
    findings = {f["rule"]: f for f in json_out(r)["files"][0]["findings"]}
    assert set(findings) == {"TEST-ERR-ZEBRA", "TEST-WARN-GIRAFFE", "TEST-INFO-OKAPI"}
    source = p.read_text(encoding="utf-8")
    lines = source.split("\n")
    for f in findings.values():
        assert source[f["start"]:f["end"]] == f["text"]
        assert lines[f["line"] - 1][f["column"] - 1:f["end_column"] - 1] == f["text"]
        assert f["line"] == f["end_line"]
    z = findings["TEST-ERR-ZEBRA"]
    assert (z["text"], z["line"], z["column"], z["end_column"]) == ("zebra", 2, 10, 15)
    assert z["start"] == text.index("zebra")
    assert z["suggestion"]["replacement"] == "horse"
    assert (z["suggestion"]["start"], z["suggestion"]["end"]) == (z["start"], z["end"])
    o = findings["TEST-INFO-OKAPI"]
    assert (o["text"], o["line"], o["column"]) == ("Okapi", 4, 1)


def test_json_lists_clean_and_unreadable_files(check, tmp_path):
    good = write(tmp_path, "good.txt", "fine\n")
    binary = write(tmp_path, "bad.txt", b"\x00\x01\x02binary", binary=True)
    r = check("--format", "json", good, binary)
    assert r.exit_code == 2
    data = json_out(r)
    assert [f["path"] for f in data["files"]] == [str(good), str(binary)]
    assert all(f["findings"] == [] for f in data["files"])
    assert "error" not in data["files"][0]
    assert "binary" in data["files"][1]["error"]


# ---------------------------------------------------------------------------------- --fail-on
@pytest.mark.parametrize("text,fail_on,code", [
    ("a giraffe", "warning", 1),      # default threshold is warning
    ("a giraffe", "error", 0),
    ("a giraffe", "info", 1),
    ("a zebra", "error", 1),
    ("an okapi", "warning", 0),
    ("an okapi", "error", 0),
    ("an okapi", "info", 1),
])
def test_fail_on_threshold(check, tmp_path, text, fail_on, code):
    p = write(tmp_path, "m.txt", text + "\n")
    r = check("--fail-on", fail_on, p)
    assert r.exit_code == code, r.stdout
    # what is shown does not depend on --fail-on
    assert "1 finding(s) in 1 file(s)" in r.stdout


def test_fail_on_default_is_warning(check, tmp_path):
    assert check(write(tmp_path, "w.txt", "a giraffe\n")).exit_code == 1
    assert check(write(tmp_path, "i.txt", "an okapi\n")).exit_code == 0


# ------------------------------------------------------------------------- --select / --ignore
TEXT_ALL = "A zebra, a giraffe and an okapi.\n"


def selected_rules(run, rules_dir, tmp_path, *args) -> set[str]:
    p = write(tmp_path, "all.txt", TEXT_ALL)
    r = run("check", "--rules", rules_dir, "--format", "json", "--fail-on", "info", *args, p)
    assert r.exit_code in (0, 1), r.stderr
    return {x for x in rules_of(json_out(r)) if x.startswith("TEST-")}


@pytest.mark.parametrize("args,expected", [
    (["--select", "TEST"], {"TEST-ERR-ZEBRA", "TEST-WARN-GIRAFFE", "TEST-INFO-OKAPI"}),
    (["--select", "TEST-WARN"], {"TEST-WARN-GIRAFFE"}),
    (["--select", "TEST-ERR-ZEBRA,TEST-INFO"], {"TEST-ERR-ZEBRA", "TEST-INFO-OKAPI"}),
    (["--select", "TEST-ERR-ZEBRA", "--select", "TEST-INFO"], {"TEST-ERR-ZEBRA", "TEST-INFO-OKAPI"}),
    (["--select", "TEST", "--ignore", "TEST-ERR"], {"TEST-WARN-GIRAFFE", "TEST-INFO-OKAPI"}),
    (["--select", "message-hygiene"], {"TEST-WARN-GIRAFFE", "TEST-INFO-OKAPI"}),
    (["--select", "TEST", "--ignore", "message-hygiene"], {"TEST-ERR-ZEBRA"}),
    (["--ignore", "TEST"], set()),
    (["--select", "TEST-ERR-ZEBRA", "--ignore", "TEST-ERR-ZEBRA"], set()),   # ignore wins
])
def test_select_and_ignore(run, rules_dir, tmp_path, args, expected):
    assert selected_rules(run, rules_dir, tmp_path, *args) == expected


def test_select_by_category_only_reports_that_category(run, tmp_path):
    p = write(tmp_path, "m.txt", VIOLATING_TEXT)
    r = run("check", "--format", "json", "--select", "review-incentive", p)
    assert r.exit_code == 1
    findings = json_out(r)["files"][0]["findings"]
    assert findings and {f["category"] for f in findings} == {"review-incentive"}
    r = run("check", "--format", "json", "--ignore", "review-incentive", "--select", "AMZ-REV-INCENTIVE", p)
    assert json_out(r)["files"][0]["findings"] == []


def test_channel_option(check, tmp_path):
    p = write(tmp_path, "m.txt", "A zebra and an okapi.\n")
    r = check("--format", "json", "--fail-on", "info", "--channel", "review-reply", p)
    data = json_out(r)
    assert data["files"][0]["channel"] == "review-reply"
    assert rules_of(data) == ["TEST-ERR-ZEBRA"]     # the okapi rule only runs on messages


# ------------------------------------------------------------------------------ paths & input
def test_directory_walking(check, tmp_path):
    root = tmp_path / "tpl"
    write(root, "b_reply.txt", "A zebra.\n")
    write(root, "a_note.md", "Nothing here.\n")
    write(root, "sub/card.tmpl", "A giraffe.\n")
    write(root, "sub/ignored.pdf", "A zebra.\n")              # not a lintable extension
    write(root, ".hidden/secret.txt", "A zebra.\n")           # hidden folders are skipped
    write(root, "node_modules/pkg/readme.md", "A zebra.\n")   # vendored folders are skipped
    r = check("--format", "json", root)
    assert r.exit_code == 1
    data = json_out(r)
    paths = [Path(f["path"]).relative_to(root).as_posix() for f in data["files"]]
    assert paths == ["a_note.md", "b_reply.txt", "sub/card.tmpl"]
    assert data["summary"]["files"] == 3
    assert sorted(rules_of(data)) == ["TEST-ERR-ZEBRA", "TEST-WARN-GIRAFFE"]


def test_empty_file_exits_0_with_warning(check, tmp_path):
    p = write(tmp_path, "empty.txt", "")
    r = check("--format", "json", p)
    assert r.exit_code == 0
    lines = r.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("complint: warning:") and "empty" in lines[0]
    files = json_out(r)["files"]
    assert [(f["path"], f["findings"]) for f in files] == [(str(p), [])]


def test_binary_file_exits_2(check, tmp_path):
    p = write(tmp_path, "image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", binary=True)
    r = check(p)
    assert r.exit_code == 2
    assert_one_error_line(r, str(p), "binary")


def test_invalid_utf8_exits_2(check, tmp_path):
    p = write(tmp_path, "latin1.txt", "Caf\xe9 au lait\n".encode("latin-1"), binary=True)
    r = check(p)
    assert r.exit_code == 2
    assert_one_error_line(r, str(p), "UTF-8", "offset 3")


def test_utf8_bom_and_crlf_are_fine(check, tmp_path):
    p = write(tmp_path, "win.txt", "\ufeffHello\r\nA zebra.\r\n".encode("utf-8"), binary=True)
    r = check("--format", "json", p)
    assert r.exit_code == 1
    f = json_out(r)["files"][0]["findings"][0]
    assert (f["line"], f["column"], f["text"]) == (2, 3, "zebra")


def test_50mb_file_is_refused_fast(tmp_path):
    p = tmp_path / "huge.txt"
    line = b"We shipped your order today and it should arrive on Friday.\n"
    with open(p, "wb") as fh:
        fh.write(line * (50 * 1024 * 1024 // len(line) + 1))
    t0 = time.monotonic()
    proc = subprocess_run(["check", p], timeout=60)
    elapsed = time.monotonic() - t0
    assert proc.returncode == 2
    assert_one_error_line(proc.stderr.decode(), str(p), "MB", "--max-file-size")
    assert elapsed < 10, f"took {elapsed:.1f}s"


def test_max_file_size_applies_to_stdin(check):
    r = check("--max-file-size", "1", "-", input="a" * (1024 * 1024 + 10))
    assert r.exit_code == 2
    assert_one_error_line(r, "<stdin>", "--max-file-size")


# ---------------------------------------------------------------------------- other commands
def test_rules_lists_every_rule(run, pack):
    r = run("rules")
    assert r.exit_code == 0
    lines = r.stdout.splitlines()
    assert len(lines) == len(pack.rules)
    first = pack.rules[0]
    assert lines[0].split()[:3] == [first.id, first.severity, first.category]


def test_rule_explains_one_rule(run, pack):
    rule = next(r for r in pack.rules if r.fix and r.examples.get("flag"))
    r = run("rule", rule.id.lower())
    assert r.exit_code == 0
    assert r.stdout.startswith(f"{rule.id}  [{rule.category}]  {rule.severity}")
    assert rule.message in r.stdout
    assert "flag: " in r.stdout


def test_eval_on_a_small_corpus(run, tmp_path):
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text(
        json.dumps({"id": "a", "channel": "message", "lang": "en", "text": VIOLATING_TEXT,
                    "labels": ["review-incentive", "positive-review-request"]}) + "\n"
        + json.dumps({"id": "b", "channel": "message", "lang": "en", "text": CLEAN_TEXT, "labels": []}) + "\n",
        encoding="utf-8")
    r = run("eval", "--format", "json", corpus)
    assert r.exit_code == 0, r.stderr
    d = json.loads(r.stdout)
    assert d["items"] == 2 and d["clean_items"] == 1
    assert d["categories"]["review-incentive"]["tp"] == 1


def test_eval_rejects_bad_corpus_line(run, tmp_path):
    corpus = tmp_path / "bad.jsonl"
    corpus.write_text('{"id": "x", "text": "hi", "labels": ["not-a-category"]}\n', encoding="utf-8")
    r = run("eval", corpus)
    assert r.exit_code == 2
    assert_one_error_line(r, f"{corpus}:1:", "not-a-category")


def test_version(run):
    r = run("--version")
    assert r.exit_code == 0
    assert complint.__version__ in r.stdout


def test_module_entry_point_help():
    p = subprocess_run(["check", "--help"])
    assert p.returncode == 0
    out = p.stdout.decode()
    for opt in ("--channel", "--lang", "--format", "--select", "--ignore", "--fail-on", "--rules"):
        assert opt in out


def test_design_example_is_reported_as_documented(run, tmp_path):
    """design.md §2: the review-request example yields AMZ-REV-INCENTIVE on line 3."""
    text = textwrap.dedent("""\
        Hi {{buyer_name}},
        Thanks for your order of the French press.
        Leave a 5-star review and get a $10 gift card for your next order.
        """)
    p = write(tmp_path, "templates/review_request.txt", text)
    r = run("check", "--format", "json", p)
    assert r.exit_code == 1
    hits = [f for f in json_out(r)["files"][0]["findings"] if f["rule"] == "AMZ-REV-INCENTIVE"]
    assert hits, r.stdout
    f = hits[0]
    assert f["line"] == 3 and f["severity"] == "error" and f["category"] == "review-incentive"
    assert text[f["start"]:f["end"]] == f["text"]
