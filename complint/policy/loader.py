"""Load and validate rule packs (`rules/*.yaml`), lexicons (`rules/lexicons/*.yaml`) and
allowlists. Every problem is a RuleError `file:line: what is wrong` (exit code 2)."""
from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path

import regex

from ..errors import RuleError
from ..kinds import KINDS
from ..lexicon import CompiledLexicon, ConceptSource, compile_regex, read_lexicon_file
from ..model import CATEGORIES, CHANNELS, SEVERITIES
from .yamlpos import PosDict, PosList, load_yaml

RULE_KEYS = {"id", "category", "severity", "channels", "severity_by_channel", "message", "note", "policy",
             "url", "kind", "match", "unless", "fix", "examples", "langs", "enabled"}
FIX_KEYS = {"strategy", "template", "description", "safe", "map"}
FIX_STRATEGIES = {"replace", "sentence", "remove"}
ID_RE = regex.compile(r"[A-Z][A-Z0-9]*(?:-[A-Z0-9.]+)+")
BUILTIN_RULES = Path(__file__).resolve().parent.parent / "rules"


def default_rules_dir() -> Path:
    """The bundled pack: `complint/rules` when installed, the repo's top-level `rules/` in a checkout."""
    repo = Path(__file__).resolve().parents[2] / "rules"
    if repo.is_dir() and (repo / "lexicons").is_dir():
        return repo
    import complint.rules as bundled  # installed wheel: rules shipped as package data

    return Path(bundled.__file__).resolve().parent


@dataclass
class Fix:
    strategy: str
    template: dict[str, str]
    description: str
    safe: bool
    map: dict = field(default_factory=dict)    # lang -> [(compiled regex, replacement)] tried on the span first


@dataclass
class Rule:
    id: str
    category: str
    severity: str
    channels: tuple[str, ...]
    message: str
    kind: object
    path: str
    line: int
    note: str = ""
    policy: str = ""
    url: str = ""
    severity_by_channel: dict = field(default_factory=dict)
    unless: list = field(default_factory=list)
    fix: Fix | None = None
    examples: dict = field(default_factory=dict)
    langs: tuple[str, ...] | None = None

    def severity_for(self, channel: str) -> str:
        return self.severity_by_channel.get(channel, self.severity)


class Pack:
    """All rules plus every language's concept sources; lexicons (and their regexes) compile lazily,
    once per language, so a run pays only for the languages it lints."""

    def __init__(self, rules: list[Rule], sources: dict[str, dict[str, ConceptSource]], allowlists: dict, digest: str):
        self.rules = rules
        self.sources = sources
        self.allowlists = allowlists
        self.digest = digest
        self._compiled: dict[str, CompiledLexicon] = {}
        self._inline = self._inline_sources()

    @property
    def languages(self) -> list[str]:
        return sorted(self.sources)

    def _inline_sources(self) -> dict[str, ConceptSource]:
        from ..lexicon import compile_regex, validate_token_pattern

        out = {}
        for rule in self.rules:
            body = rule.kind.inline_lexicon()
            if not body:
                continue
            src = ConceptSource()
            match = rule.kind.match      # point errors at the offending `match:` entry, not the rule
            for p in body.get("phrases", []):
                src.phrases.append((p, rule.path, match.line_of("phrases")))
            for p in body.get("patterns", []):
                line = getattr(p, "line", 0) or match.line_of("patterns")
                validate_token_pattern(p, rule.path, line)
                src.patterns.append((p, rule.path, line))
            for r in body.get("regex", []):
                line = match.line_of("regex")
                compile_regex(r, rule.path, line)    # rule files are checked at load; regex caches it
                src.regexes.append((r, rule.path, line))
            out[rule.kind.inline_concept] = src
        return out

    def validate(self) -> None:
        """Compile the concept regexes of every language, not only of those linted: a bad one in
        any lexicon is reported (`file:line: bad regex ...`) by the commands that check a pack."""
        for concepts in self.sources.values():
            for src in concepts.values():
                for pattern, path, line in src.regexes:
                    compile_regex(pattern, path, line)

    def lexicon(self, lang: str) -> CompiledLexicon:
        if lang not in self._compiled:
            from ..nlp import blank

            merged = dict(self.sources.get(lang, {}))
            merged.update(self._inline)
            self._compiled[lang] = CompiledLexicon(lang, merged, blank(lang))
        return self._compiled[lang]


def _str(rule: PosDict, key: str, path: str, required=True) -> str:
    value = rule.get(key)
    if value is None:
        if required:
            raise RuleError(path, rule.line, f"rule {rule.get('id', '?')} is missing `{key}`")
        return ""
    if not isinstance(value, str) or not value.strip():
        raise RuleError(path, rule.line_of(key), f"`{key}` must be a non-empty string")
    return value.strip()


