"""`--format sarif`: a SARIF 2.1.0 log (one run) for code-scanning tools such as GitHub's.

The renderer knows nothing about how rules work; it is given the FileResults and, optionally, the
rules that were run (objects with id, category, severity, message, note, policy, url) so that
`tool.driver.rules` lists every rule checked, not only the ones that fired.

Positions: SARIF lines and columns are 1-based and `endColumn` is exclusive, as in complint's own
output; columns and `charOffset`/`charLength` count Unicode code points, which the run declares
with `columnKind: unicodeCodePoints` (SARIF's default would be UTF-16 code units).
"""
from __future__ import annotations

import hashlib
import json
from pathlib import Path
from urllib.parse import quote

from .. import __version__

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
FINGERPRINT_KEY = "complintFinding/v1"
SRCROOT = "%SRCROOT%"


def _information_uri() -> str | None:
    """The project's home page from the installed package's metadata, if it declares one."""
    try:
        from importlib.metadata import metadata

        meta = metadata("complint")
    except Exception:
        return None
    for value in meta.get_all("Project-URL") or []:
        label, _, url = value.partition(",")
        if label.strip().lower() in ("homepage", "home", "source", "repository", "documentation") and url.strip():
            return url.strip()
    home = meta.get("Home-page")
    return home.strip() if home and home.strip().lower() != "unknown" else None


def _camel(rule_id: str) -> str:
    """SARIF `name`: a readable identifier, e.g. AMZ-REV-INCENTIVE -> AmzRevIncentive."""
    return "".join(part[:1].upper() + part[1:].lower() for part in rule_id.replace(".", "-").split("-") if part)


def _humanised(rule_id: str) -> str:
    """COMPLINT-UNUSED-SUPPRESSION -> 'Unused suppression.' (complint's own checks lose the prefix)."""
    words = [w for w in rule_id.replace(".", "-").split("-") if w]
    if len(words) > 1 and words[0] == "COMPLINT":
        words = words[1:]
    return " ".join(words).capitalize() + "."


def artifact_uri(path: str, root: Path | None = None) -> tuple[str, bool]:
    """(uri, relative?) for a reported path: relative to `root` (the working directory) with forward
    slashes when the file is inside it, else an absolute file URI; percent-encoded either way."""
    if path in ("-", "<stdin>"):
        return "stdin", True
    root = (root or Path.cwd()).resolve()
    p = Path(path)
    absolute = (p if p.is_absolute() else root / p).resolve()
    try:
        rel = absolute.relative_to(root)
    except ValueError:
        return absolute.as_uri(), False
    return quote(rel.as_posix(), safe="/"), True


def _normalised(text: str) -> str:
    return " ".join(text.split()).casefold()


def fingerprint(rule: str, text: str, occurrence: int) -> str:
    """Stable across runs and line shifts: rule id + the finding's text with whitespace and case
    normalised + how many identical (rule, text) findings came before it in the same file."""
    data = f"{rule}\0{_normalised(text)}\0{occurrence}".encode("utf-8")
    return hashlib.sha256(data).hexdigest()[:32]


def _rule_descriptor(rule_id, category, severity, message, note="", policy="", url="") -> dict:
    d = {
        "id": rule_id,
        "name": _camel(rule_id),
        "shortDescription": {"text": message or rule_id},
        "fullDescription": {"text": note or message or rule_id},
        "defaultConfiguration": {"level": LEVELS.get(severity, "warning")},
        "properties": {"category": category, "tags": ["compliance", category]},
    }
    help_text = " ".join(x for x in (note or message, f"Policy: {policy}." if policy else "") if x)
    if help_text:
        d["help"] = {"text": help_text}
    if url:
        d["helpUri"] = url
    if policy:
        d["properties"]["policy"] = policy
    return d


def _region(f) -> dict:
    region = {
        "startLine": f.line, "startColumn": f.column, "endLine": f.end_line, "endColumn": f.end_column,
        "charOffset": f.start, "charLength": max(0, f.end - f.start),
    }
    if f.text:
        region["snippet"] = {"text": f.text}
    return {k: v for k, v in region.items() if not (isinstance(v, int) and k.endswith(("Line", "Column")) and v < 1)}


