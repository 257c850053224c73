from __future__ import annotations

from typing import Iterator

from ..errors import RuleError
from ..policy.yamlpos import PosDict


class Kind:
    """Base of every rule kind. Subclasses declare `name`, `keys` (allowed `match:` keys) and `find`."""

    name = ""
    keys: set[str] = set()
    required: set[str] = set()

    def __init__(self, rule_id: str, match: PosDict, path: str):
        self.rule_id, self.path = rule_id, path
        self.inline_concept = f"@{rule_id}"
        for key in match:
            if key not in self.keys:
                raise RuleError(path, match.line_of(key), f"unknown key {key!r} in match of {self.name} rule {rule_id} (allowed: {', '.join(sorted(self.keys))})")
        for key in self.required:
            if key not in match:
                raise RuleError(path, match.line, f"{self.name} rule {rule_id} needs match.{key}")
        self.match = match

    def concepts(self) -> set[str]:
        """Concept names this kind reads (checked against the lexicons at load time)."""
        return set()

    def inline_lexicon(self) -> dict | None:
        """A concept body ({phrases, patterns, regex}) this rule defines inline, or None."""
        return None

    def find(self, an) -> Iterator[tuple[int, int]]:
        raise NotImplementedError

    # helpers
    def _names(self, key: str, value) -> list:
        if isinstance(value, str):
            return [value]
        if not isinstance(value, list) or not value:
            raise RuleError(self.path, self.match.line_of(key), f"match.{key} must be a concept name or a non-empty list")
        return list(value)
