"""`complint audit ARCHIVE`: lint a whole archive of sent messages (a year of helpdesk exports) and
summarise what put the account at risk.

The archive is streamed -- JSONL, CSV/TSV or a folder of text files -- so memory stays flat
whatever its size: records are read one at a time, linted in batches (in `--jobs` forked workers),
written out as findings (`--output`, JSONL or CSV) and folded into fixed-size counters (per
category, rule, severity, month, channel, and the templates with the most findings). The summary
goes to the terminal and, with `--html`, to a self-contained report with charts (inline SVG/CSS,
nothing fetched from the network).
"""
from __future__ import annotations

import csv
import io
import json
import os
import sys
import time

import click

from ..errors import ComplintError, InputError
from ..model import CHANNELS, SEVERITY_RANK
from .common import LANG_CHOICES, _die, _split, common_rule_options

_ENGINE = None
_LANG = "auto"
_DEFAULT_CHANNEL = "message"
BATCH = 64


# ----------------------------------------------------------------------------------- reading
class _Counting(io.RawIOBase):
    """A binary file that counts the bytes read (for the progress bar)."""

    def __init__(self, raw):
        self.raw, self.count = raw, 0

    def readable(self):
        return True

    def readinto(self, b):
        n = self.raw.readinto(b)
        self.count += n or 0
        return n


def _pick(row: dict, wanted: str | None, fallbacks: tuple[str, ...]):
    if wanted:
        return row.get(wanted)
    for key in fallbacks:
        if key in row:
            return row[key]
    return None


