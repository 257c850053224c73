"""phrase / pattern / regex: report every hit of a concept (or of the rule's own inline list)."""
from __future__ import annotations

from .base import Kind


class PhraseKind(Kind):
    name = "phrase"
    keys = {"concepts", "phrases", "quoted", "except", "include_masked"}

    def __init__(self, rule_id, match, path):
        super().__init__(rule_id, match, path)
        self.names = self._names("concepts", match["concepts"]) if "concepts" in match else []
        if "phrases" in match:
            self.names.append(self.inline_concept)
        self._common(match)
        if not self.names:
            from ..errors import RuleError
            raise RuleError(path, match.line, f"phrase rule {rule_id} needs match.concepts or match.phrases")

    def _common(self, match):
        self.quoted = bool(match.get("quoted", False))
        self.include_masked = bool(match.get("include_masked", False))
        self.excepts = self._names("except", match["except"]) if "except" in match else []

    def concepts(self):
        return {n for n in self.names if not n.startswith("@")} | set(self.excepts)

    def inline_lexicon(self):
        return {"phrases": list(self.match["phrases"])} if "phrases" in self.match else None

    def find(self, an):
        blocked = [(h.start, h.end) for c in self.excepts for h in an.hits(c)]
        for name in self.names:
            for hit in an.hits(name):
                if (self.quoted or not hit.quoted) and (self.include_masked or not hit.masked) \
                        and not any(bs < hit.end and hit.start < be for bs, be in blocked):
                    yield hit.start, hit.end


class PatternKind(PhraseKind):
    name = "pattern"
    keys = {"patterns", "quoted", "except", "include_masked"}
    required = {"patterns"}

    def __init__(self, rule_id, match, path):
        Kind.__init__(self, rule_id, match, path)
        self.names = [self.inline_concept]
        self._common(match)

    def inline_lexicon(self):
        return {"patterns": list(self.match["patterns"])}


class RegexKind(PatternKind):
    name = "regex"
    keys = {"regex", "quoted", "except", "include_masked"}
    required = {"regex"}

    def inline_lexicon(self):
        value = self.match["regex"]
        return {"regex": [value] if isinstance(value, str) else list(value)}
