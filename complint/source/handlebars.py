"""Handlebars and Mustache templates (.hbs, .handlebars, .mustache).

`{{buyer_name}}`, `{{{raw}}}`, `{{#if}}...{{/if}}` are annotated placeholders (kept, masked);
`{{! ... }}` and `{{!-- ... --}}` comments are blanked. See templating.py.
"""
from __future__ import annotations

from .base import View
from .templating import HANDLEBARS, template_view

EXTENSIONS = (".hbs", ".handlebars", ".mustache")


def handlebars_view(text: str, html: bool | None = None) -> View:
    return template_view(text, HANDLEBARS, html)
