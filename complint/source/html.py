"""HTML e-mails (.html, .htm): the text content is linted, markup never is.

The analysed text is the original with every tag and comment replaced by spaces of the same
length; block-level tags (p, br, div, li, tr, h1-h6, ...) become a line break plus spaces so that
sentences split where a reader sees them split. `href`/`src` attribute values stay in place and
unmasked, so the URL, e-mail and phone rules still see `<a href="https://my-shop.com">`. Character
references (`&amp;`, `&rsquo;`, `&#8217;`) are decoded in place with leading padding, never shifting
an offset. `<script>`/`<style>` contents are blanked. Source line breaks inside running text are
read as spaces when the document has block tags (HTML collapses whitespace), except inside `<pre>`.

The scanner is linear: tags are matched by one possessive regex (no backtracking) and every
attribute value is bounded.
"""
from __future__ import annotations

import html as _html
from bisect import bisect_right

import regex

from .base import View

BLOCK_TAGS = frozenset("""
    address article aside blockquote body br caption center dd details div dl dt fieldset figcaption
    figure footer form h1 h2 h3 h4 h5 h6 head header hr html li main nav ol p pre section summary
    table tbody td tfoot th thead title tr ul
""".split())
RAW_TEXT_TAGS = frozenset({"script", "style", "template", "xml"})
URL_ATTRIBUTES = frozenset({"href", "src"})

_TAG_START = regex.compile(r"<(?:!--|!\[CDATA\[|[!?]|/?[A-Za-z])")
# No `<` inside a tag: an unclosed `<p` then ends at the next `<`, so scanning stays linear.
_ATTR = r"""[^\s"'<>/=]++(?:\s*+=\s*+(?:"[^"<]{0,4096}+"|'[^'<]{0,4096}+'|[^\s"'<>]++))?+"""
_TAG = regex.compile(r"<(/?)([A-Za-z][^\s/<>]{0,64}+)((?:[\s/]*+" + _ATTR + r")*+)[\s/]*+>")
_ONE_ATTR = regex.compile(r"""([^\s"'<>/=]++)(?:\s*+=\s*+(?:"([^"]*)"|'([^']*)'|([^\s"'<>]++)))?""")
_ENTITY = regex.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_HAS_BLOCK = regex.compile(r"<(?:" + "|".join(sorted(BLOCK_TAGS, key=len, reverse=True)) + r")\b", regex.IGNORECASE)
_LOOKS_HTML = regex.compile(
    r"<(?:html|body|head|p|div|br|table|td|tr|span|a|ul|ol|li|h[1-6]|strong|em|b|i|img|font|center)\b[^<>]{0,500}>"
    r"|<!DOCTYPE\s+html|</(?:p|div|a|td|span)>", regex.IGNORECASE)
_WS_ENTITIES = {"\xa0", "\u2002", "\u2003", "\u2009", "\u200b", "\u200c", "\u200d", "\ufeff"}


def looks_like_html(text: str) -> bool:
    """Does a template (.j2, .hbs, .liquid, ...) hold an HTML e-mail? Checked on its first 200 KB."""
    return _LOOKS_HTML.search(text[:200_000], timeout=1.0) is not None


class _Protected:
    """Spans (template tags, comments) inside which `<` is not HTML."""

    def __init__(self, spans):
        self.spans = sorted((s, e) for s, e, *_ in spans)
        self.starts = [s for s, _ in self.spans]

    def end_if_inside(self, pos: int) -> int | None:
        i = bisect_right(self.starts, pos) - 1
        if i >= 0 and self.spans[i][0] <= pos < self.spans[i][1]:
            return self.spans[i][1]
        return None


