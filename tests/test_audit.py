"""`complint audit`: per-category counts equal `complint check` on the same texts; JSONL, CSV and
folder archives; --jobs; findings output; summary JSON; the HTML report renders in headless Chromium."""
from __future__ import annotations

import csv
import json
import os
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "benchmarks"))

from generate import generate_archive  # noqa: E402


def _run(*args, cwd=None, timeout=600):
    env = dict(os.environ, NO_COLOR="1")
    return subprocess.run([sys.executable, "-m", "complint", *map(str, args)], cwd=cwd, capture_output=True,
                          text=True, env=env, timeout=timeout)


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    root = tmp_path_factory.mktemp("audit")
    records = list(generate_archive(240, seed=5, templates=60))
    with open(root / "arch.jsonl", "w", encoding="utf-8") as fh:
        for r in records:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    with open(root / "arch.csv", "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["ticket", "created", "kind", "body", "tpl"])
        for r in records:
            w.writerow([r["id"], r["sent_at"], r["channel"], r["text"], r["template"]])
    # the same texts as one file each, grouped by channel, for `complint check`
    for r in records:
        folder = root / "files" / r["channel"]
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{r['id']}.txt").write_text(r["text"], encoding="utf-8")
    return root, records


def _summary(root: Path, *args, name="s.json"):
    out = root / name
    r = _run("audit", *args, "--lang", "en", "--summary-json", out, "--no-progress", cwd=root)
    assert r.returncode == 0, r.stderr
    return json.loads(out.read_text(encoding="utf-8")), r


def _check_counts(root: Path) -> Counter:
    counts = Counter()
    for channel in ("message", "review-reply", "insert-card"):
        folder = root / "files" / channel
        if not folder.is_dir():
            continue
        r = _run("check", "--no-cache", "--lang", "en", "--channel", channel, "--format", "json", folder, cwd=root)
        assert r.returncode in (0, 1), r.stderr
        for f in json.loads(r.stdout)["files"]:
            counts.update(x["category"] for x in f["findings"])
    return counts


def test_audit_counts_per_category_match_check(archive):
    root, records = archive
    summary, _ = _summary(root, "arch.jsonl")
    assert summary["messages"] == len(records)
    audit = Counter({c: n for c, n in summary["by_category"].items() if n})
    assert audit == _check_counts(root)
    assert sum(audit.values()) == summary["findings"] > 0


def test_csv_with_chosen_columns_and_jobs_give_the_same_summary(archive):
    root, _ = archive
    a, _ = _summary(root, "arch.jsonl", name="a.json")
    b, _ = _summary(root, "arch.csv", "--text-column", "body", "--channel-column", "kind", "--date-column", "created",
                    "--id-column", "ticket", "--template-column", "tpl", "--jobs", "2", name="b.json")
    for key in ("messages", "flagged_messages", "findings", "by_category", "by_rule", "by_month", "worst_templates"):
        assert a[key] == b[key], key
    assert [m["month"] for m in a["by_month"]][:2] == ["2025-01", "2025-02"]


def test_findings_output_jsonl_and_csv(archive):
    root, _ = archive
    summary, _ = _summary(root, "arch.jsonl", "-o", root / "f.jsonl", name="c.json")
    rows = [json.loads(line) for line in (root / "f.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(rows) == summary["findings"]
    assert {"id", "date", "channel", "template", "rule", "category", "severity", "start", "end", "text"} <= set(rows[0])
    _summary(root, "arch.jsonl", "-o", root / "f.csv", name="d.json")
    with open(root / "f.csv", encoding="utf-8", newline="") as fh:
        assert len(list(csv.DictReader(fh))) == summary["findings"]


def test_folder_archive(archive):
    root, records = archive
    summary, _ = _summary(root, root / "files" / "message", name="e.json")
    assert summary["messages"] == sum(1 for r in records if r["channel"] == "message")


def test_terminal_summary_and_bad_lines(tmp_path):
    arch = tmp_path / "a.jsonl"
    arch.write_text('{"id": 1, "text": "Leave a 5-star review and get a $10 gift card!", "sent_at": "2025-03-02"}\n'
                    "not json\n"
                    '{"id": 2, "body": "Thanks for your order."}\n', encoding="utf-8")
    r = _run("audit", arch, "--lang", "en", "--no-progress", cwd=tmp_path)
    assert r.returncode == 0
    assert "2 message(s)" in r.stdout and "review-incentive" in r.stdout and "2025-03" in r.stdout
    assert "1 record(s) skipped" in r.stderr


def test_progress_bar_only_when_asked(archive):
    root, _ = archive
    quiet = _run("audit", "arch.jsonl", "--lang", "en", "--limit", "20", cwd=root)       # stderr is a pipe here
    assert "msgs" not in quiet.stderr
    loud = _run("audit", "arch.jsonl", "--lang", "en", "--limit", "20", "--progress", cwd=root)
    assert "msgs" in loud.stderr and "%" in loud.stderr


def test_missing_archive_is_a_one_line_error(tmp_path):
    r = _run("audit", tmp_path / "nope.jsonl", cwd=tmp_path)
    assert r.returncode == 2 and r.stderr.count("\n") == 1 and "no such file" in r.stderr


def _chromium():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    return None


def test_html_report_is_self_contained_and_renders_in_headless_chromium(archive):
    root, _ = archive
    html_path = root / "report.html"
    _summary(root, "arch.jsonl", "--html", html_path, name="h.json")
    html = html_path.read_text(encoding="utf-8")
    assert "<script" not in html and "http://" not in html.replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert "https://" not in html
    for chart in ("chart-categories", "chart-months", "chart-rules"):
        assert f'id="{chart}"' in html
    browser = _chromium()
    if browser is None:
        pytest.skip("Chromium is not installed (Debian: apt-get install -y chromium); the static checks above passed")
    r = subprocess.run([browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                        "--dump-dom", html_path.as_uri()], capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr[-2000:]
    dom = r.stdout
    for chart in ("chart-categories", "chart-months", "chart-rules"):
        assert f'id="{chart}"' in dom
    assert dom.count('class="bar') >= 10          # bars were parsed as SVG elements
    assert 'id="table-templates"' in dom and "<svg" in dom
