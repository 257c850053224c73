"""Liquid templates (.liquid), as used by Shopify and helpdesks.

`{{ customer.first_name }}` and `{% if %}` tags are annotated placeholders (kept, masked);
`{% comment %}...{% endcomment %}` and `{% # note %}` are blanked. See templating.py.
"""
from __future__ import annotations

from .base import View
from .templating import LIQUID, template_view

EXTENSIONS = (".liquid",)


def liquid_view(text: str, html: bool | None = None) -> View:
    return template_view(text, LIQUID, html)
