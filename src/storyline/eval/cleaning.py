"""Our plain-text cleaner alone on scraped text: the benchmark's pages as a naive scraper keeps them.

Each page of the Zyte benchmark becomes "all visible text" (scripts, styles and the head out,
every block element on its own line), the shape of text users bring from scrapers that keep
everything. That text is then cleaned by ``storyline.extract.plain.clean_text`` alone, with no
HTML, and scored against the gold body with the benchmark's shingle metric, beside the naive
text's own score (about 0.66 F1: all the body, and as much again of page furniture).
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lxml import etree
from lxml.html import HtmlElement
from trafilatura.utils import load_html

from storyline.eval.extraction import DEFAULT_ROOT, SystemResult, iter_pages, load_gold, score_system

# Elements whose text a browser never shows.
INVISIBLE = set("script style noscript template head title meta link svg iframe object".split())
# Elements a browser lays out as blocks: their text starts and ends a line.
BLOCKS = set(
    "address article aside blockquote body br dd details dialog div dl dt fieldset figcaption figure footer "
    "form h1 h2 h3 h4 h5 h6 header hgroup hr li main nav ol p pre section summary table tbody thead tfoot "
    "tr td th ul option select button label caption center".split()
)
SPACES = re.compile(r"\s+")
BREAK = "\x00"  # a line break made by layout, kept apart from the source's own newlines until the end


def naive_visible_text(html: bytes | str) -> str:
    """All the text a page shows, block elements on their own lines, whitespace collapsed in each line."""
    tree = load_html(html)
    if tree is None:
        return ""
    pieces: list[str] = []
    _walk(tree, pieces, preformatted=False)
    lines = (" ".join(line.split()) for line in "".join(pieces).split(BREAK))
    return "\n".join(line for line in lines if line)


def _visible(text: str | None, preformatted: bool) -> str:
    """Text as a browser lays it out: runs of white space (line breaks too) are one space, except in <pre>."""
    if not text:
        return ""
    return text.replace("\n", BREAK) if preformatted else SPACES.sub(" ", text)


def _walk(element: HtmlElement, pieces: list[str], preformatted: bool) -> None:
    tag = element.tag.lower() if isinstance(element.tag, str) else ""
    if tag in INVISIBLE or element.tag is etree.Comment or element.tag is etree.ProcessingInstruction:
        return  # a comment's or script's tail is still visible: the caller adds it
    block = tag in BLOCKS
    preformatted = preformatted or tag in {"pre", "textarea"}
    if block:
        pieces.append(BREAK)
    pieces.append(_visible(element.text, preformatted))
    for child in element:
        _walk(child, pieces, preformatted)
        pieces.append(_visible(child.tail, preformatted))
    if block:
        pieces.append(BREAK)


@dataclass
class CleaningReport:
    title: str
    documents: int
    systems: list[SystemResult]
    removed_lines: int = 0
    kept_lines: int = 0
    outputs: dict[str, str] = field(default_factory=dict, repr=False)  # id -> cleaned text (for looking)

    def as_dict(self) -> dict[str, Any]:
        rows = []
        for result in self.systems:
            rows.append(
                {
                    "name": result.name,
                    "pages": result.pages,
                    "seconds": round(result.seconds, 3),
                    "pages_per_second": round(result.pages_per_second, 2),
                    **{k: round(v, 4) for k, v in vars(result.scores).items() if k != "documents"},
                }
            )
        return {
            "title": self.title,
            "documents": self.documents,
            "systems": rows,
            "removed_lines": self.removed_lines,
            "kept_lines": self.kept_lines,
        }


def naive_pages(data_dir: Path = DEFAULT_ROOT, limit: int | None = None) -> Iterator[tuple[str, str]]:
    """(id, naive visible text) for the benchmark's pages."""
    ids = list(load_gold(data_dir))
    for key, html in iter_pages(data_dir, ids[:limit] if limit else ids):
        yield key, naive_visible_text(html)


def run_cleaning_eval(data_dir: Path = DEFAULT_ROOT, limit: int | None = None) -> CleaningReport:
    """The naive text scored as it is, and after our text cleaner, on the same pages."""
    from storyline.extract.plain import clean_text

    gold = load_gold(data_dir)
    texts = dict(naive_pages(data_dir, limit))
    gold = {key: gold[key] for key in texts}
    cleaned: dict[str, str | None] = {}
    removed = kept = 0
    start = time.perf_counter()
    for key, text in texts.items():
        result = clean_text(text)
        cleaned[key] = "\n".join(result.paragraphs)
        removed += len(result.removed)
        kept += len(result.paragraphs)
    seconds = time.perf_counter() - start
    naive: dict[str, str | None] = dict(texts)
    systems = [
        score_system("all visible text (naive scraper)", naive, gold),
        score_system("storyline text cleaner (no HTML)", cleaned, gold, seconds),
    ]
    report = CleaningReport(
        "Zyte article-extraction-benchmark: scraped plain text -> article body", len(gold), systems
    )
    report.removed_lines, report.kept_lines = removed, kept
    report.outputs = {key: value or "" for key, value in cleaned.items()}
    return report


def format_report(report: CleaningReport) -> str:
    lines = [
        f"{report.title} ({report.documents} pages, 4-gram shingle metric, ± bootstrap std)",
        f"{'text':<40} {'F1':>13} {'precision':>13} {'recall':>13} {'accuracy':>13} {'pages/s':>8}",
    ]
    for result in report.systems:
        s = result.scores
        speed = f"{result.pages_per_second:8.1f}" if result.seconds else f"{'-':>8}"
        lines.append(
            f"{result.name:<40} {s.f1:.3f} ± {s.f1_std:.3f} {s.precision:.3f} ± {s.precision_std:.3f} "
            f"{s.recall:.3f} ± {s.recall_std:.3f} {s.accuracy:.3f} ± {s.accuracy_std:.3f} {speed}"
        )
    lines.append(f"cleaner: {report.kept_lines} lines kept, {report.removed_lines} removed (each recorded)")
    return "\n".join(lines)
