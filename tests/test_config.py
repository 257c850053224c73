"""Configuration (.complint.yaml / [tool.complint]) and channel assignment.

Channel precedence: --channel > config `channels:` glob > front matter / collection field > message;
the JSON output says which channel was used and where it came from.
"""
from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from complint.cli import main
from complint.config import Config, discover, find_config, glob_match, load_config
from complint.errors import ConfigError

PHONE_TEXT = "For help call 503-555-0147 or 503-555-0199.\n"
LINK_TEXT = "Register your warranty at https://www.my-brand.com/warranty today.\n"


def check(*args, cwd: Path | None = None):
    res = CliRunner().invoke(main, ["check", *map(str, args)])
    return res


def check_json(*args):
    res = check("--format", "json", *args)
    assert res.exit_code in (0, 1), res.output
    return res.exit_code, json.loads(res.stdout)


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


@pytest.fixture()
def project(tmp_path):
    write(tmp_path / "templates" / "inserts" / "card.txt", "Thank you for your order!\n")
    write(tmp_path / "templates" / "messages" / "ship.txt", "Your order has shipped.\n")
    write(tmp_path / "templates" / "replies" / "r.txt", "---\nchannel: review-reply\n---\nThanks for the review.\n")
    return tmp_path


# -- discovery ---------------------------------------------------------------------------------
def test_config_found_by_walking_up_from_the_target(project):
    cfg = write(project / ".complint.yaml", "fail_on: error\n")
    assert find_config(str(project / "templates" / "inserts" / "card.txt")) == str(cfg)
    assert discover([str(project / "templates")]).fail_on == "error"


def test_pyproject_tool_complint_and_precedence(project):
    write(project / "pyproject.toml", '[project]\nname = "x"\n\n[tool.complint]\nfail-on = "info"\n')
    assert discover([str(project / "templates")]).fail_on == "info"
    write(project / ".complint.yaml", "fail_on: error\n")             # same folder: .complint.yaml wins
    assert discover([str(project / "templates")]).fail_on == "error"


def test_pyproject_without_tool_complint_is_passed_over(project):
    write(project / ".complint.yaml", "fail_on: error\n")
    write(project / "templates" / "pyproject.toml", '[project]\nname = "x"\n')
    assert discover([str(project / "templates" / "inserts")]).fail_on == "error"


def test_explicit_config_and_isolated(project, tmp_path_factory):
    other = write(tmp_path_factory.mktemp("elsewhere") / "team.yaml", "fail_on: info\n")
    write(project / ".complint.yaml", "fail_on: error\n")
    assert discover([str(project)], config_path=str(other)).fail_on == "info"
    assert discover([str(project)], isolated=True).fail_on is None
    res = check("--config", other, "--isolated", project)
    assert res.exit_code == 2 and "cannot be used together" in res.stderr
    res = check("--config", project / "nope.yaml", project)
    assert res.exit_code == 2 and res.stderr.startswith("complint: error: ") and "nope.yaml" in res.stderr


# -- channels ----------------------------------------------------------------------------------
def test_channel_precedence_cli_config_front_matter_default(project):
    write(project / ".complint.yaml", """\
        channels:
          "templates/inserts/**": insert-card
          "r.txt": message
    """)
    _, out = check_json(project / "templates")
    got = {Path(f["path"]).name: (f["channel"], f["channel_source"]) for f in out["files"]}
    assert got == {"card.txt": ("insert-card", "config"), "ship.txt": ("message", "default"),
                   "r.txt": ("message", "config")}                  # a config glob beats front matter
    _, out = check_json("--channel", "review-reply", project / "templates")
    assert {(f["channel"], f["channel_source"]) for f in out["files"]} == {("review-reply", "cli")}
    _, out = check_json("--isolated", project / "templates" / "replies")
    assert [(f["channel"], f["channel_source"]) for f in out["files"]] == [("review-reply", "front-matter")]


def test_config_glob_beats_a_collection_field(tmp_path):
    write(tmp_path / ".complint.yaml", 'channels: {"cards/*.yaml": insert-card}\n')
    write(tmp_path / "cards" / "c.yaml", "- body: Thanks for your order!\n  channel: message\n- body: Enjoy!\n")
    _, out = check_json(tmp_path / "cards")
    assert (out["files"][0]["channel"], out["files"][0]["channel_source"]) == ("insert-card", "config")