def _parse_rule(raw, path: str) -> Rule:
    if not isinstance(raw, PosDict):
        raise RuleError(path, getattr(raw, "line", None), "each rule must be a mapping")
    for key in raw:
        if key not in RULE_KEYS:
            raise RuleError(path, raw.line_of(key), f"unknown key {key!r} in rule {raw.get('id', '?')} (allowed: {', '.join(sorted(RULE_KEYS))})")
    rid = _str(raw, "id", path)
    if not ID_RE.fullmatch(rid):
        raise RuleError(path, raw.line_of("id"), f"rule id {rid!r} must look like PREFIX-NAME in capitals (e.g. AMZ-REV-INCENTIVE)")
    category = raw.get("category")
    if category is None:
        raise RuleError(path, raw.line, f"rule {rid} is missing `category`")
    if category not in CATEGORIES:
        raise RuleError(path, raw.line_of("category"), f"rule {rid}: unknown category {category!r} (see taxonomy: {', '.join(CATEGORIES)})")
    severity = raw.get("severity")
    if severity not in SEVERITIES:
        raise RuleError(path, raw.line_of("severity") if "severity" in raw else raw.line, f"rule {rid}: severity must be one of {', '.join(SEVERITIES)}")
    channels = raw.get("channels")
    if not isinstance(channels, list) or not channels or any(c not in CHANNELS for c in channels):
        raise RuleError(path, raw.line_of("channels") if "channels" in raw else raw.line, f"rule {rid}: channels must be a non-empty list of {', '.join(CHANNELS)}")
    sev_by = raw.get("severity_by_channel", {}) or {}
    if not isinstance(sev_by, dict) or any(c not in CHANNELS or s not in SEVERITIES for c, s in sev_by.items()):
        raise RuleError(path, raw.line_of("severity_by_channel"), f"rule {rid}: severity_by_channel maps a channel to a severity")
    kind_name = raw.get("kind")
    if kind_name not in KINDS:
        raise RuleError(path, raw.line_of("kind") if "kind" in raw else raw.line, f"rule {rid}: kind must be one of {', '.join(sorted(KINDS))}")
    match = raw.get("match")
    if not isinstance(match, PosDict):
        raise RuleError(path, raw.line_of("match") if "match" in raw else raw.line, f"rule {rid}: `match` must be a mapping")
    kind = KINDS[kind_name](rid, match, path)
    unless = raw.get("unless", []) or []
    if isinstance(unless, str):
        unless = [unless]
    langs = raw.get("langs")
    if langs is not None and (not isinstance(langs, list) or not all(isinstance(x, str) for x in langs)):
        raise RuleError(path, raw.line_of("langs"), f"rule {rid}: langs must be a list of language codes")
    return Rule(
        id=rid, category=category, severity=severity, channels=tuple(channels), message=_str(raw, "message", path),
        kind=kind, path=path, line=raw.line, note=_str(raw, "note", path, False), policy=_str(raw, "policy", path, False),
        url=_str(raw, "url", path, False), severity_by_channel=dict(sev_by), unless=list(unless),
        fix=_parse_fix(raw.get("fix"), raw, rid, path), examples=_parse_examples(raw.get("examples"), raw, rid, path),
        langs=tuple(langs) if langs else None,
    )


def _parse_fix(fix, raw, rid, path) -> Fix | None:
    if fix is None:
        return None
    line = raw.line_of("fix")
    if not isinstance(fix, PosDict):
        raise RuleError(path, line, f"rule {rid}: fix must be a mapping with strategy, template, description")
    for key in fix:
        if key not in FIX_KEYS:
            raise RuleError(path, fix.line_of(key), f"unknown key {key!r} in fix of {rid} (allowed: {', '.join(sorted(FIX_KEYS))})")
    strategy = fix.get("strategy")
    if strategy not in FIX_STRATEGIES:
        raise RuleError(path, fix.line_of("strategy") if "strategy" in fix else fix.line, f"rule {rid}: fix.strategy must be one of {', '.join(sorted(FIX_STRATEGIES))}")
    template = fix.get("template", "")
    if isinstance(template, str):
        template = {"en": template}
    if not isinstance(template, dict) or not all(isinstance(v, str) for v in template.values()):
        raise RuleError(path, fix.line_of("template"), f"rule {rid}: fix.template must be a string or a mapping lang: text")
    if strategy in ("replace", "sentence") and not template:
        raise RuleError(path, fix.line, f"rule {rid}: fix.strategy {strategy} needs a template")
    return Fix(strategy, dict(template), str(fix.get("description", "")), bool(fix.get("safe", False)),
               _parse_fix_map(fix, rid, path))


