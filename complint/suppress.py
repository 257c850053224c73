"""Inline suppressions, written in each format's comment syntax:

    <!-- complint: disable=AMZ-MSG-EMOJI -->  ...  <!-- complint: enable=AMZ-MSG-EMOJI -->   (HTML)
    {# complint: ignore[AMZ-MSG-PHONE-NUMBER] #}                                         (Jinja)
    {{!-- complint: ignore[AMZ-MSG] --}}                                                 (Handlebars)
    {% comment %} complint: ignore[contact-info] {% endcomment %}                        (Liquid)
    # complint: ignore[AMZ-MSG-EXTERNAL-LINK]                                            (YAML)
    Call 1-800-555-0199 (our support line).  complint: ignore[AMZ-MSG-PHONE-NUMBER]      (plain text)
    complint: ignore-file[message-hygiene]                                               (any format)

Actions: `ignore` covers one line: its own line when the directive trails other text, else the
next non-blank line. In a collection (YAML/JSON/CSV) a directive on the line where a template
starts (`body: |  # complint: ignore[...]`, or a comment line just above it) covers that whole
template. `disable` covers everything from the directive to a matching `enable` (or the end of
the file); `enable` without ids ends every `disable`. `ignore-file` covers the whole file.
Both `[A, B]` and `=A,B` spellings work for every action. Ids are rule ids, id prefixes
(`AMZ-MSG`), categories (`contact-info`) or `ALL`, comma-separated.

With `--report-unused-suppressions`, a suppression id that matched nothing is reported (like
ruff's RUF100) as COMPLINT-UNUSED-SUPPRESSION, and an id that names no rule, prefix or category
as COMPLINT-UNKNOWN-SUPPRESSION. An id for a rule that did not run here (not selected, another
channel or language) is not reported: complint cannot know whether it would have matched.
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field

import regex

from .model import Finding
from .positions import LineIndex

DIRECTIVE_RE = regex.compile(
    r"complint:[ \t]*+(?P<action>ignore-file|ignore|disable|enable)"
    r"(?:[ \t]*+\[(?P<bracket>[^\]\n]{0,500}+)\]|[ \t]*+=[ \t]*+(?P<eq>[A-Za-z0-9_.\-]++(?:[ \t]*+,[ \t]*+[A-Za-z0-9_.\-]++)*+))?",
    regex.IGNORECASE)
_CODE_RE = regex.compile(r"[A-Za-z][A-Za-z0-9_.\-]*")
# comment delimiters that may surround a directive on a line of its own
_WRAPPERS = regex.compile(
    r"<!--|-->|\{\{!--|--\}\}|\{\{!|\}\}|\{#|#\}|\{%-?\s*(?:end)?comment\s*-?%\}|\{%-?\s*#|-?%\}|//|#|/\*|\*/")

UNUSED_RULE = "COMPLINT-UNUSED-SUPPRESSION"
UNKNOWN_RULE = "COMPLINT-UNKNOWN-SUPPRESSION"


@dataclass
class Directive:
    action: str
    codes: list[str]
    code_spans: list[tuple[int, int]]
    start: int
    end: int
    line: int
    target_line: int | None = None       # for `ignore`
    range_end: dict = field(default_factory=dict)    # for `disable`: code -> offset where it ends
    used: set = field(default_factory=set)


def directive_spans(text: str) -> list[tuple[int, int]]:
    """Where directives are, so readers can keep them out of the analysed text."""
    if "complint:" not in text.lower():
        return []
    return [(m.start(), m.end()) for m in DIRECTIVE_RE.finditer(text, timeout=1.0)]


def parse_directives(text: str, index: LineIndex | None = None) -> list[Directive]:
    if "complint:" not in text.lower():
        return []
    index = index or LineIndex(text)
    out: list[Directive] = []
    for m in DIRECTIVE_RE.finditer(text, timeout=1.0):
        action = m.group("action").lower()
        group = "bracket" if m.group("bracket") is not None else "eq" if m.group("eq") is not None else None
        codes, spans = [], []
        if group:
            base = m.start(group)
            for c in _CODE_RE.finditer(m.group(group)):
                code = c.group().rstrip("-.")
                if code:
                    codes.append(code)
                    spans.append((base + c.start(), base + c.start() + len(code)))
        if not codes and action != "enable":
            continue                       # a suppression must name what it suppresses
        line, _ = index.line_col(m.start())
        d = Directive(action, codes, spans, m.start(), m.end(), line)
        if action == "ignore":
            d.target_line = line if not _alone_on_line(text, m, index) else _next_content_line(text, index, line)
        out.append(d)
    _close_ranges(out, len(text))
    return out


def _line_bounds(text: str, index: LineIndex, line: int) -> tuple[int, int]:
    start = index.starts[line - 1]
    end = index.starts[line] - 1 if line < len(index.starts) else len(text)
    return start, end


def _alone_on_line(text: str, m, index: LineIndex) -> bool:
    line, _ = index.line_col(m.start())
    s, e = _line_bounds(text, index, line)
    rest = text[s:m.start()] + " " + text[m.end():e]
    return not _WRAPPERS.sub(" ", rest).strip()


def _next_content_line(text: str, index: LineIndex, line: int) -> int:
    """The next line with something other than whitespace or comment-only directives on it."""
    n = len(index.starts)
    for ln in range(line + 1, n + 1):
        s, e = _line_bounds(text, index, ln)
        body = DIRECTIVE_RE.sub(" ", text[s:e])
        if _WRAPPERS.sub(" ", body).strip():
            return ln
    return line


def _close_ranges(directives: list[Directive], end_of_text: int) -> None:
    open_: dict[str, Directive] = {}
    for d in directives:
        if d.action == "disable":
            for code in d.codes:
                key = code.upper()
                if key not in open_:
                    open_[key] = d
                    d.range_end[key] = end_of_text
        elif d.action == "enable":
            keys = [c.upper() for c in d.codes] or list(open_)
            for key in keys:
                opener = open_.pop(key, None)
                if opener is not None:
                    opener.range_end[key] = d.start


def code_matches(code: str, rule: str, category: str) -> bool:
    """A rule id, an id prefix, a category or ALL (the same selection as --select/--ignore)."""
    up = code.upper()
    return up == "ALL" or rule.startswith(up) or category == code.lower()


class Suppressions:
    """The directives of one source file, applied to its findings."""

    def __init__(self, text: str, index: LineIndex | None = None):
        self.index = index or LineIndex(text)
        self.directives = parse_directives(text, self.index)
        self.text = text
        by_line: dict[int, list[Directive]] = {}
        for d in self.directives:
            if d.action == "ignore":
                by_line.setdefault(d.target_line, []).append(d)
        self.by_line = by_line
        self.file_wide = [d for d in self.directives if d.action == "ignore-file"]
        self.ranges = [d for d in self.directives if d.action == "disable"]

    def __bool__(self) -> bool:
        return bool(self.directives)

    def filter(self, findings: list[Finding], anchor: int | None = None) -> list[Finding]:
        """Drop suppressed findings; `anchor`: offset of a collection template's first line."""
        if not self.directives:
            return findings
        anchor_line = self.index.line_col(anchor)[0] if anchor is not None else None
        kept = []
        for f in findings:
            if not self._suppressed(f, anchor_line):
                kept.append(f)
        return kept

    def _suppressed(self, f: Finding, anchor_line: int | None) -> bool:
        hit = False
        for d in self.file_wide:
            hit |= self._use(d, f)
        lines = range(f.line, max(f.line, f.end_line) + 1)
        for ln in lines:
            for d in self.by_line.get(ln, ()):
                hit |= self._use(d, f)
        if anchor_line is not None and anchor_line not in lines:
            for d in self.by_line.get(anchor_line, ()):
                hit |= self._use(d, f)
        for d in self.ranges:
            for code, end in d.range_end.items():
                if d.start <= f.start < end and code_matches(code, f.rule, f.category):
                    d.used.add(code)
                    hit = True
        return hit

    @staticmethod
    def _use(d: Directive, f: Finding) -> bool:
        hit = False
        for code in d.codes:
            if code_matches(code, f.rule, f.category):
                d.used.add(code.upper())
                hit = True
        return hit

    def unused(self, active_rules, all_rules) -> list[Finding]:
        """Findings for suppression ids that matched nothing (see the module doc)."""
        out = []
        for d in self.directives:
            if d.action == "enable":
                continue
            for code, (s, e) in zip(d.codes, d.code_spans):
                if code.upper() in d.used:
                    continue
                if not any(code_matches(code, r.id, r.category) for r in all_rules):
                    rule, msg = UNKNOWN_RULE, f"Suppression names no rule, rule prefix or category: {code!r}."
                elif any(code_matches(code, r.id, r.category) for r in active_rules):
                    rule, msg = UNUSED_RULE, f"Unused suppression: no {code} finding here to suppress."
                else:
                    continue
                line, col = self.index.line_col(s)
                end_line, end_col = self.index.line_col(e)
                out.append(Finding(rule=rule, category="message-hygiene", severity="warning", message=msg,
                                   start=s, end=e, text=self.text[s:e], line=line, column=col,
                                   end_line=end_line, end_column=end_col,
                                   note="Remove the suppression, or fix its rule id (see `complint rules`)."))
        return out