@pytest.mark.parametrize("glob, path, hit", [
    ("templates/inserts/**", "templates/inserts/a/b.txt", True),
    ("templates/inserts/**", "templates/other/b.txt", False),
    ("templates/inserts", "templates/inserts/b.txt", True),          # a folder covers its files
    ("*.j2", "deep/down/card.j2", True),                              # no slash: any depth
    ("cards/*.txt", "cards/sub/x.txt", False),                        # * stays in one folder
    ("**/replies/*.txt", "a/b/replies/x.txt", True),
    ("./inserts/*", "inserts/x.txt", True),
])
def test_globs(glob, path, hit):
    assert glob_match(glob, path) is hit


# -- rule selection, severities, per-file ignores --------------------------------------------------
def test_select_ignore_severity_and_fail_on_from_config(tmp_path):
    p = write(tmp_path / "m.txt", PHONE_TEXT)
    write(tmp_path / ".complint.yaml", """\
        select: [AMZ-MSG-PHONE-NUMBER, AMZ-MSG-EMAIL-ADDRESS]
        severity:
          contact-info: warning
          AMZ-MSG-PHONE-NUMBER: info
        fail_on: warning
    """)
    code, out = check_json(p)
    sevs = {(f["rule"], f["severity"]) for f in out["files"][0]["findings"]}
    assert sevs == {("AMZ-MSG-PHONE-NUMBER", "info")}                # the most specific override wins
    assert code == 0                                                 # info is below fail_on: warning
    code, _ = check_json("--fail-on", "info", p)                    # the CLI wins over the config
    assert code == 1


def test_severity_off_and_per_file_ignores(tmp_path):
    write(tmp_path / "legacy" / "old.txt", PHONE_TEXT)
    write(tmp_path / "new.txt", PHONE_TEXT)
    write(tmp_path / ".complint.yaml", """\
        select: [AMZ-MSG]
        severity: {AMZ-MSG-EMAIL-ADDRESS: "off"}
        per_file_ignores:
          "legacy/**": [contact-info]
    """)
    _, out = check_json(tmp_path)
    by = {Path(f["path"]).name: [x["rule"] for x in f["findings"]] for f in out["files"]}
    assert by["old.txt"] == [] and "AMZ-MSG-PHONE-NUMBER" in by["new.txt"]


def test_allow_domains_and_allow_phones(tmp_path):
    p = write(tmp_path / "m.txt", PHONE_TEXT + LINK_TEXT)
    code, out = check_json("--isolated", "--select", "AMZ-MSG-PHONE-NUMBER,AMZ-MSG-EXTERNAL-LINK", p)
    before = sorted(f["text"] for f in out["files"][0]["findings"])
    assert before == ["503-555-0147", "503-555-0199", "https://www.my-brand.com/warranty"]
    write(tmp_path / ".complint.yaml", """\
        select: [AMZ-MSG-PHONE-NUMBER, AMZ-MSG-EXTERNAL-LINK]
        allow_domains: [my-brand.com]
        allow_phones: ["+1 (503) 555-0199"]
    """)
    _, out = check_json(p)
    assert [f["text"] for f in out["files"][0]["findings"]] == ["503-555-0147"]


def test_extra_rule_folder_from_config_is_relative_to_it(tmp_path):
    write(tmp_path / "house" / "rules.yaml", """\
        rules:
          - id: HOUSE-NO-ZEBRA
            category: marketing
            severity: error
            channels: [message]
            kind: regex
            message: No zebras.
            match: {regex: "(?i)zebra"}
    """)
    write(tmp_path / ".complint.yaml", "rules: [house]\nselect: [HOUSE]\n")
    p = write(tmp_path / "t.txt", "A zebra in the box.\n")
    code, out = check_json(p)
    assert code == 1 and [f["rule"] for f in out["files"][0]["findings"]] == ["HOUSE-NO-ZEBRA"]


def test_lang_from_config(tmp_path):
    write(tmp_path / ".complint.yaml", "lang: en\n")
    p = write(tmp_path / "t.txt", "Your order has shipped.\n")
    _, out = check_json(p)
    assert out["files"][0]["lang"] == "en"


