"""Offsets to 1-based line and column (columns count code points; end_column is exclusive)."""
from __future__ import annotations

from bisect import bisect_right


class LineIndex:
    def __init__(self, text: str):
        self.starts = [0]
        pos = text.find("\n")
        while pos != -1:
            self.starts.append(pos + 1)
            pos = text.find("\n", pos + 1)

    def line_col(self, offset: int) -> tuple[int, int]:
        i = bisect_right(self.starts, offset) - 1
        return i + 1, offset - self.starts[i] + 1
