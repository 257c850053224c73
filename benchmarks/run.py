"""complint benchmarks: throughput against the tokenizer-only ceiling, --jobs scaling, start-up,
warm cache, memory, and (optionally) an archive audit.

    python benchmarks/run.py                      # everything but the big audit (a few minutes)
    python benchmarks/run.py --count 5000 --quick # a smaller, faster run
    python benchmarks/run.py --audit 1000000      # also audit a generated 1,000,000-message JSONL

All texts come from benchmarks/generate.py with a fixed seed. Throughput is measured in this
process: the tokenizer-only ceiling (spaCy blank "en" `make_doc` over the same texts) and the full
English pack (`Engine.lint`, the same call `complint check` makes per document) are timed
back to back, several rounds each, best round kept (the machines are shared and noisy).
Whole-process numbers (cold start, warm cache, --jobs, audit) run `complint` as a subprocess.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import generate, generate_archive  # noqa: E402


def machine() -> dict:
    cpu = "unknown"
    try:
        for line in open("/proc/cpuinfo", encoding="utf-8"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    import spacy

    from complint import __version__
    return {"nproc": os.cpu_count(), "cpu": cpu, "python": platform.python_version(), "spacy": spacy.__version__,
            "complint": __version__, "date": time.strftime("%Y-%m-%d %H:%M %Z"), "platform": platform.platform()}


def _best(fn, rounds: int) -> float:
    best = float("inf")
    for _ in range(rounds):
        t = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t)
    return best


def throughput(count: int, rounds: int) -> dict:
    from complint.engine import Engine
    from complint.model import Document
    from complint.policy.loader import load_pack
    from complint.source.placeholders import placeholder_spans

    records = list(generate(count, 42))
    texts = [r["text"] for r in records]
    words = sum(len(t.split()) for t in texts)
    engine = Engine(load_pack())
    nlp = engine.pack.lexicon("en").nlp
    docs = [Document(text=r["text"], channel=r["channel"], lang="en", source_text=r["text"],
                     masked=placeholder_spans(r["text"])) for r in records]
    for d in docs[:500]:                       # warm: lexicon automaton, caches
        engine.lint(d)
    for t in texts[:500]:
        nlp.make_doc(t)
    make_doc, lint_one = nlp.make_doc, engine.lint

    def tokenize_all():
        for t in texts:
            make_doc(t)

    def lint_all():
        for d in docs:
            lint_one(d)

    tok, lint = [], []
    for _ in range(rounds):                    # interleaved, so both see the same machine load
        tok.append(_best(tokenize_all, 1))
        lint.append(_best(lint_all, 1))
    t_tok, t_lint = min(tok), min(lint)
    findings = sum(len(engine.lint(d)) for d in docs)
    return {"messages": count, "words": words, "avg_words": round(words / count, 1), "findings": findings,
            "ceiling_msgs_s": round(count / t_tok), "ceiling_words_s": round(words / t_tok),
            "msgs_s": round(count / t_lint), "words_s": round(words / t_lint),
            "ratio_to_ceiling": round(t_tok / t_lint, 3), "rounds": rounds,
            "median_msgs_s": round(count / statistics.median(lint)),
            "median_ceiling_msgs_s": round(count / statistics.median(tok))}


def _complint(*args, cwd=None, env=None):
    return [sys.executable, "-m", "complint", *map(str, args)]


def _timed(cmd, cwd=None, env=None) -> tuple[float, subprocess.CompletedProcess]:
    t = time.perf_counter()
    p = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True)
    return time.perf_counter() - t, p


def cold_start(workdir: Path, runs: int) -> dict:
    one = workdir / "one.txt"
    one.write_text(next(iter(generate(1, 7)))["text"], encoding="utf-8")
    times = [_timed(_complint("check", "--no-cache", one))[0] for _ in range(runs)]
    return {"runs": runs, "median_s": round(statistics.median(times), 3), "min_s": round(min(times), 3)}


def warm_cache(workdir: Path, files: int, runs: int) -> dict:
    folder = workdir / "templates"
    folder.mkdir(exist_ok=True)
    for r in generate(files, 11):
        (folder / f"{r['id']}.txt").write_text(r["text"], encoding="utf-8")
    cold, p = _timed(_complint("check", "templates"), cwd=workdir)
    probe = ("import sys\nfrom complint.cli import main\ntry:\n    main(['check','templates'])\n"
             "except SystemExit:\n    pass\nsys.stderr.write('SPACY=%s' % ('spacy' in sys.modules))\n")
    times, spacy_imported = [], None
    for _ in range(runs):
        t, q = _timed([sys.executable, "-c", probe], cwd=workdir)
        times.append(t)
        spacy_imported = "SPACY=True" in q.stderr
    return {"files": files, "cold_s": round(cold, 2), "warm_median_s": round(statistics.median(times), 3),
            "warm_min_s": round(min(times), 3), "warm_imports_spacy": spacy_imported}


def jobs_scaling(workdir: Path, files: int, jobs_list) -> dict:
    folder = workdir / "many"
    folder.mkdir(exist_ok=True)
    for r in generate(files, 13):
        (folder / f"{r['id']}.txt").write_text(r["text"], encoding="utf-8")
    out = {}
    base = None
    for j in jobs_list:
        t, p = _timed(_complint("check", "--no-cache", "--jobs", j, "--format", "json", "many"), cwd=workdir)
        n = len(json.loads(p.stdout)["files"])
        out[j] = {"seconds": round(t, 2), "files_s": round(n / t)}
        base = base or t
        out[j]["speedup"] = round(base / t, 2)
    return {"files": files, "by_jobs": out}


def _tree_memory(pid: int) -> tuple[int, int]:
    """(summed PSS of the process and its descendants, largest single RSS), in KiB."""
    pids, stack = [], [pid]
    while stack:
        p = stack.pop()
        pids.append(p)
        try:
            with open(f"/proc/{p}/task/{p}/children") as fh:
                stack.extend(int(c) for c in fh.read().split())
        except OSError:
            pass
    pss = rss = 0
    for p in pids:
        try:
            with open(f"/proc/{p}/smaps_rollup") as fh:
                for line in fh:
                    if line.startswith("Pss:"):
                        pss += int(line.split()[1])
                    elif line.startswith("Rss:"):
                        rss = max(rss, int(line.split()[1]))
        except OSError:
            pass
    return pss, rss


def audit(workdir: Path, count: int, jobs: int, path: str | None = None) -> dict:
    arch = Path(path) if path else workdir / f"archive-{count}.jsonl"
    if not arch.exists():
        with open(arch, "w", encoding="utf-8") as fh:
            for r in generate_archive(count, 7):
                fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    summary = workdir / "audit-summary.json"
    cmd = _complint("audit", arch, "--lang", "en", "--jobs", jobs, "--no-progress", "--summary-json", summary,
                    "--html", workdir / "audit.html", "-o", workdir / "audit-findings.jsonl")
    peak = {"pss": 0, "rss": 0}
    t = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)

    def sample():
        while proc.poll() is None:
            pss, rss = _tree_memory(proc.pid)
            peak["pss"], peak["rss"] = max(peak["pss"], pss), max(peak["rss"], rss)
            time.sleep(0.5)

    th = threading.Thread(target=sample, daemon=True)
    th.start()
    _, err = proc.communicate()
    elapsed = time.perf_counter() - t
    th.join()
    data = json.loads(summary.read_text(encoding="utf-8"))
    return {"messages": data["messages"], "bytes": arch.stat().st_size, "jobs": jobs, "wall_s": round(elapsed, 1),
            "msgs_s": round(data["messages"] / elapsed), "findings": data["findings"],
            "peak_tree_pss_mib": round(peak["pss"] / 1024), "peak_process_rss_mib": round(peak["rss"] / 1024),
            "returncode": proc.returncode, "stderr_tail": err[-300:]}


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--count", type=int, default=20000, help="messages for the throughput runs")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--quick", action="store_true", help="fewer files and runs for the process-level numbers")
    ap.add_argument("--jobs", default="1,2", help="--jobs values to compare (comma-separated)")
    ap.add_argument("--audit", type=int, default=0, help="also audit a generated archive of this many messages")
    ap.add_argument("--audit-file", default=None, help="use this existing JSONL archive for --audit")
    ap.add_argument("--audit-jobs", type=int, default=0, help="--jobs for the audit (0: one per CPU)")
    ap.add_argument("--json", default=None, help="also write all numbers to this JSON file")
    args = ap.parse_args(argv)

    results = {"machine": machine()}
    print(f"machine: {results['machine']}")
    tp = throughput(args.count, args.rounds)
    results["throughput"] = tp
    print(f"tokenizer-only ceiling: {tp['ceiling_msgs_s']:,} msgs/s, {tp['ceiling_words_s']:,} words/s "
          f"({tp['messages']:,} msgs, {tp['avg_words']} words avg)")
    print(f"complint full English pack, one process: {tp['msgs_s']:,} msgs/s, {tp['words_s']:,} words/s "
          f"= {tp['ratio_to_ceiling'] * 100:.1f}% of the ceiling (best of {tp['rounds']} rounds; medians "
          f"{tp['median_msgs_s']:,} vs {tp['median_ceiling_msgs_s']:,})")
    ru = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    results["peak_rss_mib_in_process"] = round(ru / 1024)
    print(f"peak memory of this process (engine + lexicon + {args.count:,} texts): {ru / 1024:.0f} MiB")

    work = Path(tempfile.mkdtemp(prefix="complint-bench-"))
    try:
        cs = cold_start(work, 3 if args.quick else 7)
        results["cold_start_one_file"] = cs
        print(f"cold start, one file (whole process, --no-cache): median {cs['median_s']} s over {cs['runs']} runs")
        wc = warm_cache(work, 500, 3 if args.quick else 7)
        results["warm_cache_500"] = wc
        print(f"warm cache, 500 unchanged templates (whole process): median {wc['warm_median_s']} s "
              f"(cold {wc['cold_s']} s); spaCy imported: {wc['warm_imports_spacy']}")
        jobs = [int(j) for j in args.jobs.split(",")]
        js = jobs_scaling(work, 1000 if args.quick else 4000, jobs)
        results["jobs_scaling"] = js
        startup = cs["median_s"]
        for j, row in js["by_jobs"].items():
            row["speedup_after_startup"] = round((js["by_jobs"][jobs[0]]["seconds"] - startup) / max(row["seconds"] - startup, 1e-9), 2)
            print(f"check --jobs {j}: {js['files']:,} files in {row['seconds']} s ({row['files_s']:,} files/s, x{row['speedup']}; "
                  f"x{row['speedup_after_startup']} once the {startup} s start-up is taken off)")
        child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        results["peak_rss_mib_largest_check_process"] = round(child / 1024)
        print(f"peak memory of the largest `complint check` process above: {child / 1024:.0f} MiB")
        if args.audit:
            from complint.parallel import available_jobs

            au = audit(work, args.audit, available_jobs(args.audit_jobs), args.audit_file)
            results["audit"] = au
            print(f"audit of {au['messages']:,} messages ({au['bytes'] / 1e6:.0f} MB JSONL), --jobs {au['jobs']}: "
                  f"{au['wall_s']} s ({au['msgs_s']:,} msgs/s), peak memory {au['peak_tree_pss_mib']} MiB PSS summed "
                  f"over all processes, largest process {au['peak_process_rss_mib']} MiB RSS")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    if args.json:
        with open(args.json, "w", encoding="utf-8") as fh:
            json.dump(results, fh, indent=2)


if __name__ == "__main__":
    main()
