"""Reading PolNeAR (Newell, Margolin & Ruths, LREC 2018): attribution relations in political news.

Each article is a ``text/<name>.txt`` file with one or more brat standoff annotations
``attributions/<name>_<annotator>.ann``; ``metadata.tsv`` lists an article's annotators and we
score against the first one, as the corpus README advises. An attribution (an ``E`` line)
links a content span, a cue span and, when the text names one, a source span; each span may be
discontinuous (``start end;start end``), so spans are kept as lists of fragments.

The data is research-only: it is read from ../shared/data/polnear at run time, never copied here.
"""

from __future__ import annotations

import csv
import logging
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from storyline.eval.ecbplus import DEFAULT_ROOT as ECB_ROOT

log = logging.getLogger(__name__)

DEFAULT_ROOT = ECB_ROOT.parent.parent / "polnear" / "data"
Fragments = tuple[tuple[int, int], ...]  # one span as (start, end) pieces, in text order


@dataclass(frozen=True)
class GoldAttribution:
    content: Fragments
    cue: Fragments
    source: Fragments  # empty when the attribution has no source ("It is said that ...")


@dataclass
class PolnearArticle:
    name: str  # the file stem: outlet, date and a cut title
    text: str
    publisher: str | None = None
    published: str | None = None  # ISO date
    annotator: str | None = None
    attributions: list[GoldAttribution] = field(default_factory=list)


def parse_fragments(offsets: str) -> Fragments:
    """``"12 30;32 40"`` -> ((12, 30), (32, 40))."""
    pieces = []
    for piece in offsets.split(";"):
        start, end = piece.split()
        pieces.append((int(start), int(end)))
    return tuple(sorted(pieces))


def parse_ann(content: str) -> list[GoldAttribution]:
    """The attributions of one brat standoff file: each ``E`` line with its Content, Cue and Source."""
    spans: dict[str, Fragments] = {}
    events: list[dict[str, str]] = []
    for line in content.splitlines():
        if line.startswith("T"):
            ident, annotation, _ = (line.split("\t") + ["", ""])[:3]
            _, _, offsets = annotation.partition(" ")
            if offsets:
                spans[ident] = parse_fragments(offsets)
        elif line.startswith("E"):
            _, _, roles = line.partition("\t")
            events.append(dict(role.split(":", 1) for role in roles.split() if ":" in role))
    attributions = []
    for event in events:
        content_span = spans.get(event.get("Content", ""), ())
        if not content_span:
            continue  # an attribution with no content cannot be scored (a handful in the corpus)
        attributions.append(
            GoldAttribution(
                content=content_span,
                cue=spans.get(event.get("Cue", ""), ()),
                source=spans.get(event.get("Source", ""), ()),
            )
        )
    return attributions


def _metadata(root: Path) -> dict[str, dict[str, str]]:
    path = root / "metadata.tsv"
    if not path.exists():
        return {}
    with path.open(encoding="utf-8", newline="") as handle:
        return {row["filename"]: row for row in csv.DictReader(handle, delimiter="\t")}


def _annotation_file(folder: Path, name: str, annotators: list[str]) -> tuple[Path, str] | None:
    """The first listed annotator's file, else the first file there is for the article."""
    for annotator in annotators:
        path = folder / f"{name}_{annotator}.ann"
        if path.exists():
            return path, annotator
    found = sorted(folder.glob(f"{name}_*.ann"))
    return (found[0], found[0].stem.rsplit("_", 1)[1]) if found else None


def iter_articles(
    root: Path = DEFAULT_ROOT, split: str = "dev", limit: int | None = None
) -> Iterator[PolnearArticle]:
    """The split's articles in file order, each with the first annotator's attributions."""
    folder = root / split
    if not (folder / "text").is_dir():
        raise FileNotFoundError(f"no PolNeAR {split!r} split under {root} (expected {folder / 'text'})")
    metadata = _metadata(root)
    count = 0
    for text_path in sorted((folder / "text").glob("*.txt")):
        if limit is not None and count >= limit:
            return
        name = text_path.stem
        row = metadata.get(name, {})
        annotators = [a for a in row.get("annotators", "").split("|") if a]
        found = _annotation_file(folder / "attributions", name, annotators)
        if found is None:
            log.warning("PolNeAR %s: no annotation file, skipped", name)
            continue
        ann_path, annotator = found
        # brat offsets count characters of the file as stored: read it without newline translation
        text = text_path.read_bytes().decode("utf-8")
        yield PolnearArticle(
            name=name,
            text=text,
            publisher=row.get("publisher") or None,
            published=row.get("publication_date") or None,
            annotator=annotator,
            attributions=parse_ann(ann_path.read_bytes().decode("utf-8")),
        )
        count += 1
