"""The check result cache (complint/cache.py) and `check --jobs`: same reports as an uncached serial
run, no spaCy import when everything is cached, invalidation on content, rules, config and options."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "benchmarks"))

from generate import generate  # noqa: E402


def _templates(folder: Path, n: int, seed: int = 3) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for rec in generate(n, seed):
        (folder / f"{rec['id']}.txt").write_text(rec["text"], encoding="utf-8")
    return folder


def _check(*args, cwd: Path, env_extra=None):
    env = dict(os.environ, NO_COLOR="1")
    env.pop("COMPLINT_CACHE_DIR", None)
    env.update(env_extra or {})
    return subprocess.run([sys.executable, "-m", "complint", "check", *map(str, args)], cwd=cwd,
                          capture_output=True, text=True, env=env, timeout=300)


@pytest.fixture(scope="module")
def tree(tmp_path_factory):
    root = tmp_path_factory.mktemp("cache")
    _templates(root / "tpl", 60)
    return root


def test_cached_run_reports_exactly_what_an_uncached_run_reports(tree):
    plain = _check("--no-cache", "--format", "json", "tpl", cwd=tree)
    first = _check("--format", "json", "tpl", cwd=tree)
    second = _check("--format", "json", "tpl", cwd=tree)
    assert plain.returncode == first.returncode == second.returncode == 1
    assert plain.stdout == first.stdout == second.stdout
    assert (tree / ".complint_cache" / ".gitignore").exists()
    assert (tree / ".complint_cache" / "CACHEDIR.TAG").exists()


def test_jobs_give_the_same_report_as_one_process(tree):
    one = _check("--no-cache", "--format", "json", "tpl", cwd=tree)
    two = _check("--no-cache", "--jobs", "2", "--format", "json", "tpl", cwd=tree)
    assert one.returncode == two.returncode
    assert one.stdout == two.stdout


def test_warm_run_does_not_import_spacy_and_is_fast(tmp_path):
    _templates(tmp_path / "tpl", 500, seed=11)
    probe = textwrap.dedent("""
        import sys, time
        t = time.perf_counter()
        from complint.cli import main
        try:
            main(["check", "tpl"])
        except SystemExit as exc:
            code = exc.code
        sys.stderr.write("RESULT %s %s %.3f\\n" % (code, "spacy" in sys.modules, time.perf_counter() - t))
    """)
    cold = subprocess.run([sys.executable, "-c", probe], cwd=tmp_path, capture_output=True, text=True, timeout=600)
    assert "RESULT 1 True" in cold.stderr, cold.stderr[-2000:]
    times = []
    for _ in range(3):
        t0 = time.perf_counter()
        warm = subprocess.run([sys.executable, "-c", probe], cwd=tmp_path, capture_output=True, text=True, timeout=120)
        times.append(time.perf_counter() - t0)
        assert "RESULT 1 False" in warm.stderr, warm.stderr[-2000:]      # exit 1 (findings), spaCy never imported
        assert warm.stdout == cold.stdout
    # whole process, interpreter start-up included; the target is 0.3 s, a loaded CI box gets slack
    assert min(times) < 1.0, times


def test_changed_file_is_linted_again(tree, tmp_path):
    root = tmp_path
    f = root / "a.txt"
    f.write_text("We have issued a full refund to your original payment method. There is no need to send the item back.\n", encoding="utf-8")
    assert _check("a.txt", cwd=root).returncode == 0
    f.write_text("Leave a 5-star review and get a $10 gift card!\n", encoding="utf-8")
    r = _check("a.txt", cwd=root)
    assert r.returncode == 1 and "AMZ-REV" in r.stdout


def test_options_rules_and_config_are_part_of_the_key(tmp_path):
    root = tmp_path
    (root / "a.txt").write_text("Leave a 5-star review and get a $10 gift card!\n", encoding="utf-8")
    assert _check("a.txt", cwd=root).returncode == 1
    assert _check("--ignore", "review-incentive,positive-review-request", "a.txt", cwd=root).stdout \
        != _check("a.txt", cwd=root).stdout
    (root / ".complint.yaml").write_text("ignore: [AMZ]\n", encoding="utf-8")
    assert _check("a.txt", cwd=root).returncode == 0          # a new config is a new key, not a stale hit
    os.remove(root / ".complint.yaml")
    rules = root / "extra"
    (rules / "lexicons").mkdir(parents=True)
    (rules / "zebra.yaml").write_text(textwrap.dedent("""
        rules:
          - id: TEST-ZEBRA
            category: marketing
            severity: error
            channels: [message]
            kind: phrase
            message: No zebras.
            match:
              phrases: [zebra]
    """), encoding="utf-8")
    (root / "b.txt").write_text("Look, a zebra!\n", encoding="utf-8")
    assert "TEST-ZEBRA" in _check("--rules", rules, "b.txt", cwd=root).stdout
    (rules / "zebra.yaml").write_text((rules / "zebra.yaml").read_text().replace("zebra]", "giraffe]"), encoding="utf-8")
    assert "TEST-ZEBRA" not in _check("--rules", rules, "b.txt", cwd=root).stdout   # rule pack edited


def test_cache_dir_option_and_environment(tmp_path):
    (tmp_path / "a.txt").write_text("Hello.\n", encoding="utf-8")
    _check("--cache-dir", "elsewhere", "a.txt", cwd=tmp_path)
    assert (tmp_path / "elsewhere").is_dir() and not (tmp_path / ".complint_cache").exists()
    _check("a.txt", cwd=tmp_path, env_extra={"COMPLINT_CACHE_DIR": str(tmp_path / "env-cache")})
    assert (tmp_path / "env-cache").is_dir()


def test_no_cache_writes_nothing(tmp_path):
    (tmp_path / "a.txt").write_text("Hello.\n", encoding="utf-8")
    _check("--no-cache", "a.txt", cwd=tmp_path)
    assert not (tmp_path / ".complint_cache").exists()


def test_a_corrupt_cache_file_is_ignored(tmp_path):
    (tmp_path / "a.txt").write_text("Leave a 5-star review and get a $10 gift card!\n", encoding="utf-8")
    first = _check("a.txt", cwd=tmp_path)
    for p in (tmp_path / ".complint_cache").rglob("*.json"):
        p.write_text("{not json", encoding="utf-8")
    again = _check("a.txt", cwd=tmp_path)
    assert again.returncode == first.returncode == 1 and again.stdout == first.stdout


def test_result_round_trip():
    from complint.cache import result_from_dict, result_to_dict
    from complint.model import FileResult, Finding, Suggestion

    f = Finding("R-1", "marketing", "error", "m", 1, 5, "text", 1, 2, 1, 6, "n", "p",
                Suggestion("x", 1, 5, "d", True), template="t[0]", channel="message", channel_source="field")
    r = FileResult("a.txt", "message", "en", [f], "cli")
    back = result_from_dict(json.loads(json.dumps(result_to_dict(r))))
    assert back == r
