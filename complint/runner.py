"""Lint one file end to end: read it into Documents, decide each one's channel and language, run the
engine, then apply the configuration (per-file ignores, allowed phone numbers) and the file's
inline suppressions. Used by `complint check`, `complint.lint_file()` and `complint.lint()`.

Channel precedence: `--channel` > a config glob (`channels:`) > the file's front matter or a
collection item's `channel:` field > `message`. Language: `--lang` (other than auto) > front
matter / item field > config `lang` > detected.
"""
from __future__ import annotations

from dataclasses import dataclass

from .config import Config
from .engine import Engine
from .model import SEVERITY_RANK, FileResult, Finding
from .positions import LineIndex

_PACKS: dict[tuple, object] = {}
_WARNED: set[str] = set()


def load_pack_cached(dirs: tuple[str, ...]):
    """Rule packs are loaded once per process per set of folders."""
    pack = _PACKS.get(dirs)
    if pack is None:
        from .policy.loader import load_pack

        pack = _PACKS[dirs] = load_pack(list(dirs))
    return pack


def build_engine(config: Config, rules_dirs=(), select=(), ignore=(), pack=None) -> Engine:
    """The engine for a run: config rule folders + --rules, --select over config select, config ignore
    plus --ignore, config severity overrides, config allow_domains as on-platform domains."""
    pack = pack or load_pack_cached(tuple(config.rules) + tuple(rules_dirs))
    config.check_codes(pack.rules)
    sel = tuple(select) if select else tuple(config.select or ())
    ign = tuple(config.ignore) + tuple(ignore)
    return Engine(pack, select=sel, ignore=ign, severity_overrides=config.severity_overrides(pack.rules),
                  allowlists={"marketplace": list(config.allow_domains)} if config.allow_domains else None)


@dataclass
class Options:
    channel: str | None = None            # --channel
    lang: str | None = None               # --lang (None or "auto": not forced)
    column: str | None = None             # --column: CSV column / YAML-JSON key
    report_unused: bool = False           # --report-unused-suppressions
    ignore: tuple[str, ...] = ()          # --ignore codes (also silence the suppression reports)


class FileLinter:
    def __init__(self, engine: Engine, config: Config | None = None, options: Options | None = None):
        self.engine = engine
        self.config = config or Config()
        self.options = options or Options()
        self._phone_rules = {r.id for r in engine.pack.rules
                             if getattr(r.kind, "name", "") == "entity" and "phone" in getattr(r.kind, "types", ())}
        self._allowed_phones = None

    def lint_source(self, text: str, name: str) -> FileResult:
        """Lint a decoded file. `name` is its path (globs, format) or `<stdin>`."""
        from .commands.common import _resolve_lang
        from .source import parse_documents
        from .suppress import Suppressions

        opts, cfg = self.options, self.config
        if opts.channel:
            channel, source = opts.channel, "cli"
        else:
            hit = cfg.channel_for(name)
            channel, source = (hit[0], "config") if hit else ("message", "default")
        forced_lang = opts.lang if opts.lang and opts.lang != "auto" else None
        docs = parse_documents(text, name, channel, forced_lang or "auto", source, column=opts.column)
        index = LineIndex(text)
        suppressions = Suppressions(text, index)
        file_ignores = cfg.ignores_for(name)
        findings: list[Finding] = []
        active = {}
        for doc in docs:
            if doc.lang == "xx" and doc.lang_source in ("field", "front-matter") and name not in _WARNED:
                _WARNED.add(name)
                import click

                click.echo(f"complint: warning: {name}: a template's lang has no lexicon; only universal rules "
                           f"were applied to it (links, e-mail addresses, phone numbers, handles, limits).", err=True)
            if doc.lang == "auto":
                if cfg.lang and cfg.lang != "auto":
                    doc.lang, doc.lang_source = cfg.lang, "config"
                else:
                    doc.lang, doc.lang_source = _resolve_lang("auto", doc.text, name), "detected"
            found = self.engine.lint(doc, index)
            if doc.escapes:
                _widen_to_escapes(found, doc, text, index)
            if file_ignores:
                found = [f for f in found if not any(_code_hits(c, f) for c in file_ignores)]
            if cfg.allow_phones:
                found = [f for f in found if not self._allowed_phone(f, doc.lang)]
            found = suppressions.filter(found, doc.anchor if doc.label is not None else None)
            if doc.label is not None:
                for f in found:
                    f.template, f.channel, f.channel_source = doc.label, doc.channel, doc.channel_source
            findings.extend(found)
            if opts.report_unused and suppressions:
                for r in self.engine.rules_for(doc.channel, doc.lang):
                    if self.engine.overrides.get(r.id) != "off" and not any(_code_hits(c, None, r) for c in file_ignores):
                        active[r.id] = r
        if opts.report_unused and suppressions:
            extra = suppressions.unused(list(active.values()), self.engine.pack.rules)
            ign = tuple(cfg.ignore) + tuple(opts.ignore) + file_ignores
            findings.extend(f for f in extra if not any(_code_hits(c, f) for c in ign))
        findings.sort(key=lambda f: (f.start, -SEVERITY_RANK[f.severity], f.rule))
        return FileResult(name, *_summarise(docs, channel, source), findings=findings,
                          channel_source=_summarise_source(docs, source))

    def _allowed_phone(self, f: Finding, lang: str) -> bool:
        if f.rule not in self._phone_rules:
            return False
        from .analysis import REGION_BY_LANG

        region = REGION_BY_LANG.get(lang, "US")
        if self._allowed_phones is None:
            self._allowed_phones = {}
        allowed = self._allowed_phones.get(region)
        if allowed is None:
            allowed = self._allowed_phones[region] = {_phone_key(p, region) for p in self.config.allow_phones}
        return _phone_key(f.text, region) in allowed


