"""A result cache for `complint check`, in the manner of ruff's: re-checking unchanged files costs a
hash and a dictionary look-up, and a run where every file is cached never loads the rule pack or
imports spaCy (a warm pre-commit run on hundreds of templates takes a fraction of a second).

Where: `.complint_cache/` in the current folder (`--cache-dir` or COMPLINT_CACHE_DIR to move it,
`--no-cache` to bypass it). One JSON file per *run key*, which covers everything a result depends
on besides the file itself:

- the complint version, its source files (sizes and times: an edited checkout never reuses
  results of older code) and the Python version;
- the rule pack: a hash of every `.yaml` file of the bundled pack, of the configuration's rule
  folders and of `--rules` folders (file names and bytes, read without parsing them);
- the configuration (every field of the discovered `.complint.yaml` / `[tool.complint]`);
- the options: --channel, --lang, --column, --select, --ignore, --report-unused-suppressions.

Inside it, results are keyed by a hash of the file's name and content (the name matters: config
globs give channels and per-file ignores). Files that could not be read are never cached.
"""
from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import sys
from pathlib import Path

from . import __version__

DEFAULT_DIR = ".complint_cache"
MAX_ENTRIES = 100_000


# -------------------------------------------------------------------------------- run key
def default_rules_dir() -> Path:
    """The bundled pack's folder, found without importing the loader (which compiles regexes)."""
    here = Path(__file__).resolve().parent
    repo = here.parent / "rules"
    if repo.is_dir() and (repo / "lexicons").is_dir():
        return repo
    return here / "rules"


def pack_fingerprint(folders) -> str:
    """A hash of every rule and lexicon file (names and bytes) under the given folders."""
    h = hashlib.sha256()
    for folder in folders:
        folder = Path(folder)
        h.update(b"\x00dir\x00" + str(folder).encode())
        if not folder.is_dir():
            continue
        for root, dirs, files in os.walk(folder):
            dirs.sort()
            for name in sorted(files):
                if name.endswith((".yaml", ".yml")):
                    path = Path(root) / name
                    h.update(str(path.relative_to(folder)).encode() + b"\x00")
                    try:
                        h.update(path.read_bytes())
                    except OSError:
                        h.update(b"\x00unreadable")
    return h.hexdigest()


def _jsonable(value):
    if dataclasses.is_dataclass(value):
        return _jsonable(dataclasses.asdict(value))
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in sorted(value.items(), key=lambda kv: str(kv[0]))}
    if isinstance(value, (list, tuple, set, frozenset)):
        items = [_jsonable(v) for v in value]
        return sorted(items, key=repr) if isinstance(value, (set, frozenset)) else items
    return value if isinstance(value, (str, int, float, bool)) or value is None else repr(value)


def code_fingerprint() -> str:
    """complint's own source files (names, sizes, modification times): an edited checkout never
    reuses results computed by older code, whatever the version number says."""
    h = hashlib.sha256()
    root = Path(__file__).resolve().parent
    for dirpath, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for name in sorted(files):
            if name.endswith(".py"):
                st = os.stat(os.path.join(dirpath, name))
                h.update(f"{os.path.relpath(os.path.join(dirpath, name), root)}:{st.st_size}:{st.st_mtime_ns}\n".encode())
    return h.hexdigest()[:16]


def run_key(config, rules_dirs=(), options: dict | None = None) -> str:
    parts = {
        "complint": __version__,
        "code": code_fingerprint(),
        "python": sys.version_info[:2],
        "pack": pack_fingerprint([default_rules_dir(), *getattr(config, "rules", ()), *rules_dirs]),
        "config": _jsonable(config),
        "options": _jsonable(options or {}),
    }
    return hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()[:24]


def file_key(name: str, text: str) -> str:
    h = hashlib.sha256(name.encode("utf-8", "surrogatepass"))
    h.update(b"\x00")
    h.update(text.encode("utf-8", "surrogatepass"))
    return h.hexdigest()[:32]


# -------------------------------------------------------------------------- (de)serialising
def result_to_dict(result) -> dict:
    return {
        "path": result.path, "channel": result.channel, "lang": result.lang,
        "channel_source": result.channel_source, "error": result.error,
        "findings": [_finding_to_dict(f) for f in result.findings],
    }


def _finding_to_dict(f) -> dict:
    d = dataclasses.asdict(f)
    extra = {k: v for k, v in vars(f).items() if k not in d}     # attributes a stage added on the fly
    if extra:
        d["__extra__"] = extra
    return d


