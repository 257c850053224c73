"""Find template placeholders so rules do not read them as prose. They are annotated, never deleted:
offsets stay exact. Names stay visible to rules that want them as evidence ({{coupon_code}})."""
from __future__ import annotations

import regex

PLACEHOLDER_RE = regex.compile(
    r"""\{\{\{?[^{}\n]{1,80}\}?\}\}      # {{ handlebars / jinja vars }}, {{{raw}}}
      |\{%-?[^%\n]{1,200}-?%\}          # {% jinja / liquid tags %}
      |\{\#[^#\n]{0,200}\#\}            # {# jinja comments #}
      |\$\{[A-Za-z_][\w.]{0,60}\}       # ${var}
      |%[A-Z][A-Z0-9_]{1,40}%           # %ASIN%
      |\{[A-Za-z_][\w.]{0,60}\}         # {order_id}
      |\[(?!(?i:importante?|wichtig)\])               # "[Important]" (es/it "[Importante]", de "[Wichtig]") is Amazon's literal subject flag, not a variable
         (?:[A-Z][\w]*)(?:[ _][A-Za-z][\w]*){0,4}\]   # [Product Name], [BUYER_NAME]
    """, regex.VERBOSE)


def placeholder_spans(text: str) -> list[tuple[int, int, str]]:
    if not any(c in text for c in "{%$["):
        return []
    return [(m.start(), m.end(), "placeholder") for m in PLACEHOLDER_RE.finditer(text, timeout=1.0)]