# -- errors are file:line ------------------------------------------------------------------------
@pytest.mark.parametrize("text, line, what", [
    ("fail_on: error\ncolour: red\n", 2, "unknown key 'colour'"),
    ("channels:\n  a/**: insert-card\n  b/**: sms\n", 3, "'sms' is not one of"),
    ("fail_on: fatal\n", 1, "fail_on must be one of"),
    ("severity:\n  AMZ-MSG-EMOJI: loud\n", 2, "'loud' is not one of"),
    ("severity:\n  AMZ-NO-SUCH: info\n", 2, "matches no rule"),
    ("select: [AMZ-MSG]\nignore: [AMZ-TYPO-RULE]\n", 2, "matches no rule"),
    ("rules: [missing-folder]\n", 1, "is not a folder"),
    ("allow_domains: [not a domain]\n", 1, "is not a domain"),
    ("allow_phones: ['12']\n", 1, "is not a phone number"),
    ("per_file_ignores:\n  x/**: 5\n", 2, "must be a list"),
    ("lang: klingon\n", 1, "lang must be one of"),
    ("select: [AMZ\n", 2, "invalid YAML"),
    ("- just\n- a list\n", 1, "must be a mapping"),
])
def test_bad_config_is_one_positioned_line_and_exit_2(tmp_path, text, line, what):
    cfg = write(tmp_path / ".complint.yaml", text)
    p = write(tmp_path / "t.txt", "Hello.\n")
    res = check(p)
    assert res.exit_code == 2, res.output
    assert res.stderr.startswith(f"complint: error: {cfg}:{line}: "), res.stderr
    assert what in res.stderr and res.stderr.count("\n") == 1


def test_bad_pyproject_lines(tmp_path):
    cfg = write(tmp_path / "pyproject.toml", '[project]\nname = "x"\n\n[tool.complint]\nselect = ["AMZ"]\nfail_on = "loud"\n')
    with pytest.raises(ConfigError) as exc:
        load_config(str(cfg))
    assert str(exc.value).startswith(f"{cfg}:6: fail_on must be one of")
    bad = write(tmp_path / "sub" / "pyproject.toml", '[tool.complint]\nselect = [\n')
    with pytest.raises(ConfigError, match=r"pyproject.toml:\d+: invalid TOML"):
        load_config(str(bad))
    nested = write(tmp_path / "n" / "pyproject.toml",
                   '[tool.complint]\nfail-on = "error"\n\n[tool.complint.channels]\n"cards/**" = "postcard"\n')
    with pytest.raises(ConfigError) as exc:
        load_config(str(nested))
    assert ":5: channels: 'cards/**': 'postcard'" in str(exc.value)


# -- rules / rule honour the config ----------------------------------------------------------------
def test_rules_and_rule_commands_honour_config(tmp_path, monkeypatch):
    write(tmp_path / ".complint.yaml", "select: [AMZ-MSG]\nignore: [AMZ-MSG-EMOJI]\nseverity: {AMZ-MSG-LENGTH: error}\n")
    monkeypatch.chdir(tmp_path)
    res = CliRunner().invoke(main, ["rules"])
    assert res.exit_code == 0
    ids = [ln.split()[0] for ln in res.stdout.splitlines()]
    assert ids and all(i.startswith("AMZ-MSG") for i in ids) and "AMZ-MSG-EMOJI" not in ids
    assert any(ln.startswith("AMZ-MSG-LENGTH") and " error* " in ln for ln in res.stdout.splitlines())
    res = CliRunner().invoke(main, ["rule", "AMZ-MSG-EMOJI"])
    assert res.exit_code == 0 and "not selected" in res.stdout and "Defined in:" in res.stdout
    res = CliRunner().invoke(main, ["rules", "--isolated"])
    assert "AMZ-REV-INCENTIVE" in res.stdout


def test_config_object_defaults():
    cfg = Config()
    assert cfg.channel_for("x.txt") is None and cfg.ignores_for("x.txt") == ()


def test_exclude_globs(tmp_path):
    write(tmp_path / "drafts" / "d.txt", PHONE_TEXT)
    write(tmp_path / "live" / "l.txt", PHONE_TEXT)
    write(tmp_path / ".complint.yaml", "exclude: [drafts/**]\nselect: [AMZ-MSG-PHONE-NUMBER]\n")
    _, out = check_json(tmp_path, tmp_path / "drafts" / "d.txt")
    assert [Path(f["path"]).name for f in out["files"]] == ["l.txt"]