def scan_html(view: View, protected=()) -> None:
    """Blank markup in `view` (see the module doc). `protected`: (start, end, ...) spans to skip."""
    text = view.text
    prot = _Protected(protected)
    collapse = _HAS_BLOCK.search(text, timeout=1.0) is not None
    text_runs: list[tuple[int, int, bool]] = []   # (start, end, inside <pre>) of text between markup
    n = len(text)
    pre_depth = 0
    prose = False          # text since the last line break a block tag produced
    pos = i = 0
    while True:
        m = _TAG_START.search(text, i, timeout=2.0)
        if m is None:
            break
        start = m.start()
        inside = prot.end_if_inside(start)
        if inside is not None:
            i = inside
            continue
        opener = m.group()
        end = None
        if opener in ("<!--", "<![CDATA["):
            close = text.find("-->" if opener == "<!--" else "]]>", start + len(opener))
            end = n if close == -1 else close + 3
            _blank_markup(view, start, end)
        elif opener in ("<!", "<?"):
            close = text.find(">", start, start + 4096)
            if close != -1:
                end = close + 1
                _blank_markup(view, start, end)
        else:
            t = _TAG.match(text, start, timeout=1.0)
            if t is not None:
                end = t.end()
                closing, name = t.group(1) == "/", t.group(2).lower()
                if start > pos and text[pos:start].strip():
                    prose = True
                newline = name in BLOCK_TAGS and prose
                if newline:
                    prose = False
                _blank_markup(view, start, end, [] if closing else _url_values(t), newline)
                if name == "pre":
                    pre_depth = max(0, pre_depth + (-1 if closing else 1))
                if name in RAW_TEXT_TAGS and not closing and text[end - 2:end] != "/>":
                    close = regex.compile(r"</" + regex.escape(name) + r"\s*>", regex.IGNORECASE).search(text, end, timeout=1.0)
                    raw_end = n if close is None else close.end()
                    _blank_markup(view, end, raw_end)
                    end = raw_end
        if end is None:                                      # a lone "<" is text
            i = start + 1
            continue
        if start > pos:
            text_runs.append((pos, start, pre_depth > 0))
        pos = i = end
    if pos < n:
        text_runs.append((pos, n, pre_depth > 0))
    for s, e, in_pre in text_runs:
        _text_run(view, s, e, collapse and not in_pre)


def _blank_markup(view: View, start: int, end: int, keep=(), newline: bool = False) -> None:
    """Blank and mask [start, end) except the `keep` spans (URL attribute values stay readable)."""
    p = start
    for ks, ke in list(keep) + [(end, end)]:
        if ks > p:
            view.blank(p, ks, newline=newline)
            view.mask(p, ks, "markup")
            newline = False
        p = ke


def _url_values(t) -> list[tuple[int, int]]:
    out = []
    base = t.start(3)
    for a in _ONE_ATTR.finditer(t.group(3)):
        if a.group(1).lower() in URL_ATTRIBUTES:
            for g in (2, 3, 4):
                if a.group(g) is not None and a.end(g) > a.start(g):
                    out.append((base + a.start(g), base + a.end(g)))
    return out


def _text_run(view: View, start: int, end: int, collapse: bool) -> None:
    text = view.text
    if "&" in text[start:end]:
        for m in _ENTITY.finditer(text, start, end, timeout=1.0):
            decoded = _html.unescape(m.group())
            if decoded == m.group():
                continue                                     # unknown name: leave it as written
            if decoded in _WS_ENTITIES or decoded.isspace():
                view.blank(m.start(), m.end())
            else:
                view.escape(m.start(), m.end(), decoded)
    if collapse:
        i = text.find("\n", start, end)
        while i != -1:
            view.replace(i, i + 1, " ")
            i = text.find("\n", i + 1, end)
        i = text.find("\r", start, end)
        while i != -1:
            view.replace(i, i + 1, " ")
            i = text.find("\r", i + 1, end)


def html_view(text: str) -> View:
    """The view of an HTML document (markup blanked, placeholders such as {{name}} annotated)."""
    from .placeholders import placeholder_spans

    view = View(text)
    spans = placeholder_spans(text)
    for s, e, kind in spans:
        view.mask(s, e, kind)
    scan_html(view, protected=spans)
    return view
