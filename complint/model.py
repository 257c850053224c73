"""Plain data passed between the stages: documents in, findings out."""
from __future__ import annotations

from dataclasses import dataclass, field

CHANNELS = ("message", "review-reply", "insert-card")
SEVERITIES = ("error", "warning", "info")
SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}
CATEGORIES = (
    "review-incentive",
    "positive-review-request",
    "review-gating",
    "review-removal-request",
    "off-platform-redirect",
    "contact-info",
    "marketing",
    "pressure-or-harassment",
    "customer-privacy",
    "message-hygiene",
)


@dataclass
class Document:
    """One text to lint.

    `text` is what is analysed; it has the same length as the span of the original it came from,
    so an offset in `text` plus `origin` is an offset in the original file (placeholders and markup
    are annotated in `masked`, never deleted).
    """

    text: str
    path: str = "<text>"
    channel: str = "message"
    lang: str = "en"
    origin: int = 0                      # offset of text[0] in the original file
    source_text: str | None = None       # the whole original file (for line/column)
    channel_source: str = "default"      # where the channel came from: default, cli, config, front-matter, field
    masked: list[tuple[int, int, str]] = field(default_factory=list)  # (start, end, kind) spans not to be read as prose
    label: str | None = None             # a name for a template inside a collection
    lang_source: str = "default"         # where `lang` came from: default, cli, config, front-matter, field, detected
    anchor: int | None = None            # collections: offset of the template's key/header line (suppressions there cover it)
    escapes: list[tuple[int, int]] = field(default_factory=list)  # spans standing for one character (`&amp;`, `\u00e9`, `""`)


@dataclass
class Suggestion:
    replacement: str
    start: int
    end: int
    description: str
    safe: bool = False

    def to_dict(self) -> dict:
        return {"replacement": self.replacement, "start": self.start, "end": self.end,
                "description": self.description, "safe": self.safe}


@dataclass
class Finding:
    rule: str
    category: str
    severity: str
    message: str
    start: int            # 0-based code-point offsets into the original file
    end: int
    text: str
    line: int = 0
    column: int = 0
    end_line: int = 0
    end_column: int = 0
    note: str = ""
    policy: str = ""
    suggestion: Suggestion | None = None
    template: str | None = None          # collections: which template (e.g. `templates[3].body`, `row 7`)
    channel: str | None = None           # collections: the template's own channel and where it came from
    channel_source: str | None = None

    def to_dict(self) -> dict:
        d = {
            "rule": self.rule, "category": self.category, "severity": self.severity,
            "message": self.message,
            "line": self.line, "column": self.column, "end_line": self.end_line, "end_column": self.end_column,
            "start": self.start, "end": self.end, "text": self.text,
            "suggestion": self.suggestion.to_dict() if self.suggestion else None,
        }
        if self.note:
            d["note"] = self.note
        if self.policy:
            d["policy"] = self.policy
        if self.template is not None:
            d["template"] = self.template
            d["channel"] = self.channel
            d["channel_source"] = self.channel_source
        return d


@dataclass
class FileResult:
    path: str
    channel: str
    lang: str
    findings: list[Finding]
    channel_source: str = "default"
    error: str | None = None