def _parse_fix_map(fix, rid, path) -> dict:
    """fix.map: {lang: [[regex, replacement], ...]} — the first regex that matches the whole span wins."""
    raw = fix.get("map")
    if raw is None:
        return {}
    line = fix.line_of("map")
    if not isinstance(raw, dict):
        raise RuleError(path, line, f"rule {rid}: fix.map must map a language to a list of [regex, replacement]")
    out = {}
    for lang, pairs in raw.items():
        if not isinstance(pairs, list) or not all(isinstance(x, list) and len(x) == 2 and all(isinstance(y, str) for y in x) for x in pairs):
            raise RuleError(path, line, f"rule {rid}: fix.map.{lang} must be a list of [regex, replacement] pairs")
        out[lang] = [(compile_regex(pat, path, line, flags=regex.IGNORECASE), repl) for pat, repl in pairs]
    return out


def _parse_examples(examples, raw, rid, path) -> dict:
    if examples is None:
        return {}
    if not isinstance(examples, PosDict) or set(examples) - {"flag", "pass"}:
        raise RuleError(path, raw.line_of("examples"), f"rule {rid}: examples must be a mapping with `flag` and/or `pass` lists")
    out = {}
    for key, items in examples.items():
        if not isinstance(items, list):
            raise RuleError(path, examples.line_of(key), f"rule {rid}: examples.{key} must be a list")
        norm = []
        for item in items:
            if isinstance(item, str):
                norm.append({"text": item})
            elif isinstance(item, dict) and isinstance(item.get("text"), str) and set(item) <= {"text", "channel", "lang"}:
                norm.append(dict(item))
            else:
                raise RuleError(path, examples.line_of(key), f"rule {rid}: an example is a string or {{text, channel, lang}}")
        out[key] = norm
    return out


def load_pack(dirs: list[str | os.PathLike] | None = None, include_default: bool = True) -> Pack:
    """Load the bundled pack plus any extra folders. Later folders may add rules and concepts."""
    folders = ([default_rules_dir()] if include_default else []) + [Path(d) for d in (dirs or [])]
    sources: dict[str, dict[str, ConceptSource]] = {}
    rules: list[Rule] = []
    allowlists: dict[str, list[str]] = {}
    digest = hashlib.sha256()
    seen_ids: dict[str, str] = {}
    for folder in folders:
        if not folder.is_dir():
            raise RuleError(str(folder), None, "rule folder does not exist")
        lex_dir = folder / "lexicons"
        for f in sorted(lex_dir.glob("*.yaml")) if lex_dir.is_dir() else []:
            text = f.read_text(encoding="utf-8")
            digest.update(f.name.encode() + text.encode())
            data = load_yaml(str(f), text)
            lang_sources: dict[str, ConceptSource] = {}
            lang = read_lexicon_file(data, str(f), lang_sources)
            target = sources.setdefault(lang, {})
            for name, src in lang_sources.items():
                t = target.setdefault(name, ConceptSource())
                t.phrases += src.phrases; t.patterns += src.patterns; t.regexes += src.regexes; t.include += src.include
        for f in sorted(folder.glob("*.yaml")):
            text = f.read_text(encoding="utf-8")
            digest.update(f.name.encode() + text.encode())
            data = load_yaml(str(f), text)
            if not isinstance(data, PosDict):
                raise RuleError(str(f), None, "a rule file must be a mapping with `rules:` (or `allowlists:`)")
            for key in data:
                if key not in {"rules", "allowlists", "pack", "description"}:
                    raise RuleError(str(f), data.line_of(key), f"unknown top-level key {key!r} (expected pack, description, rules, allowlists)")
            for name, entries in (data.get("allowlists") or {}).items():
                if not isinstance(entries, list):
                    raise RuleError(str(f), data.line_of("allowlists"), f"allowlist {name} must be a list")
                allowlists.setdefault(name, []).extend(str(e) for e in entries)
            raw_rules = data.get("rules", PosList())
            if not isinstance(raw_rules, PosList):
                raise RuleError(str(f), data.line_of("rules"), "`rules` must be a list")
            for raw in raw_rules:
                rule = _parse_rule(raw, str(f))
                if isinstance(raw, dict) and raw.get("enabled", True) is False:
                    continue
                if rule.id in seen_ids:
                    raise RuleError(str(f), rule.line, f"duplicate rule id {rule.id} (first defined in {seen_ids[rule.id]})")
                seen_ids[rule.id] = f"{f}:{rule.line}"
                rules.append(rule)
    from ..analysis import BUILTIN_CONCEPTS

    known = {name for lang in sources.values() for name in lang} | BUILTIN_CONCEPTS
    for rule in rules:
        for concept in rule.kind.concepts() | set(rule.unless):
            if concept not in known:
                raise RuleError(rule.path, rule.line, f"rule {rule.id} uses unknown concept {concept!r}")
        for name in getattr(rule.kind, "allowlist_names", lambda: set())():
            if name not in allowlists:
                raise RuleError(rule.path, rule.line, f"rule {rule.id} uses unknown allowlist {name!r}")
    return Pack(rules, sources, allowlists, digest.hexdigest()[:16])
