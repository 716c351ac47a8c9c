"""HTML pages through trafilatura: the body text and the metadata it finds (htmldate for dates)."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

import trafilatura
from htmldate import find_date

log = logging.getLogger(__name__)


@dataclass
class HtmlArticle:
    paragraphs: list[str]
    title: str | None
    author: str | None
    published: str | None
    outlet: str | None
    url: str | None
    language: str | None


def extract_html(html: bytes, url: str | None = None) -> HtmlArticle | None:
    """The article in an HTML page, or None when trafilatura finds no main text."""
    # Balanced settings: favour_precision drops short lead paragraphs on some news pages, and
    # comments are readers' words, not the outlet's reporting.
    document: Any = trafilatura.bare_extraction(
        html, url=url, with_metadata=True, include_comments=False, include_tables=True
    )
    if document is None:
        return None
    data = document if isinstance(document, dict) else document.as_dict()
    text = data.get("text") or ""
    paragraphs = [line.strip() for line in text.split("\n") if line.strip()]
    if not paragraphs:
        return None
    return HtmlArticle(
        paragraphs=paragraphs,
        title=data.get("title") or None,
        author=data.get("author") or None,
        published=data.get("date") or _htmldate(html, url),
        outlet=data.get("sitename") or None,
        url=data.get("url") or url,
        language=data.get("language") or None,
    )


def _htmldate(html: bytes, url: str | None) -> str | None:
    """The publication date htmldate finds (URL, meta tags, visible dates) when trafilatura found none."""
    try:
        return find_date(html, url=url, original_date=True, extensive_search=False) or None
    except Exception as error:  # htmldate raises on some malformed pages; a missing date is not fatal
        log.debug("htmldate failed: %s", error)
        return None