def result_from_dict(d: dict):
    from .model import FileResult, Finding, Suggestion

    findings = []
    for fd in d["findings"]:
        fd = dict(fd)
        extra = fd.pop("__extra__", None)
        sg = fd.get("suggestion")
        if sg is not None:
            fd["suggestion"] = Suggestion(**sg)
        f = Finding(**fd)
        if extra:
            for k, v in extra.items():
                setattr(f, k, v)
        findings.append(f)
    return FileResult(d["path"], d["channel"], d["lang"], findings, d.get("channel_source", "default"), d.get("error"))


# ------------------------------------------------------------------------------------ store
class ResultCache:
    """One run key's results: loaded once, written back (atomically) if anything was added."""

    def __init__(self, folder: str | os.PathLike, key: str):
        self.folder = Path(folder)
        self.path = self.folder / f"v{__version__}" / f"{key}.json"
        self.entries: dict[str, dict] = {}
        self.used: set[str] = set()
        self.dirty = False
        try:
            with open(self.path, encoding="utf-8") as fh:
                data = json.load(fh)
            if isinstance(data, dict) and isinstance(data.get("results"), dict):
                self.entries = data["results"]
        except (OSError, ValueError):
            pass

    def get(self, key: str):
        d = self.entries.get(key)
        if d is None:
            return None
        try:
            result = result_from_dict(d)
        except (KeyError, TypeError, ValueError):
            return None
        self.used.add(key)
        return result

    def put(self, key: str, result) -> None:
        if result.error:
            return
        self.entries[key] = result_to_dict(result)
        self.used.add(key)
        self.dirty = True

    def save(self) -> None:
        if not self.dirty:
            return
        entries = self.entries
        if len(entries) > MAX_ENTRIES:
            entries = {k: v for k, v in entries.items() if k in self.used}
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            _mark(self.folder)
            tmp = self.path.with_name(f".{self.path.name}.{os.getpid()}.tmp")
            with open(tmp, "w", encoding="utf-8") as fh:
                json.dump({"complint": __version__, "results": entries}, fh, ensure_ascii=False, separators=(",", ":"))
            os.replace(tmp, self.path)
        except OSError:
            pass                     # a cache that cannot be written is only a slower next run


def _mark(folder: Path) -> None:
    """Like ruff: a .gitignore that ignores the folder itself, and a CACHEDIR.TAG for backup tools."""
    gi = folder / ".gitignore"
    if not gi.exists():
        gi.write_text("# Automatically created by complint.\n*\n", encoding="utf-8")
    tag = folder / "CACHEDIR.TAG"
    if not tag.exists():
        tag.write_text("Signature: 8a477f597d28d172789f06886806bc55\n# complint result cache\n", encoding="utf-8")


class CachedLinter:
    """What `complint check` lints with: results come from the cache when the file is unchanged,
    and the engine (rule pack, spaCy) is built only when a file has to be linted.

    `make_linter()` returns a runner.FileLinter; `key` is `run_key(...)` or None (cache off)."""

    def __init__(self, make_linter, key: str | None, folder: str | None = None):
        self._make = make_linter
        self._linter = None
        self.cache = ResultCache(folder or os.environ.get("COMPLINT_CACHE_DIR") or DEFAULT_DIR, key) if key else None
        self.hits = self.misses = 0

    @property
    def linter(self):
        if self._linter is None:
            self._linter = self._make()
        return self._linter

    @property
    def engine(self):
        return self.linter.engine

    def lookup(self, name: str, text: str):
        """(cached result or None, key to store a fresh one under)."""
        if self.cache is None:
            return None, None
        key = file_key(name, text)
        return self.cache.get(key), key

    def store(self, key, result) -> None:
        if self.cache is not None and key is not None:
            self.cache.put(key, result)

    def lint_source(self, text: str, name: str):
        cached, key = self.lookup(name, text)
        if cached is not None:
            self.hits += 1
            return cached
        self.misses += 1
        result = self.linter.lint_source(text, name)
        self.store(key, result)
        return result

    def rules_for_report(self, fmt: str):
        """The rules that were run, for renderers that list them (SARIF); None otherwise, so that a
        fully cached run never loads the rule pack."""
        if fmt == "sarif" or self._linter is not None:
            return self.engine.rules
        return None

    def save(self) -> None:
        if self.cache is not None:
            self.cache.save()
