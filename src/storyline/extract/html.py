"""HTML pages to body paragraphs and metadata: trafilatura, tuned and completed.

Measured on the Zyte article-extraction benchmark (``storyline eval extraction``), these rules
lift trafilatura's default output:

- trafilatura in precision mode, which leaves out more teasers and widgets than its default;
  when that keeps much less prose than the default mode would, the default's text is used
  (precision mode sometimes locks onto a print notice or a short box);
- bodies split into sibling chunks (one ``<div class="chunk">`` per few paragraphs) are read
  whole: trafilatura tends to stop at the first chunk;
- lines that only point to other articles ("Read more: <headline>", "Related: ...") and share
  bars are dropped and recorded in ``removed``;
- a JSON-LD ``articleBody`` replaces the text when it holds far more prose;
- metadata from JSON-LD, Open Graph, ``<link rel=canonical>`` and ``<html lang>`` fills what
  trafilatura's own metadata leaves open; the outlet falls back to the domain.
"""

from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import trafilatura
from htmldate import find_date
from lxml.html import HtmlElement
from trafilatura.utils import load_html

from storyline.extract.text_cleaner import furniture_reason, is_sentence

log = logging.getLogger(__name__)

# Precision mode is kept unless its prose is under this share of the default mode's.
PRECISION_KEEP_SHARE = 0.6
# Below this many prose words the precision output is checked against the default mode.
SHORT_PROSE_WORDS = 250
ARTICLE_BODY_SHARE = 2.0  # JSON-LD articleBody wins when it holds this many times the prose
# Sibling chunks are read only when they add several paragraphs of prose and little else: one
# stray paragraph beside the body is more often a promo box or an excluded quote than the article.
CHUNK_MIN_PARAGRAPHS = 3
CHUNK_MIN_WORDS = 60
CHUNK_PROSE_SHARE = 0.7
CHUNK_LEVELS = 3  # how far above the extracted paragraphs to look for sibling chunks
SPACES = re.compile(r"\s+")
# Lines that only point elsewhere or share the page; kept when part of a sentence.
DROPPED_REASONS = {"link to another article", "share buttons"}
SKIPPED_TAGS = {"script", "style", "noscript", "template", "nav", "aside", "footer", "form", "figure"}


@dataclass
class HtmlArticle:
    paragraphs: list[str]
    title: str | None
    author: str | None
    published: str | None
    outlet: str | None
    url: str | None  # the canonical URL when the page names one, else the URL given
    language: str | None  # declared by the page (``<html lang>``, metadata): a hint, not detection
    description: str | None = None
    canonical_url: str | None = None
    removed: list[str] = field(default_factory=list)  # lines dropped after trafilatura, verbatim


def extract_html(html: bytes | str, url: str | None = None) -> HtmlArticle | None:
    """The article in an HTML page, or None when no main text is found."""
    tree = load_html(html)
    if tree is None:
        return None
    document = _bare(tree, url, precision=True, metadata=True)
    data = document or {}
    paragraphs = _paragraphs(data.get("text"))
    if _prose_words(paragraphs) < SHORT_PROSE_WORDS:
        default = _paragraphs((_bare(tree, url, precision=False, metadata=False) or {}).get("text"))
        if _prose_words(paragraphs) < PRECISION_KEEP_SHARE * _prose_words(default):
            paragraphs = default
    meta = page_metadata(tree)
    paragraphs = _with_sibling_chunks(tree, paragraphs)
    body = meta.get("articleBody")
    if body and _prose_words(_paragraphs(body)) > ARTICLE_BODY_SHARE * max(1, _prose_words(paragraphs)):
        paragraphs = _paragraphs(body)
    paragraphs, removed = _drop_pointers(paragraphs)
    if not paragraphs:
        return None
    canonical = meta.get("canonical") or data.get("url") or None
    page_url = canonical or url
    return HtmlArticle(
        paragraphs=paragraphs,
        title=data.get("title") or meta.get("title"),
        author=data.get("author") or meta.get("author"),
        published=data.get("date") or meta.get("published") or _htmldate(tree, url),
        outlet=data.get("sitename") or meta.get("site_name") or _domain(page_url),
        url=page_url,
        language=meta.get("language") or data.get("language") or None,
        description=data.get("description") or meta.get("description"),
        canonical_url=canonical,
        removed=removed,
    )