class Archive:
    """Records (id, date, channel, template, text) from a JSONL file, a CSV/TSV file or a folder."""

    def __init__(self, path: str, fmt: str, text_col, channel_col, date_col, id_col, template_col):
        self.path, self.cols = path, (text_col, channel_col, date_col, id_col, template_col)
        if os.path.isdir(path):
            self.kind = "folder"
            self.total = None
        else:
            if not os.path.exists(path):
                raise InputError(f"{path}: no such file or directory")
            ext = os.path.splitext(path)[1].lower()
            self.kind = fmt if fmt != "auto" else ("csv" if ext in (".csv", ".tsv") else "jsonl")
            self.total = os.path.getsize(path)
        self.counter = None
        self.bad = 0

    @property
    def done_bytes(self):
        return self.counter.count if self.counter is not None else None

    def __iter__(self):
        if self.kind == "folder":
            yield from self._folder()
            return
        raw = open(self.path, "rb", buffering=0)
        self.counter = _Counting(raw)
        stream = io.TextIOWrapper(io.BufferedReader(self.counter, 1 << 16), encoding="utf-8", errors="replace", newline="")
        try:
            yield from (self._csv(stream) if self.kind == "csv" else self._jsonl(stream))
        finally:
            stream.close()

    def _record(self, row: dict, n: int):
        text_col, channel_col, date_col, id_col, template_col = self.cols
        text = _pick(row, text_col, ("text", "body", "message", "content"))
        if not isinstance(text, str):
            self.bad += 1
            return None
        rid = _pick(row, id_col, ("id", "message_id", "ticket_id"))
        date = _pick(row, date_col, ("sent_at", "date", "created_at", "timestamp", "time"))
        channel = _pick(row, channel_col, ("channel",))
        template = _pick(row, template_col, ("template", "template_id", "template_name"))
        return (str(rid) if rid not in (None, "") else str(n), str(date or ""), channel if channel in CHANNELS else None,
                str(template) if template not in (None, "") else None, text)

    def _jsonl(self, stream):
        for n, line in enumerate(stream, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except ValueError:
                self.bad += 1
                continue
            rec = self._record(row, n) if isinstance(row, dict) else None
            if rec is None:
                self.bad += int(not isinstance(row, dict))
                continue
            yield rec

    def _csv(self, stream):
        csv.field_size_limit(min(sys.maxsize, 1 << 30))
        delimiter = "\t" if self.path.lower().endswith(".tsv") else ","
        for n, row in enumerate(csv.DictReader(stream, delimiter=delimiter), 2):
            rec = self._record(row, n)
            if rec is not None:
                yield rec

    def _folder(self):
        from ..source import expand_paths

        for path in expand_paths([self.path]):
            try:
                with open(path, encoding="utf-8") as fh:
                    text = fh.read()
            except (OSError, UnicodeDecodeError):
                self.bad += 1
                continue
            yield (path, "", None, path, text)


# ----------------------------------------------------------------------------------- linting
def _lint_batch(batch):
    """Worker: [(id, date, channel, template, text)] -> [(id, date, channel, template, words,
    [(rule, category, severity, start, end, text)], opening words when there is no template)];
    plain tuples only."""
    from ..model import Document
    from ..source.placeholders import placeholder_spans

    out = []
    for rid, date, channel, template, text in batch:
        chan = channel or _DEFAULT_CHANNEL
        if _LANG == "auto":
            from .common import _resolve_lang

            lang = _resolve_lang("auto", text, None)     # warns once per run, not per message
        else:
            lang = _LANG
        doc = Document(text=text, path=rid, channel=chan, lang=lang, source_text=text, masked=placeholder_spans(text))
        found = [(f.rule, f.category, f.severity, f.start, f.end, f.text) for f in _ENGINE.lint(doc)]
        out.append((rid, date, chan, template, len(text.split()), found, text[:120] if template is None else ""))
    return out


def _batches(records, size: int):
    batch = []
    for rec in records:
        batch.append(rec)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


# --------------------------------------------------------------------------------- summary
class TopK:
    """Counts per key for at most 2 x `capacity` keys: exact while there are fewer keys; past that
    the lightest half is dropped now and then, so the heaviest keys survive (approximately, as in
    Misra-Gries). Constant memory on any archive."""

    def __init__(self, capacity: int = 2000):
        self.capacity, self.items = capacity, {}

    def add(self, key, messages: int, flagged: int, findings: int) -> None:
        cur = self.items.get(key)
        if cur is None:
            if len(self.items) >= 2 * self.capacity:      # prune to the heaviest half, amortised
                keep = sorted(self.items.items(), key=lambda kv: (-kv[1][2], -kv[1][0]))[:self.capacity]
                self.items = dict(keep)
            cur = self.items[key] = [0, 0, 0]
        cur[0] += messages
        cur[1] += flagged
        cur[2] += findings

    def top(self, n: int):
        return sorted(self.items.items(), key=lambda kv: (-kv[1][2], -kv[1][1], str(kv[0])))[:n]


class Summary:
    def __init__(self):
        self.messages = self.flagged = self.findings = self.words = 0
        self.by_category: dict[str, int] = {}
        self.by_rule: dict[str, list] = {}          # rule -> [count, category, severity]
        self.by_severity = {"error": 0, "warning": 0, "info": 0}
        self.by_month: dict[str, list] = {}         # YYYY-MM -> [messages, flagged, findings]
        self.by_channel: dict[str, list] = {}
        self.templates = TopK()
        self.examples: dict[str, tuple] = {}        # rule -> (id, text) of its first finding

    def add(self, rid, date, channel, template, words, found, text_head: str = "") -> None:
        self.messages += 1
        self.words += words
        n = len(found)
        self.findings += n
        self.flagged += bool(n)
        for rule, category, severity, _s, _e, text in found:
            self.by_category[category] = self.by_category.get(category, 0) + 1
            r = self.by_rule.get(rule)
            if r is None:
                self.by_rule[rule] = [1, category, severity]
                self.examples[rule] = (rid, text[:160])
            else:
                r[0] += 1
            self.by_severity[severity] = self.by_severity.get(severity, 0) + 1
        month = date[:7] if len(date) >= 7 and date[4:5] == "-" else "unknown"
        for table, key in ((self.by_month, month), (self.by_channel, channel)):
            row = table.get(key)
            if row is None:
                row = table[key] = [0, 0, 0]
            row[0] += 1
            row[1] += bool(n)
            row[2] += n
        self.templates.add(template if template is not None else _signature(text_head), 1, bool(n), n)

    def to_dict(self, top: int = 15) -> dict:
        from ..model import CATEGORIES

        cats = {c: self.by_category.get(c, 0) for c in CATEGORIES}
        cats.update({c: n for c, n in self.by_category.items() if c not in cats})
        return {
            "messages": self.messages, "flagged_messages": self.flagged, "findings": self.findings,
            "words": self.words, "by_severity": dict(self.by_severity), "by_category": cats,
            "by_rule": [{"rule": r, "count": v[0], "category": v[1], "severity": v[2],
                         "example_id": self.examples[r][0], "example": self.examples[r][1]}
                        for r, v in sorted(self.by_rule.items(), key=lambda kv: (-kv[1][0], kv[0]))],
            "by_month": [{"month": m, "messages": v[0], "flagged": v[1], "findings": v[2]}
                         for m, v in sorted(self.by_month.items())],
            "by_channel": [{"channel": c, "messages": v[0], "flagged": v[1], "findings": v[2]}
                           for c, v in sorted(self.by_channel.items())],
            "worst_templates": [{"template": k, "messages": v[0], "flagged": v[1], "findings": v[2]}
                                for k, v in self.templates.top(top) if v[2] > 0],
        }


_DIGITS = None


def _signature(head: str) -> str:
    """A stand-in template name when the archive has none: the opening words, digits masked."""
    global _DIGITS
    if _DIGITS is None:
        import regex

        _DIGITS = regex.compile(r"\d+")
    return " ".join(_DIGITS.sub("0", head).split())[:60] or "(empty)"


def render_terminal(summary: dict, elapsed: float, color: bool = False) -> str:
    b, r = ("\033[1m", "\033[0m") if color else ("", "")
    lines = []
    m = summary["messages"]
    rate = m / elapsed if elapsed > 0 else 0
    lines.append(f"{b}complint audit{r}: {m:,} message(s), {summary['flagged_messages']:,} flagged "
                 f"({(summary['flagged_messages'] / m * 100) if m else 0:.1f}%), {summary['findings']:,} finding(s) "
                 f"in {elapsed:.1f} s ({rate:,.0f} msg/s)")
    sev = summary["by_severity"]
    lines.append(f"  severity: {sev.get('error', 0):,} error, {sev.get('warning', 0):,} warning, {sev.get('info', 0):,} info")
    lines.append(f"{b}By category{r}")
    width = max([len(c) for c in summary["by_category"]] + [8])
    for cat, n in sorted(summary["by_category"].items(), key=lambda kv: (-kv[1], kv[0])):
        lines.append(f"  {cat:<{width}} {n:>10,}")
    if summary["by_rule"]:
        lines.append(f"{b}Top rules{r}")
        for row in summary["by_rule"][:15]:
            lines.append(f"  {row['rule']:<34} {row['count']:>10,}  [{row['category']}]")
    if summary["by_month"]:
        lines.append(f"{b}By month{r} (messages / flagged / findings)")
        for row in summary["by_month"]:
            lines.append(f"  {row['month']:<8} {row['messages']:>10,} {row['flagged']:>10,} {row['findings']:>10,}")
    if summary["worst_templates"]:
        lines.append(f"{b}Worst templates{r} (findings / flagged / messages)")
        for row in summary["worst_templates"][:10]:
            lines.append(f"  {str(row['template'])[:40]:<40} {row['findings']:>10,} {row['flagged']:>10,} {row['messages']:>10,}")
    return "\n".join(lines) + "\n"


# -------------------------------------------------------------------------------- progress
class Progress:
    def __init__(self, enabled: bool, total_bytes):
        self.enabled, self.total = enabled, total_bytes
        self.start = self.last = time.monotonic()

    def update(self, messages: int, done_bytes, force: bool = False) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if not force and now - self.last < 0.2:
            return
        self.last = now
        rate = messages / max(now - self.start, 1e-9)
        if self.total and done_bytes is not None:
            frac = min(1.0, done_bytes / self.total)
            bar = "#" * int(frac * 30)
            eta = (now - self.start) * (1 - frac) / frac if frac > 0 else 0
            msg = f"\r[{bar:<30}] {frac * 100:5.1f}% {messages:,} msgs {rate:,.0f}/s eta {eta:,.0f}s "
        else:
            msg = f"\r{messages:,} msgs {rate:,.0f}/s "
        sys.stderr.write(msg)
        sys.stderr.flush()

    def close(self) -> None:
        if self.enabled:
            sys.stderr.write("\n")
            sys.stderr.flush()


# ------------------------------------------------------------------------------- findings out
class FindingsWriter:
    FIELDS = ("id", "date", "channel", "template", "rule", "category", "severity", "start", "end", "text")

    def __init__(self, path: str | None, fmt: str):
        self.fh = None
        if not path:
            return
        if fmt == "auto":
            fmt = "csv" if path.lower().endswith(".csv") else "jsonl"
        self.fmt = fmt
        self.fh = sys.stdout if path == "-" else open(path, "w", encoding="utf-8", newline="")
        if fmt == "csv":
            self.csv = csv.writer(self.fh)
            self.csv.writerow(self.FIELDS)

    def write(self, rid, date, channel, template, found) -> None:
        if self.fh is None:
            return
        for rule, category, severity, s, e, text in found:
            row = (rid, date, channel, template, rule, category, severity, s, e, text)
            if self.fmt == "csv":
                self.csv.writerow(row)
            else:
                self.fh.write(json.dumps(dict(zip(self.FIELDS, row)), ensure_ascii=False) + "\n")

    def close(self) -> None:
        if self.fh is not None and self.fh is not sys.stdout:
            self.fh.close()


# ----------------------------------------------------------------------------------- command
@click.command("audit")
@click.argument("archive")
@click.option("--input-format", type=click.Choice(("auto", "jsonl", "csv")), default="auto", show_default=True,
              help="auto: by extension (.csv/.tsv are CSV, anything else JSONL); a folder is read file by file.")
@click.option("--text-column", default=None, help="Field/column with the message text (default: text, body, message).")
@click.option("--channel-column", default=None, help="Field/column with the channel (default: channel).")
@click.option("--date-column", default=None, help="Field/column with the send date (default: sent_at, date, created_at).")
@click.option("--id-column", default=None, help="Field/column with the message id (default: id).")
@click.option("--template-column", default=None, help="Field/column naming the template (default: template).")
@click.option("--channel", type=click.Choice(CHANNELS), default="message", show_default=True,
              help="Channel of records without one.")
@click.option("--lang", type=click.Choice(LANG_CHOICES), default="auto", show_default=True)
@click.option("--jobs", "-j", type=click.IntRange(min=0), default=1, show_default=True, help="Processes (0: one per CPU).")
@click.option("--output", "-o", "output", default=None, help="Write every finding here: .jsonl or .csv (`-`: stdout).")
@click.option("--output-format", type=click.Choice(("auto", "jsonl", "csv")), default="auto", show_default=True)
@click.option("--html", "html_path", default=None, help="Write a self-contained HTML report with charts here.")
@click.option("--summary-json", default=None, help="Write the summary as JSON here.")
@click.option("--progress/--no-progress", default=None, help="Progress bar on stderr (default: when stderr is a terminal).")
@click.option("--limit", type=click.IntRange(min=1), default=None, help="Stop after this many messages.")
@common_rule_options
def audit_cmd(archive, input_format, text_column, channel_column, date_column, id_column, template_column, channel,
              lang, jobs, output, output_format, html_path, summary_json, progress, limit, rules_dirs, select, ignore):
    """Lint an archive of sent messages (JSONL, CSV or a folder) and summarise the findings."""
    global _ENGINE, _LANG, _DEFAULT_CHANNEL
    import itertools

    from ..parallel import available_jobs, imap

    try:
        src = Archive(archive, input_format, text_column, channel_column, date_column, id_column, template_column)
        from ..engine import Engine
        from ..runner import load_pack_cached

        _ENGINE = Engine(load_pack_cached(tuple(rules_dirs)), select=_split(select), ignore=_split(ignore))
    except ComplintError as exc:
        _die(str(exc))
    _LANG, _DEFAULT_CHANNEL = lang, channel
    jobs = available_jobs(jobs)
    show = progress if progress is not None else sys.stderr.isatty()
    bar = Progress(show, src.total)
    summary = Summary()
    writer = FindingsWriter(output, output_format)
    started = time.perf_counter()

    def warm():
        from ..parallel import _warm

        class _L:
            engine = _ENGINE
        if jobs > 1:
            _warm(_L)

    records = iter(src) if limit is None else itertools.islice(iter(src), limit)
    try:
        for batch in imap(_lint_batch, _batches(records, BATCH), jobs, chunksize=1, warm=warm):
            for rid, date, chan, template, words, found, head in batch:
                summary.add(rid, date, chan, template, words, found, head)
                writer.write(rid, date, chan, template, found)
            bar.update(summary.messages, src.done_bytes)
    except ComplintError as exc:
        bar.close()
        _die(str(exc))
    except BrokenPipeError:
        raise
    finally:
        writer.close()
    elapsed = time.perf_counter() - started
    bar.update(summary.messages, src.total, force=True)
    bar.close()
    data = summary.to_dict()
    data["elapsed_s"] = round(elapsed, 3)
    data["archive"] = archive
    data["skipped_records"] = src.bad
    if summary_json:
        with open(summary_json, "w", encoding="utf-8") as fh:
            json.dump(data, fh, ensure_ascii=False, indent=2)
    if html_path:
        from ..report.html_audit import render_html

        with open(html_path, "w", encoding="utf-8") as fh:
            fh.write(render_html(data))
    if output != "-":
        click.echo(render_terminal(data, elapsed, color=sys.stdout.isatty() and not os.environ.get("NO_COLOR")), nl=False)
    if src.bad:
        click.echo(f"complint: warning: {archive}: {src.bad} record(s) skipped (not JSON, or no text field)", err=True)
