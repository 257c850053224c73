"""Project configuration: `.complint.yaml` (or `.complint.yml`), or `[tool.complint]` in `pyproject.toml`.

Found by walking up from the first target (a file's folder, or the folder itself; the current
folder for stdin); the nearest folder holding either file wins, and in one folder `.complint.yaml`
wins over `pyproject.toml`. A `pyproject.toml` without `[tool.complint]` is passed over.
`--config PATH` names the file; `--isolated` ignores every configuration file.

    rules: [house-rules/]              # extra rule-pack folders (relative to the config file)
    select: [AMZ]                      # rule ids, id prefixes, categories, ALL
    ignore: [AMZ-MSG-EMOJI]
    severity: {AMZ-MSG-LENGTH: info, message-hygiene: off}   # per rule, prefix or category; off disables
    fail_on: error                     # error | warning | info
    lang: en                           # auto | en | de | ...
    channels:                          # glob -> channel; the last matching glob wins
      "templates/inserts/**": insert-card
      "replies/*.txt": review-reply
    per_file_ignores:                  # glob -> rule ids, prefixes or categories
      "legacy/**": [AMZ-MSG-LENGTH]
    allow_domains: [my-brand.com]      # links to these are not off-platform
    allow_phones: ["+1 800 555 0199"]  # phone-number findings for these numbers are dropped
    exclude: ["drafts/**"]             # files `complint check` skips, even when named

Keys may also be spelled with hyphens (`fail-on`, `per-file-ignores`), as is usual in TOML.
Globs are matched against the file's path relative to the config file's folder: `*` stays inside
one folder, `**` crosses folders, a glob without `/` matches a file name at any depth, and a glob
matching a folder covers everything in it. Any problem is `file:line: what is wrong`, exit code 2.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

import regex

from .errors import ConfigError, RuleError
from .model import CHANNELS, SEVERITIES

CONFIG_NAMES = (".complint.yaml", ".complint.yml")
KEYS = ("rules", "select", "ignore", "severity", "fail_on", "channels", "per_file_ignores",
        "allow_domains", "allow_phones", "lang", "exclude")
_CODE = regex.compile(r"[A-Za-z][A-Za-z0-9_.\-]*")
_DOMAIN = regex.compile(r"(?:\*\.)?[a-z0-9](?:[a-z0-9\-]*[a-z0-9])?(?:\.(?:[a-z0-9](?:[a-z0-9\-]*[a-z0-9])?|\*))+")


@dataclass
class Config:
    path: str | None = None                 # the file it came from (None: defaults)
    root: str = "."                         # folder globs and rule folders are relative to
    rules: list[str] = field(default_factory=list)
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    severity: list[tuple[str, str, int]] = field(default_factory=list)       # (code, severity, line)
    fail_on: str | None = None
    lang: str | None = None
    channels: list[tuple[str, str, int]] = field(default_factory=list)       # (glob, channel, line)
    per_file_ignores: list[tuple[str, tuple[str, ...], int]] = field(default_factory=list)
    allow_domains: list[str] = field(default_factory=list)
    allow_phones: list[str] = field(default_factory=list)
    exclude: list[str] = field(default_factory=list)
    lines: dict = field(default_factory=dict)                                 # key -> line

    # -- per file ---------------------------------------------------------------------------
    def channel_for(self, path: str) -> tuple[str, str] | None:
        """(channel, glob) of the last glob matching `path`, or None."""
        rel = self._relative(path)
        hit = None
        for glob, channel, _ in self.channels:
            if glob_match(glob, rel):
                hit = (channel, glob)
        return hit

    def excluded(self, path: str) -> bool:
        rel = self._relative(path)
        return any(glob_match(g, rel) for g in self.exclude)

    def ignores_for(self, path: str) -> tuple[str, ...]:
        rel = self._relative(path)
        out: list[str] = []
        for glob, codes, _ in self.per_file_ignores:
            if glob_match(glob, rel):
                out.extend(codes)
        return tuple(out)

    def _relative(self, path: str) -> str:
        if path in ("-", "<stdin>"):
            return path
        p = Path(os.path.abspath(path))
        try:
            return p.relative_to(os.path.abspath(self.root)).as_posix()
        except ValueError:
            return p.as_posix()

    # -- after the rules are loaded ---------------------------------------------------------
    def severity_overrides(self, rules) -> dict[str, str]:
        """Expand `severity:` codes to rule ids; the most specific code wins (id > longer prefix > category)."""
        best: dict[str, tuple[int, str]] = {}
        for code, sev, line in self.severity:
            matched = False
            for r in rules:
                spec = _specificity(code, r.id, r.category)
                if spec is None:
                    continue
                matched = True
                if r.id not in best or spec >= best[r.id][0]:
                    best[r.id] = (spec, sev)
            if not matched:
                raise ConfigError(self.path, line, f"severity: {code!r} matches no rule id, prefix or category (see `complint rules`)")
        return {rid: sev for rid, (_, sev) in best.items()}

    def check_codes(self, rules) -> None:
        """select/ignore/per_file_ignores codes must name something (a typo would silently do nothing)."""
        groups = [("select", c, self.lines.get("select")) for c in self.select or ()]
        groups += [("ignore", c, self.lines.get("ignore")) for c in self.ignore]
        groups += [("per_file_ignores", c, line) for _, codes, line in self.per_file_ignores for c in codes]
        for key, code, line in groups:
            if not any(_specificity(code, r.id, r.category) is not None for r in rules) and not code.upper().startswith("COMPLINT"):
                raise ConfigError(self.path, line, f"{key}: {code!r} matches no rule id, prefix or category (see `complint rules`)")


def _specificity(code: str, rule_id: str, category: str) -> int | None:
    up = code.upper()
    if up == rule_id:
        return 10_000
    if rule_id.startswith(up):
        return 100 + len(up)
    if code.lower() == category:
        return 1
    if up == "ALL":
        return 0
    return None


# -- globs -----------------------------------------------------------------------------------
_GLOB_CACHE: dict[str, "regex.Pattern"] = {}


def glob_to_regex(glob: str) -> "regex.Pattern":
    pat = _GLOB_CACHE.get(glob)
    if pat is not None:
        return pat
    g = glob.strip().replace("\\", "/")
    anchored = "/" in g.rstrip("/")
    while g.startswith("./"):
        g = g[2:]
    g = g.lstrip("/").rstrip("/")
    out, i = [], 0
    while i < len(g):
        c = g[i]
        if g.startswith("**/", i):
            out.append("(?:[^/]*/)*")
            i += 3
        elif g.startswith("**", i):
            out.append(".*")
            i += 2
        elif c == "*":
            out.append("[^/]*")
            i += 1
        elif c == "?":
            out.append("[^/]")
            i += 1
        elif c == "[":
            j = g.find("]", i + 1)
            if j == -1:
                out.append(regex.escape(c))
                i += 1
            else:
                body = g[i + 1:j]
                out.append("[" + ("^" + body[1:] if body.startswith("!") else body).replace("/", "") + "]")
                i = j + 1
        else:
            out.append(regex.escape(c))
            i += 1
    body = "".join(out)
    prefix = "" if anchored else "(?:.*/)?"
    pat = regex.compile(f"^{prefix}{body}(?:/.*)?$", regex.DOTALL)   # a matching folder covers its files
    _GLOB_CACHE[glob] = pat
    return pat


def glob_match(glob: str, rel_path: str) -> bool:
    return glob_to_regex(glob).match(rel_path) is not None


# -- finding and reading -----------------------------------------------------------------------
def find_config(start: str | None = None) -> str | None:
    """The nearest .complint.yaml / .complint.yml / pyproject.toml with [tool.complint], walking up."""
    here = Path(os.path.abspath(start or os.getcwd()))
    if not here.is_dir():
        here = here.parent
    for folder in [here, *here.parents]:
        for name in CONFIG_NAMES:
            cand = folder / name
            if cand.is_file():
                return str(cand)
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file() and _has_tool_complint(pyproject):
            return str(pyproject)
    return None


def _has_tool_complint(path: Path) -> bool:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    return regex.search(r"(?m)^\s*\[\s*tool\s*\.\s*complint\s*[\].]", text) is not None


def discover(paths=(), config_path: str | None = None, isolated: bool = False) -> Config:
    """The configuration for a run: `--config`, else found from the first target, else defaults."""
    if isolated:
        return Config()
    if config_path:
        if not os.path.isfile(config_path):
            raise ConfigError(config_path, None, "no such configuration file")
        return load_config(config_path)
    start = next((p for p in paths if p != "-"), None)
    found = find_config(start)
    return load_config(found) if found else Config()


def load_config(path: str) -> Config:
    try:
        with open(path, encoding="utf-8") as fh:
            text = fh.read()
    except UnicodeDecodeError as exc:
        raise ConfigError(path, None, f"not valid UTF-8 ({exc.reason} at byte {exc.start})") from None
    except OSError as exc:
        raise ConfigError(path, None, f"cannot read: {exc.strerror}") from None
    if os.path.basename(path) == "pyproject.toml" or path.endswith(".toml"):
        data, line_of = _read_toml(path, text)
    else:
        data, line_of = _read_yaml(path, text)
    return _validate(path, data, line_of)


def _read_yaml(path: str, text: str):
    from .policy.yamlpos import PosDict, load_yaml

    try:
        data = load_yaml(path, text)
    except RuleError as exc:
        raise ConfigError(path, exc.line, exc.what) from None
    if data is None:
        data = PosDict()
        data.line, data.key_lines = 1, {}
    if not isinstance(data, dict):
        raise ConfigError(path, getattr(data, "line", 1) or 1, "the configuration must be a mapping (key: value)")

    def line_of(keys):
        node, line = data, getattr(data, "line", 1)
        for k in keys:
            if isinstance(node, dict) and k in node:
                line = node.line_of(k) if hasattr(node, "line_of") else line
                node = node[k]
            else:
                break
        return line
    return data, line_of


def _read_toml(path: str, text: str):
    import tomllib

    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        m = regex.search(r"line (\d+)", str(exc))
        line = int(m.group(1)) if m else (len(text.rstrip("\n").split("\n")) if "end of document" in str(exc) else None)
        raise ConfigError(path, line, f"invalid TOML: {str(exc).split(' (at')[0]}") from None
    tool = doc.get("tool", {})
    if "complint" not in tool:
        raise ConfigError(path, None, "no [tool.complint] table")
    data = tool["complint"]
    lines = text.split("\n")
    header = next((i + 1 for i, ln in enumerate(lines) if regex.match(r"\s*\[\s*tool\s*\.\s*complint\s*[\].]", ln)), 1)

    def line_of(keys):
        """Best effort: the first line at/after [tool.complint] that assigns the last key."""
        key = str(keys[-1])
        pat = regex.compile(r"""^\s*(?:"?%s"?|'%s')\s*=|[{,]\s*(?:"?%s"?|'%s')\s*=|^\s*\[\s*tool\s*\.\s*complint\s*\.\s*"?%s"?\s*\]"""
                            % ((regex.escape(key),) * 5))
        for i in range(header - 1, len(lines)):
            if pat.search(lines[i]):
                return i + 1
        return header
    return data, line_of


def _as_codes(value, path, line, key) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(path, line, f"{key} must be a list of rule ids, prefixes or categories")
    out = []
    for v in value:
        for code in (c.strip() for c in v.split(",")):
            if not code:
                continue
            if not _CODE.fullmatch(code):
                raise ConfigError(path, line, f"{key}: {code!r} is not a rule id, prefix or category")
            out.append(code)
    return tuple(out)


def _str_list(value, path, line, key) -> list[str]:
    if isinstance(value, (str, int)) and not isinstance(value, bool):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, (str, int)) and not isinstance(v, bool) for v in value):
        raise ConfigError(path, line, f"{key} must be a list of strings")
    return [str(v).strip() for v in value]


def _mapping(value, path, line, key) -> dict:
    if not isinstance(value, dict):
        raise ConfigError(path, line, f"{key} must be a mapping")
    return value


def _validate(path: str, data: dict, line_of) -> Config:
    from .commands.common import LANG_CHOICES

    root = os.path.dirname(os.path.abspath(path))
    cfg = Config(path=path, root=root)
    for raw_key, value in data.items():
        key = str(raw_key).replace("-", "_")
        line = line_of([raw_key])
        cfg.lines[key] = line
        if key not in KEYS:
            raise ConfigError(path, line, f"unknown key {raw_key!r} (allowed: {', '.join(KEYS)})")
        if key == "rules":
            for folder in _str_list(value, path, line, key):
                full = folder if os.path.isabs(folder) else os.path.join(root, folder)
                if not os.path.isdir(full):
                    raise ConfigError(path, line, f"rules: {folder!r} is not a folder (relative to {root})")
                cfg.rules.append(full)
        elif key == "select":
            cfg.select = _as_codes(value, path, line, key)
        elif key == "ignore":
            cfg.ignore = _as_codes(value, path, line, key)
        elif key == "fail_on":
            if value not in SEVERITIES:
                raise ConfigError(path, line, f"fail_on must be one of {', '.join(SEVERITIES)}, not {value!r}")
            cfg.fail_on = value
        elif key == "lang":
            if not isinstance(value, str) or value not in LANG_CHOICES:
                raise ConfigError(path, line, f"lang must be one of {', '.join(LANG_CHOICES)}, not {value!r}")
            cfg.lang = value
        elif key == "severity":
            for code, sev in _mapping(value, path, line, key).items():
                kline = line_of([raw_key, code])
                if not isinstance(code, str) or not _CODE.fullmatch(code):
                    raise ConfigError(path, kline, f"severity: {code!r} is not a rule id, prefix or category")
                if sev not in SEVERITIES + ("off",):
                    raise ConfigError(path, kline, f"severity of {code}: {sev!r} is not one of {', '.join(SEVERITIES)}, off")
                cfg.severity.append((code, sev, kline))
        elif key == "channels":
            for glob, channel in _mapping(value, path, line, key).items():
                kline = line_of([raw_key, glob])
                if not isinstance(glob, str) or not glob.strip():
                    raise ConfigError(path, kline, f"channels: {glob!r} is not a glob")
                if channel not in CHANNELS:
                    raise ConfigError(path, kline, f"channels: {glob!r}: {channel!r} is not one of {', '.join(CHANNELS)}")
                cfg.channels.append((glob, channel, kline))
        elif key == "per_file_ignores":
            for glob, codes in _mapping(value, path, line, key).items():
                kline = line_of([raw_key, glob])
                if not isinstance(glob, str) or not glob.strip():
                    raise ConfigError(path, kline, f"per_file_ignores: {glob!r} is not a glob")
                cfg.per_file_ignores.append((glob, _as_codes(codes, path, kline, f"per_file_ignores {glob!r}"), kline))
        elif key == "allow_domains":
            for d in _str_list(value, path, line, key):
                dom = regex.sub(r"^[a-z]+://", "", d.lower()).split("/")[0]
                if not _DOMAIN.fullmatch(dom):
                    raise ConfigError(path, line, f"allow_domains: {d!r} is not a domain (e.g. my-brand.com)")
                cfg.allow_domains.append(dom)
        elif key == "exclude":
            for g in _str_list(value, path, line, key):
                if not g:
                    raise ConfigError(path, line, "exclude: an empty glob")
                cfg.exclude.append(g)
        elif key == "allow_phones":
            for p in _str_list(value, path, line, key):
                digits = sum(ch.isdigit() or ch.isalpha() for ch in p)
                if not 7 <= digits <= 17 or regex.search(r"[^\w\s+().\-/]", p):
                    raise ConfigError(path, line, f"allow_phones: {p!r} is not a phone number")
                cfg.allow_phones.append(p)
    return cfg
