"""Scraped plain text to body paragraphs and metadata: the text path of the extract stage.

The steps, each in its own small function elsewhere: split into normalised lines, read the
metadata lines at the top (title, date, byline, outlet), remove page furniture line by line,
then read the first paragraph's opener (a dateline stays in the text; an outlet opener such
as "CNN — " is metadata and goes). Every paragraph returned occurs in the input, after the
whitespace normalisation of its line.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field

from storyline.extract.text_cleaner import Line, clean_lines, is_sentence, normalise
from storyline.extract.text_metadata import read_head, read_lead

log = logging.getLogger(__name__)

LINE_BREAK = re.compile(r"\r\n|\r|\n|\u2028|\u2029")


@dataclass
class CleanResult:
    paragraphs: list[str]
    removed: list[str] = field(default_factory=list)  # boilerplate lines, verbatim (stripped), in order
    title: str | None = None  # a title line; None when the text has none (the caller may make one)
    published: str | None = None  # ISO date from a date line
    outlet: str | None = None  # from an outlet line or opener ("CNN" / "—", "CNN — ")
    author: str | None = None  # from a byline ("By Anna Rossi")
    dateline: str | None = None  # "MOSCOW" from "MOSCOW: ..." or "MOSCOW (Reuters) - ..."


def split_lines(text: str) -> list[Line]:
    """Non-empty lines, whitespace-normalised (NBSP to space, indentation dropped), with their index."""
    lines = [Line(normalise(raw), index, raw.strip()) for index, raw in enumerate(LINE_BREAK.split(text))]
    return [line for line in lines if line.text]


def clean_text(text: str, outlet_hint: str | None = None) -> CleanResult:
    """Body paragraphs, removed boilerplate and the metadata the text shows about itself."""
    lines = split_lines(text)
    head = read_head(lines, outlet_hint)
    cleaned = clean_lines([line for line in lines if line.index not in head.consumed])
    paragraphs = cleaned.paragraphs
    if not paragraphs and head.title:
        paragraphs = [head.title]  # a headline-only text is its own body, not nothing
    result = CleanResult(
        paragraphs=paragraphs,
        removed=cleaned.removed,
        title=head.title,
        published=head.published,
        outlet=head.outlet,
        author=head.author,
        dateline=head.dateline,
    )
    _read_opener(result)
    return result


def _read_opener(result: CleanResult) -> None:
    """Dateline, agency or outlet opener of the lead paragraph (past a "KEY POINTS" list)."""
    position = next((i for i, p in enumerate(result.paragraphs) if is_sentence(p)), None)
    if position is None:
        return
    lead = read_lead(result.paragraphs[position])
    if lead.outlet:
        result.outlet = result.outlet or lead.outlet
        # "CNN — " is the outlet's signature, not reporting: the paragraph keeps its own words only.
        result.paragraphs[position] = result.paragraphs[position][lead.body_start :]
    result.dateline = result.dateline or lead.dateline
    result.outlet = result.outlet or lead.agency