def _bare(tree: HtmlElement, url: str | None, precision: bool, metadata: bool) -> dict[str, Any] | None:
    """trafilatura on a copy of ``tree``: comments out (readers' words), tables in."""
    document: Any = trafilatura.bare_extraction(
        tree,
        url=url,
        favor_precision=precision,
        with_metadata=metadata,
        include_comments=False,
        include_tables=True,
    )
    if document is None:
        return None
    return document if isinstance(document, dict) else document.as_dict()


def _paragraphs(text: str | None) -> list[str]:
    return [line.strip() for line in (text or "").split("\n") if line.strip()]


def _prose_words(paragraphs: list[str]) -> int:
    """Words in distinct sentence-like paragraphs: what a reader would call the article's text."""
    return sum(len(p.split()) for p in set(paragraphs) if is_sentence(p))


def _squash(text: str) -> str:
    return SPACES.sub(" ", text).strip()


def _drop_pointers(paragraphs: list[str]) -> tuple[list[str], list[str]]:
    """Lines linking to other articles and share bars out, recorded verbatim."""
    kept: list[str] = []
    removed: list[str] = []
    for paragraph in paragraphs:
        (removed if furniture_reason(paragraph) in DROPPED_REASONS else kept).append(paragraph)
    return kept, removed


# --- bodies split into sibling chunks ----------------------------------------------------------------


def _with_sibling_chunks(tree: HtmlElement, paragraphs: list[str]) -> list[str]:
    """``paragraphs`` plus the prose of sibling chunks of the element that holds them, in page order."""
    blocks: dict[str, HtmlElement] = {}
    for element in tree.iter("p"):
        blocks.setdefault(_squash(element.text_content()), element)
    matched = [blocks[p] for p in map(_squash, paragraphs) if p in blocks and is_sentence(p)]
    if len(matched) < 2:
        return paragraphs
    container = _common_ancestor(matched)
    extra = _chunk_paragraphs(container, set(map(id, matched)), set(map(_squash, paragraphs)))
    if not extra:
        return paragraphs
    order = {id(element): position for position, element in enumerate(tree.iter())}
    placed: list[tuple[float, int, str]] = []
    last = -1.0
    for index, paragraph in enumerate(paragraphs):
        element = blocks.get(_squash(paragraph))
        last = float(order[id(element)]) if element is not None else last
        placed.append((last, index, paragraph))  # unmatched lines stay after the block before them
    placed.extend((float(order[id(element)]), len(paragraphs), text) for element, text in extra)
    return [text for _, _, text in sorted(placed, key=lambda item: (item[0], item[1]))]


def _common_ancestor(elements: list[HtmlElement]) -> HtmlElement:
    path = list(elements[0].iterancestors())
    shared = set(map(id, path))
    for element in elements[1:]:
        shared &= {id(a) for a in element.iterancestors()}
    return next(a for a in path if id(a) in shared)


def _signature(element: HtmlElement) -> tuple[str, str]:
    classes = (element.get("class") or "").split()
    return str(element.tag), classes[0] if classes else ""


def _chunk_paragraphs(
    container: HtmlElement, taken: set[int], known: set[str]
) -> list[tuple[HtmlElement, str]]:
    """Paragraphs of siblings shaped like ``container`` (or one of its near ancestors), when prose."""
    node = container
    for _ in range(CHUNK_LEVELS):
        parent = node.getparent()
        if parent is None or node.tag in {"body", "html", "article", "main"}:
            return []
        siblings = [s for s in parent if s is not node and _signature(s) == _signature(node)]
        if siblings and not any(s.find(".//h1") is not None for s in siblings):
            found = [
                (p, text)
                for sibling in siblings
                for p in sibling.iter("p")
                if id(p) not in taken
                and not _in_skipped(p, parent)
                and (text := _squash(p.text_content()))
                and text not in known
            ]
            if _is_prose_run([text for _, text in found]):
                return found
        node = parent
    return []


def _is_prose_run(texts: list[str]) -> bool:
    prose = [text for text in texts if is_sentence(text)]
    words = sum(len(text.split()) for text in prose)
    return (
        len(prose) >= CHUNK_MIN_PARAGRAPHS
        and words >= CHUNK_MIN_WORDS
        and words >= CHUNK_PROSE_SHARE * sum(len(text.split()) for text in texts)
    )