def _widen_to_escapes(findings: list[Finding], doc, text: str, index: LineIndex) -> None:
    """A finding that starts or ends inside an escape (`\\U0001F69A`, `&rsquo;`) covers all of it:
    the report then shows, and a fix replaces, the whole escape rather than part of it."""
    from bisect import bisect_right

    spans = [(doc.origin + s, doc.origin + e) for s, e in doc.escapes]
    starts = [s for s, _ in spans]

    def widen(start: int, end: int) -> tuple[int, int]:
        i = bisect_right(starts, start) - 1
        if i >= 0 and spans[i][0] < start < spans[i][1]:
            start = spans[i][0]
        j = bisect_right(starts, end - 1) - 1
        if j >= 0 and spans[j][0] <= end - 1 < spans[j][1]:
            end = max(end, spans[j][1])
        return start, end

    for f in findings:
        s, e = widen(f.start, f.end)
        if (s, e) != (f.start, f.end):
            f.start, f.end, f.text = s, e, text[s:e]
            f.line, f.column = index.line_col(s)
            f.end_line, f.end_column = index.line_col(e)
        sg = f.suggestion
        if sg is not None and sg.end > sg.start:
            sg.start, sg.end = widen(sg.start, sg.end)


def _code_hits(code: str, f: Finding | None, rule=None) -> bool:
    from .suppress import code_matches

    rid, cat = (f.rule, f.category) if f is not None else (rule.id, rule.category)
    return code_matches(code, rid, cat)


def _summarise(docs, channel: str, source: str) -> tuple[str, str]:
    """(channel, lang) of the file: the documents' own when they agree, else "mixed"."""
    if not docs:
        return channel, "en"
    chans = {d.channel for d in docs}
    langs = {d.lang for d in docs}
    return (chans.pop() if len(chans) == 1 else "mixed"), (langs.pop() if len(langs) == 1 else "mixed")


def _summarise_source(docs, source: str) -> str:
    if not docs:
        return source
    sources = {d.channel_source for d in docs}
    return sources.pop() if len(sources) == 1 else "field"


def _phone_key(text: str, region: str) -> str:
    """A comparable form of a phone number: E.164 when libphonenumber can parse it, else its digits."""
    import phonenumbers

    try:
        converted = phonenumbers.convert_alpha_characters_in_number(text)
        num = phonenumbers.parse(converted, region)
        return phonenumbers.format_number(num, phonenumbers.PhoneNumberFormat.E164)
    except phonenumbers.NumberParseException:
        return "".join(ch for ch in text if ch.isdigit())


__all__ = ["FileLinter", "Options", "build_engine", "load_pack_cached"]
