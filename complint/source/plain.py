"""Plain text (.txt, .md, stdin): the whole file is one document, analysed as written."""
from __future__ import annotations

from ..model import Document
from .placeholders import placeholder_spans


def plain_documents(text: str, path: str, channel: str, lang: str, channel_source: str = "default") -> list[Document]:
    return [Document(text=text, path=path, channel=channel, lang=lang, origin=0, source_text=text,
                     channel_source=channel_source, masked=placeholder_spans(text))]