def _in_skipped(element: HtmlElement, stop: HtmlElement) -> bool:
    for ancestor in element.iterancestors():
        if ancestor is stop:
            return False
        if ancestor.tag in SKIPPED_TAGS:
            return True
    return False


# --- metadata ----------------------------------------------------------------------------------------


def page_metadata(tree: HtmlElement) -> dict[str, str]:
    """Title, author, date, site name, description, canonical URL, language and JSON-LD articleBody."""
    found: dict[str, str] = {}
    for key, value in _json_ld(tree).items():
        found.setdefault(key, value)
    meta: dict[str, str] = {}
    for element in tree.iter("meta"):
        name = (element.get("property") or element.get("name") or "").strip().lower()
        content = (element.get("content") or "").strip()
        if name and content:
            meta.setdefault(name, content)
    for key, names in (
        ("title", ("og:title", "twitter:title")),
        ("site_name", ("og:site_name", "application-name")),
        ("published", ("article:published_time", "og:published_time", "date", "pubdate")),
        ("author", ("article:author", "author")),
        ("description", ("og:description", "description")),
        ("canonical", ("og:url",)),
    ):
        given = next((meta[n] for n in names if meta.get(n)), "")
        if given and key not in found and not (key == "author" and given.startswith("http")):
            found[key] = given
    for link in tree.iter("link"):
        href = (link.get("href") or "").strip()
        if "canonical" in (link.get("rel") or "").lower().split() and href.startswith("http"):
            found["canonical"] = href
            break
    language = tree.get("lang") or meta.get("og:locale") or meta.get("content-language")
    if language:
        found["language"] = language.replace("_", "-").split("-")[0].strip().lower()
    return found


def _json_ld(tree: HtmlElement) -> dict[str, str]:
    """The first article-like JSON-LD object's fields (malformed blocks are skipped)."""
    for script in tree.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json":
            continue
        try:
            data = json.loads(script.text or "")
        except ValueError:
            continue
        for item in _walk(data):
            kinds = item.get("@type")
            kinds = kinds if isinstance(kinds, list) else [kinds]
            if any(isinstance(k, str) and ("Article" in k or k in {"BlogPosting", "Report"}) for k in kinds):
                return _article_fields(item)
    return {}


def _walk(data: Any) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    stack = [data]
    while stack and len(found) < 200:
        item = stack.pop(0)
        if isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, dict):
            found.append(item)
            stack.extend(v for v in item.values() if isinstance(v, list | dict))
    return found


def _name(value: Any) -> str | None:
    """A name from a JSON-LD person or organisation, a list of them, or a plain string."""
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, dict):
        return _name(value.get("name"))
    if isinstance(value, list):
        names = [n for n in map(_name, value) if n]
        return "; ".join(dict.fromkeys(names)) or None
    return None


def _article_fields(item: dict[str, Any]) -> dict[str, str]:
    fields = {
        "title": _name(item.get("headline")) or _name(item.get("name")),
        "author": _name(item.get("author")),
        "published": _name(item.get("datePublished")),
        "site_name": _name(item.get("publisher")),
        "description": _name(item.get("description")),
        "articleBody": item.get("articleBody") if isinstance(item.get("articleBody"), str) else None,
        "language": _name(item.get("inLanguage")),
    }
    page = item.get("mainEntityOfPage")
    page_url = _name(page.get("@id")) if isinstance(page, dict) else _name(page) or _name(item.get("url"))
    if page_url and page_url.startswith("http"):
        fields["canonical"] = page_url
    return {key: value for key, value in fields.items() if value}


def _domain(url: str | None) -> str | None:
    host = urlsplit(url).hostname if url else None
    return host.removeprefix("www.") if host else None


def _htmldate(tree: HtmlElement, url: str | None) -> str | None:
    """The publication date htmldate finds (URL, meta tags, visible dates) when no metadata had one."""
    try:
        return find_date(tree, url=url, original_date=True, extensive_search=False) or None
    except Exception as error:  # htmldate raises on some malformed pages; a missing date is not fatal
        log.debug("htmldate failed: %s", error)
        return None
