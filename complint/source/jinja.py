"""Jinja2 templates (.j2, .jinja, .jinja2; also `.html.j2` HTML e-mails).

`{{ buyer_name }}` and `{% if coupon %}` are annotated placeholders (kept, masked); `{# ... #}`
comments are blanked. See templating.py.
"""
from __future__ import annotations

from .base import View
from .templating import JINJA, template_view

EXTENSIONS = (".j2", ".jinja", ".jinja2")


def jinja_view(text: str, html: bool | None = None) -> View:
    return template_view(text, JINJA, html)
