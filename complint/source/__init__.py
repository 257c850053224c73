"""Turn paths and stdin into Documents. One reader per format lives beside this module."""
from __future__ import annotations

import os
from pathlib import Path

from ..errors import InputError
from ..model import Document
from .plain import plain_documents

TEXT_EXTENSIONS = {".txt", ".text", ".md", ".markdown", ".tmpl", ".tpl", ".eml"}
TEMPLATE_EXTENSIONS = {".html", ".htm", ".j2", ".jinja", ".jinja2", ".hbs", ".mustache", ".liquid"}
COLLECTION_EXTENSIONS = {".yaml", ".yml", ".json", ".csv"}
LINTABLE = TEXT_EXTENSIONS | TEMPLATE_EXTENSIONS | COLLECTION_EXTENSIONS
SKIP_DIRS = {".git", ".hg", ".svn", "node_modules", "__pycache__", ".venv", "venv", ".tox", ".complint_cache"}
DEFAULT_MAX_BYTES = 5 * 1024 * 1024


def expand_paths(paths: list[str]) -> list[str]:
    """Files as given; directories walked for lintable extensions (sorted, hidden folders skipped)."""
    out = []
    for p in paths:
        if p == "-":
            out.append(p)
            continue
        path = Path(p)
        if path.is_dir():
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if d not in SKIP_DIRS and not d.startswith("."))
                for name in sorted(files):
                    if Path(name).suffix.lower() in LINTABLE:
                        out.append(os.path.join(root, name))
        elif path.exists():
            out.append(p)
        else:
            raise InputError(f"{p}: no such file or directory")
    return out


def decode(data: bytes, name: str) -> str:
    if b"\x00" in data[:8192]:
        if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
            raise InputError(f"{name}: UTF-16 text is not supported; re-save the file as UTF-8")
        raise InputError(f"{name}: binary file (contains NUL bytes); not linted")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"{name}: not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start}); re-save the file as UTF-8") from None


def read_bytes(path: str, max_bytes: int = DEFAULT_MAX_BYTES, stdin=None) -> bytes:
    if path == "-":
        import sys

        stream = stdin or sys.stdin.buffer
        data = stream.read(max_bytes + 1)
        if len(data) > max_bytes:
            raise InputError(f"<stdin>: input larger than {max_bytes // 1024 // 1024} MB limit (--max-file-size)")
        return data
    try:
        size = os.path.getsize(path)
        if size > max_bytes:
            raise InputError(f"{path}: file is {size / 1024 / 1024:.1f} MB, over the {max_bytes / 1024 / 1024:.0f} MB limit (--max-file-size)")
        with open(path, "rb") as fh:
            return fh.read()
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror})") from None


def load_documents(path: str, channel: str, lang: str, max_bytes: int = DEFAULT_MAX_BYTES, stdin=None,
                   channel_source: str = "default") -> tuple[str, list[Document]]:
    """Read one path (or `-`) into its source text and Documents."""
    name = "<stdin>" if path == "-" else path
    text = decode(read_bytes(path, max_bytes, stdin), name)
    return text, parse_documents(text, name, channel, lang, channel_source)


def parse_documents(text: str, name: str, channel: str, lang: str, channel_source: str = "default") -> list[Document]:
    """Turn a decoded file into Documents, choosing the reader by the file's extension.
    `complint fix` calls this again on the fixed text to re-lint it and to prove it still parses."""
    return plain_documents(text, name, channel, lang, channel_source)
