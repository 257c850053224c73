"""Suggested compliant rewrites (suggest.py) and applying them safely (apply.py)."""
from .apply import FixOutcome, fix_source, splice  # noqa: F401
