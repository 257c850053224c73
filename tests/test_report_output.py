"""Where the report goes and how it looks: `--output-file` (atomic), `--statistics` (counts per rule
and category instead of findings), and colours (`--color`, `NO_COLOR`, `FORCE_COLOR`)."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

import complint
from complint.cli import main
from complint.report import write_report
from complint.report.text import use_color

REPO_SRC = str(Path(complint.__file__).resolve().parent.parent)
ESC = "\x1b["

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

TEXT = "A zebra, a zebra and a giraffe.\nAnother zebra. An okapi.\n"


@pytest.fixture(scope="module")
def rules_dir(tmp_path_factory) -> Path:
    d = tmp_path_factory.mktemp("output_rules")
    (d / "test.yaml").write_text(RULES, encoding="utf-8")
    return d


@pytest.fixture()
def check(rules_dir, monkeypatch):
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("FORCE_COLOR", raising=False)

    def _run(*args, input=None, env=None):
        result = CliRunner().invoke(main, ["check", "--rules", str(rules_dir), "--select", "TEST", *map(str, args)],
                                    input=input, env=env, color=False)
        assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
        return result
    return _run


@pytest.fixture()
def sample(tmp_path, monkeypatch) -> str:
    monkeypatch.chdir(tmp_path)
    Path("t.txt").write_text(TEXT, encoding="utf-8")
    return "t.txt"


# ------------------------------------------------------------------------------ --output-file
@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "github"])
def test_output_file_holds_what_stdout_would(check, sample, fmt):
    to_stdout = check("--format", fmt, sample)
    to_file = check("--format", fmt, "--output-file", "reports/out/complint.report", sample)
    assert to_file.exit_code == to_stdout.exit_code == 1
    assert to_file.stdout == ""
    assert Path("reports/out/complint.report").read_text(encoding="utf-8") == to_stdout.stdout
    assert os.listdir("reports/out") == ["complint.report"], "temporary file left behind"


def test_output_file_replaces_an_existing_report_and_keeps_its_mode(check, sample):
    Path("r.json").write_text("old report that is much longer than the new one " * 1000, encoding="utf-8")
    os.chmod("r.json", 0o640)
    check("--format", "json", "-o", "r.json", sample)
    data = json.loads(Path("r.json").read_text(encoding="utf-8"))
    assert data["summary"]["findings"] == 5
    assert os.stat("r.json").st_mode & 0o777 == 0o640


def test_output_file_dash_is_stdout(check, sample):
    result = check("--format", "json", "--output-file", "-", sample)
    assert json.loads(result.stdout)["summary"]["findings"] == 5


def test_unwritable_output_file_exits_2_with_one_line(check, sample):
    Path("a_dir").mkdir()
    Path("blocker").write_text("", encoding="utf-8")
    result = check("--output-file", "blocker/sub/out.txt", sample)
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("complint: error: cannot write report to blocker/sub/out.txt")


def test_write_report_leaves_old_file_intact_when_writing_fails(tmp_path, monkeypatch):
    target = tmp_path / "r.txt"
    target.write_text("old", encoding="utf-8")

    def boom(*_):
        raise OSError(28, "No space left on device")
    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(OSError):
        write_report("new", str(target))
    assert target.read_text(encoding="utf-8") == "old"
    assert os.listdir(tmp_path) == ["r.txt"]


# ------------------------------------------------------------------------------ --statistics
def test_statistics_text_counts_per_rule_and_category(check, sample):
    result = check("--statistics", sample)
    assert result.exit_code == 1
    out = result.stdout
    assert "found:" not in out and "t.txt:" not in out
    rows = [line.split() for line in out.splitlines()]
    assert rows[0][:4] == ["3", "TEST-ERR-ZEBRA", "error", "[marketing]"]
    assert rows[1][:4] == ["1", "TEST-INFO-OKAPI", "info", "[message-hygiene]"]
    assert rows[2][:4] == ["1", "TEST-WARN-GIRAFFE", "warning", "[message-hygiene]"]
    cat = out.split("by category:\n", 1)[1].splitlines()
    assert [c.split() for c in cat[:2]] == [["3", "marketing"], ["2", "message-hygiene"]]
    assert out.rstrip().endswith("5 finding(s) in 1 file(s): 3 error, 1 warning, 1 info")


def test_statistics_json(check, sample):
    data = json.loads(check("--statistics", "--format", "json", sample).stdout)
    assert data["rules"][0] == {"rule": "TEST-ERR-ZEBRA", "count": 3, "severity": "error", "category": "marketing",
                                "message": "Mentions a zebra.", "fixable": 3}
    assert data["categories"] == [{"category": "marketing", "count": 3}, {"category": "message-hygiene", "count": 2}]
    assert data["summary"]["findings"] == 5


def test_statistics_of_a_clean_file_and_exit_codes(check, sample):
    Path("clean.txt").write_text("Your parcel is on its way.\n", encoding="utf-8")
    result = check("--statistics", "clean.txt")
    assert result.exit_code == 0 and result.stdout == "No findings in 1 file(s).\n"
    assert check("--statistics", "--fail-on", "error", "--ignore", "TEST-ERR", sample).exit_code == 0


@pytest.mark.parametrize("fmt", ["sarif", "github"])
def test_statistics_with_sarif_or_github_is_a_usage_error(check, sample, fmt):
    result = check("--statistics", "--format", fmt, sample)
    assert result.exit_code == 2
    assert result.stderr.startswith("complint: error: --statistics works with --format text or json")


# ------------------------------------------------------------------------------ colours
class _Tty:
    def isatty(self):
        return True


class _Pipe:
    def isatty(self):
        return False


@pytest.mark.parametrize("mode, env, stream, expected", [
    ("auto", {}, _Pipe(), False),
    ("auto", {}, _Tty(), True),
    ("auto", {"TERM": "dumb"}, _Tty(), False),
    ("auto", {"NO_COLOR": "1"}, _Tty(), False),
    ("auto", {"NO_COLOR": ""}, _Tty(), True),             # no-color.org: only a non-empty value counts
    ("auto", {"FORCE_COLOR": "1"}, _Pipe(), True),
    ("auto", {"FORCE_COLOR": "0"}, _Pipe(), False),
    ("auto", {"FORCE_COLOR": ""}, _Pipe(), False),
    ("auto", {"FORCE_COLOR": "1", "NO_COLOR": "1"}, _Tty(), False),
    ("never", {"FORCE_COLOR": "1"}, _Tty(), False),
    ("always", {"NO_COLOR": "1"}, _Pipe(), True),
    ("always", {}, None, True),
])
def test_use_color(mode, env, stream, expected):
    assert use_color(mode, stream, env=env) is expected


def test_text_colours_follow_env_and_flag(check, sample):
    assert ESC not in check(sample).stdout                                   # not a terminal
    assert ESC in check(sample, env={"FORCE_COLOR": "1"}).stdout
    assert ESC not in check(sample, env={"FORCE_COLOR": "1", "NO_COLOR": "1"}).stdout
    assert ESC not in check("--color", "never", sample, env={"FORCE_COLOR": "1"}).stdout
    coloured = check("--color", "always", sample, env={"NO_COLOR": "1"}).stdout
    assert f"{ESC}31merror{ESC}0m" in coloured
    plain = check("--color", "never", sample).stdout
    import re
    assert re.sub(r"\x1b\[[0-9;]*m", "", coloured) == plain
    assert ESC not in check("--statistics", sample).stdout
    assert ESC in check("--statistics", "--color", "always", sample).stdout


def test_machine_formats_and_files_never_get_colours(check, sample):
    for fmt in ("json", "sarif", "github"):
        assert ESC not in check("--format", fmt, "--color", "always", sample).stdout
    check("-o", "plain.txt", sample, env={"FORCE_COLOR": "1"})
    assert ESC not in Path("plain.txt").read_text(encoding="utf-8")
    check("-o", "asked.txt", "--color", "always", sample)
    assert ESC in Path("asked.txt").read_text(encoding="utf-8")


def test_colours_reach_a_real_pipe_with_force_color(rules_dir, sample):
    """click strips ANSI codes off non-terminals unless told otherwise; FORCE_COLOR must win."""
    env = dict(os.environ, PYTHONPATH=REPO_SRC + os.pathsep + os.environ.get("PYTHONPATH", ""), FORCE_COLOR="1")
    env.pop("NO_COLOR", None)
    proc = subprocess.run([sys.executable, "-m", "complint", "check", "--rules", str(rules_dir), "--select", "TEST",
                           sample], capture_output=True, text=True, env=env, timeout=120)
    assert proc.returncode == 1 and ESC in proc.stdout