def _fix(f, location: dict) -> dict | None:
    s = f.suggestion
    if s is None:
        return None
    return {
        "description": {"text": s.description or ("Remove this sentence." if not s.replacement else "Rewrite this text.")},
        "artifactChanges": [{
            "artifactLocation": dict(location),
            "replacements": [{
                "deletedRegion": {"charOffset": s.start, "charLength": max(0, s.end - s.start)},
                "insertedContent": {"text": s.replacement},
            }],
        }],
        "properties": {"safe": bool(getattr(s, "safe", False))},
    }


def build_sarif(results, rules=None, root: Path | None = None) -> dict:
    descriptors: list[dict] = []
    index: dict[str, int] = {}

    def add_rule(rule_id, *args, **kwargs):
        if rule_id not in index:
            index[rule_id] = len(descriptors)
            descriptors.append(_rule_descriptor(rule_id, *args, **kwargs))
        return index[rule_id]

    for r in rules or ():
        add_rule(r.id, r.category, r.severity, r.message, getattr(r, "note", ""), getattr(r, "policy", ""),
                 getattr(r, "url", ""))
    # Rules known only from their findings (e.g. COMPLINT-UNUSED-SUPPRESSION): their message may name
    # the finding; when it differs between findings, describe the rule by its id instead.
    messages: dict[str, set] = {}
    for fr in results:
        for f in fr.findings:
            messages.setdefault(f.rule, set()).add(f.message)

    artifacts, sarif_results, notifications = [], [], []
    any_relative = False
    for file_index, fr in enumerate(results):
        uri, relative = artifact_uri(fr.path, root)
        any_relative |= relative and fr.path not in ("-", "<stdin>")
        location = {"uri": uri, "index": file_index}
        if relative and fr.path not in ("-", "<stdin>"):
            location["uriBaseId"] = SRCROOT
        artifacts.append({"location": {k: v for k, v in location.items() if k != "index"},
                          "properties": {"channel": fr.channel, "lang": fr.lang,
                                         "channelSource": fr.channel_source}})
        if fr.error:
            notifications.append({"level": "error", "message": {"text": f"{fr.path}: {fr.error}"},
                                  "locations": [{"physicalLocation": {"artifactLocation": dict(location)}}]})
        seen: dict[tuple[str, str], int] = {}
        for f in sorted(fr.findings, key=lambda f: (f.start, f.end, f.rule)):
            key = (f.rule, _normalised(f.text))
            occurrence = seen.get(key, 0)
            seen[key] = occurrence + 1
            rule_index = add_rule(f.rule, f.category, f.severity,
                                  f.message if len(messages[f.rule]) == 1 else _humanised(f.rule), f.note, f.policy)
            result = {
                "ruleId": f.rule,
                "ruleIndex": rule_index,
                "level": LEVELS.get(f.severity, "warning"),
                "message": {"text": f.message},
                "locations": [{"physicalLocation": {"artifactLocation": dict(location), "region": _region(f)}}],
                "partialFingerprints": {FINGERPRINT_KEY: fingerprint(f.rule, f.text, occurrence)},
                "properties": {"category": f.category, "channel": fr.channel, "lang": fr.lang},
            }
            fix = _fix(f, location)
            if fix is not None:
                result["fixes"] = [fix]
            sarif_results.append(result)

    driver = {"name": "complint", "version": __version__, "semanticVersion": __version__, "rules": descriptors}
    info = _information_uri()
    if info:
        driver["informationUri"] = info
    run = {
        "tool": {"driver": driver},
        "invocations": [{"executionSuccessful": not notifications,
                         **({"toolExecutionNotifications": notifications} if notifications else {})}],
        "artifacts": artifacts,
        "results": sarif_results,
        "columnKind": "unicodeCodePoints",
    }
    if any_relative:
        base = (root or Path.cwd()).resolve().as_uri()
        run["originalUriBaseIds"] = {SRCROOT: {"uri": base.rstrip("/") + "/"}}
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}


def render_sarif(results, rules=None, **_) -> str:
    return json.dumps(build_sarif(results, rules), ensure_ascii=False, indent=2) + "\n"
