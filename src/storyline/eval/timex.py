"""``storyline eval times``: time expressions on TempEval-3's TBAQ-cleaned data, scored the TempEval-3 way.

TempEval-3 Task A (UzZaman et al., SemEval 2013): extraction precision, recall and F1, strict
(same characters) and relaxed (overlapping); then, over the relaxed matches, the share whose
normalised ``value`` (and ``type``) equals the gold one. Value F1 counts a prediction as right
only when it overlaps a gold expression and carries its value, so it is relaxed F1 times value
accuracy when matches are one to one. The document creation time (DCT) is the anchor, as the
publication date is for articles; it is not itself scored. Each subfolder (TimeBank, AQUAINT) is
also scored on its own, so that a rule tuned on one can be checked on the other.

The data is research-only: it is read from ../shared/data/tempeval3 and never copied here.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from storyline.eval.ecbplus import DEFAULT_ROOT as ECB_ROOT

DEFAULT_ROOT = ECB_ROOT.parent.parent / "tempeval3" / "TBAQ-cleaned"
SCORED_TYPES = ("DATE", "TIME")  # what the issue asks about; DURATION and SET are reported beside


@dataclass(frozen=True)
class GoldTime:
    start: int
    end: int
    text: str
    type: str
    value: str


@dataclass
class TimeMLDocument:
    name: str
    dct: str  # the document creation time, ISO date
    text: str
    times: list[GoldTime]
    folder: str = ""  # the corpus it comes from: TBAQ-cleaned's TimeBank or AQUAINT


def _walk(element: ET.Element, parts: list[str], times: list[GoldTime], offset: int) -> int:
    """Append the element's text to ``parts``, recording TIMEX3 offsets; returns the new offset."""
    if element.text:
        parts.append(element.text)
        offset += len(element.text)
    for child in element:
        start = offset
        offset = _walk(child, parts, times, offset)
        if child.tag == "TIMEX3":
            text = "".join(parts)[start:offset]
            times.append(GoldTime(start, offset, text, child.get("type", "DATE"), child.get("value", "")))
        if child.tail:
            parts.append(child.tail)
            offset += len(child.tail)
    return offset


def read_timeml(path: Path) -> TimeMLDocument:
    root = ET.parse(path).getroot()
    dct_element = root.find("DCT/TIMEX3")
    text_element = root.find("TEXT")
    if dct_element is None or text_element is None:
        raise ValueError(f"{path}: no DCT or TEXT")
    parts: list[str] = []
    times: list[GoldTime] = []
    _walk(text_element, parts, times, 0)
    dct = dct_element.get("value", "")[:10]
    return TimeMLDocument(path.stem, dct, "".join(parts), times, folder=path.parent.name)


def iter_timeml(root: Path = DEFAULT_ROOT) -> Iterator[TimeMLDocument]:
    for path in sorted(root.rglob("*.tml")):
        yield read_timeml(path)


@dataclass
class Counts:
    predicted: int = 0
    gold: int = 0
    strict: int = 0  # predicted spans equal to a gold span
    relaxed_predicted: int = 0  # predicted spans overlapping some gold span
    relaxed_gold: int = 0  # gold spans overlapped by some prediction
    matched: int = 0  # one-to-one relaxed matches
    value_correct: int = 0
    type_correct: int = 0

    def add(self, other: Counts) -> None:
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))


@dataclass
class TimesResult:
    documents: int
    counts: dict[str, Counts] = field(default_factory=dict)  # "DATE+TIME", "all", then each per folder

    def scores(self, scope: str) -> dict[str, float]:
        c = self.counts[scope]

        def f1(p: float, r: float) -> float:
            return 2 * p * r / (p + r) if p + r else 0.0

        strict_p = c.strict / c.predicted if c.predicted else 0.0
        strict_r = c.strict / c.gold if c.gold else 0.0
        relaxed_p = c.relaxed_predicted / c.predicted if c.predicted else 0.0
        relaxed_r = c.relaxed_gold / c.gold if c.gold else 0.0
        value_p = c.value_correct / c.predicted if c.predicted else 0.0
        value_r = c.value_correct / c.gold if c.gold else 0.0
        return {
            "strict_p": strict_p, "strict_r": strict_r, "strict_f1": f1(strict_p, strict_r),
            "relaxed_p": relaxed_p, "relaxed_r": relaxed_r, "relaxed_f1": f1(relaxed_p, relaxed_r),
            "value_accuracy": c.value_correct / c.matched if c.matched else 0.0,
            "type_accuracy": c.type_correct / c.matched if c.matched else 0.0,
            "value_f1": f1(value_p, value_r),
        }  # fmt: skip


def score_document(predicted: list[tuple[int, int, str | None, str]], gold: list[GoldTime]) -> Counts:
    """Counts for one document; ``predicted`` holds (start, end, value, type)."""
    counts = Counts(predicted=len(predicted), gold=len(gold))
    gold_spans = {(g.start, g.end) for g in gold}
    counts.strict = sum((s, e) in gold_spans for s, e, _, _ in predicted)
    counts.relaxed_predicted = sum(any(s < g.end and g.start < e for g in gold) for s, e, _, _ in predicted)
    counts.relaxed_gold = sum(any(s < g.end and g.start < e for s, e, _, _ in predicted) for g in gold)
    used: set[int] = set()
    for start, end, value, kind in predicted:  # greedy one-to-one matching, largest overlap first
        overlaps = [
            (min(end, g.end) - max(start, g.start), index)
            for index, g in enumerate(gold)
            if index not in used and start < g.end and g.start < end
        ]
        if not overlaps:
            continue
        _, index = max(overlaps)
        used.add(index)
        counts.matched += 1
        counts.value_correct += value == gold[index].value
        counts.type_correct += kind == gold[index].type
    return counts


def evaluate_times(root: Path = DEFAULT_ROOT, nlp=None) -> TimesResult:
    from storyline.annotate import annotate, load_nlp
    from storyline.model import Article

    documents = list(iter_timeml(root))
    if not documents:
        raise FileNotFoundError(f"no TimeML documents under {root}")
    nlp = nlp or load_nlp()
    articles = [Article(id=d.name, source=d.name, text=d.text, published=d.dct) for d in documents]
    folders = sorted({d.folder for d in documents})
    folders = folders if len(folders) > 1 else []  # one folder: its rows would repeat the totals
    suffixes = ["", *(f" {folder}" for folder in folders)]
    scopes = [f"{scope}{suffix}" for suffix in suffixes for scope in ("DATE+TIME", "all")]
    result = TimesResult(documents=len(documents), counts={scope: Counts() for scope in scopes})
    for document, notes in zip(documents, annotate(nlp, articles), strict=True):
        predicted = [(t.start, t.end, t.value, t.type) for t in notes.times]
        gold = [g for g in document.times if g.type in SCORED_TYPES]
        dated = [p for p in predicted if p[3] in SCORED_TYPES]
        for suffix in ("", f" {document.folder}") if folders else ("",):  # the totals, then its folder
            result.counts[f"all{suffix}"].add(score_document(predicted, document.times))
            result.counts[f"DATE+TIME{suffix}"].add(score_document(dated, gold))
    return result
