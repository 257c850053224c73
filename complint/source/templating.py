"""Template languages (Jinja2, Handlebars/Mustache, Liquid): the shared scanner.

Tags and expressions (`{{ buyer_name }}`, `{% if coupon %}`, `{{#if}}`) are *annotated* as masked
'placeholder' spans and left in the analysed text, so a placeholder's name can be evidence
(`{{coupon_code}}` is a coupon) while offsets stay exact. Template comments (`{# #}`, `{{!-- --}}`,
`{% comment %}...{% endcomment %}`) are never sent to a buyer: they are blanked and masked
'comment'. An HTML template (`.html.j2`, or markup in the body) then goes through the HTML scanner.

Linear time: an opener's closer is searched in a bounded window, so an unclosed `{{` costs at most
MAX_TAG characters.
"""
from __future__ import annotations

from dataclasses import dataclass

import regex

from .base import View
from .html import looks_like_html, scan_html
from .placeholders import placeholder_spans

MAX_TAG = 4000


@dataclass(frozen=True)
class Syntax:
    name: str
    openers: "regex.Pattern"
    closers: dict            # opener -> (closer, kind)
    block_comment: "regex.Pattern | None" = None   # {% comment %} ... {% endcomment %}
    block_comment_end: "regex.Pattern | None" = None
    inline_comment: "regex.Pattern | None" = None  # {% # note %}


def scan_template(view: View, syntax: Syntax) -> list[tuple[int, int, str]]:
    """Annotate (and for comments, blank) the template syntax in `view`; returns the spans found."""
    text = view.text
    spans: list[tuple[int, int, str]] = []
    i = 0
    while True:
        m = syntax.openers.search(text, i, timeout=2.0)
        if m is None:
            break
        opener, start = m.group(), m.start()
        closer, kind = syntax.closers[opener]
        close = text.find(closer, m.end(), m.end() + MAX_TAG)
        if close == -1:
            i = m.end()
            continue
        end = close + len(closer)
        if kind == "tag":
            inner = text[start:end]
            if syntax.block_comment is not None and syntax.block_comment.fullmatch(inner):
                e = syntax.block_comment_end.search(text, end, timeout=2.0)
                end, kind = (len(text) if e is None else e.end()), "comment"
            elif syntax.inline_comment is not None and syntax.inline_comment.match(inner):
                kind = "comment"
            else:
                kind = "placeholder"
        if kind == "comment":
            view.blank(start, end)
        view.mask(start, end, kind)
        spans.append((start, end, kind))
        i = end
    return spans


def template_view(text: str, syntax: Syntax, html: bool | None = None) -> View:
    """The view of one template: template syntax annotated, plain placeholders ({order_id}, %ASIN%,
    [Product Name], ${x}) too, and markup blanked when the template is HTML."""
    view = View(text)
    spans = scan_template(view, syntax)
    taken = [(s, e) for s, e, _ in spans]
    for s, e, kind in placeholder_spans(text):
        if not any(ts < e and s < te for ts, te in taken):
            view.mask(s, e, kind)
    if html is None:
        html = looks_like_html(text)
    if html:
        scan_html(view, protected=spans)
    return view


_TAG_BODY = r"\{%-?\s*{word}\s*-?%\}"

JINJA = Syntax(
    "jinja",
    regex.compile(r"\{\{|\{%|\{#"),
    {"{{": ("}}", "placeholder"), "{%": ("%}", "tag"), "{#": ("#}", "comment")},
)

HANDLEBARS = Syntax(
    "handlebars",
    regex.compile(r"\{\{!--|\{\{!|\{\{\{|\{\{"),
    {"{{!--": ("--}}", "comment"), "{{!": ("}}", "comment"), "{{{": ("}}}", "placeholder"), "{{": ("}}", "placeholder")},
)

LIQUID = Syntax(
    "liquid",
    regex.compile(r"\{\{|\{%"),
    {"{{": ("}}", "placeholder"), "{%": ("%}", "tag")},
    block_comment=regex.compile(_TAG_BODY.replace("{word}", "comment"), regex.DOTALL),
    block_comment_end=regex.compile(_TAG_BODY.replace("{word}", "endcomment")),
    inline_comment=regex.compile(r"\{%-?\s*#"),
)
