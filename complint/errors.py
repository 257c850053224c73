"""Errors that end a run with exit code 2 and one clear line on stderr."""


class ComplintError(Exception):
    """A user-facing error: bad rules, bad config, unreadable input. Never shown as a traceback."""


class RuleError(ComplintError):
    """A rule pack or lexicon is invalid. The message starts with `file:line:`."""

    def __init__(self, path: str, line: int | None, what: str):
        self.path, self.line, self.what = path, line, what
        where = f"{path}:{line}" if line else str(path)
        super().__init__(f"{where}: {what}")


class InputError(ComplintError):
    """An input file cannot be linted (binary, too large, not decodable, missing)."""


class ConfigError(ComplintError):
    """A configuration file (.complint.yaml, [tool.complint]) is invalid. The message starts with `file:line:`."""

    def __init__(self, path: str, line: int | None, what: str):
        self.path, self.line, self.what = path, line, what
        where = f"{path}:{line}" if line else str(path)
        super().__init__(f"{where}: {what}")
