"""``storyline eval quotes``: attribution extraction on PolNeAR, ours beside textacy's direct quotations.

Both systems read the same spaCy docs in the same run. One predicted attribution is a cue with
its content and source: our quotes that share a cue are one attribution (the two halves of
"“...,” she said, “...”"), and a quote with no cue that continues the last speaker joins the
quote before it, as PolNeAR annotates continuation paragraphs; textacy's triples are grouped by
cue the same way.

Scores:
- attribution P/R/F1: a prediction matches a gold attribution when their contents share at least
  half of the gold content's characters (character overlap, whitespace included), one to one,
  largest overlap first;
- source accuracy over the matched pairs whose gold attribution names a source (and, beside it,
  over those where the system names a speaker at all, "src|giv"): the predicted
  speaker span overlaps the gold source span, or the gold source contains the last word of the
  name the speaker resolves to ("Clinton" for a "she" resolved to Hillary Clinton);
- attribution+source F1: a match only counts when its source is right too;
- exact-span P/R/F1 on the content, one to one, after trimming whitespace, punctuation and
  quotation marks at either end of each fragment and a leading "that": PolNeAR keeps both inside
  the content, we don't;
- for our system, a breakdown by kind: precision by our kind, recall by the gold content's kind read
  from its quotation marks (all inside marks: direct; some: mixed; none: indirect).
"""

from __future__ import annotations

import logging
import re
import time
from collections import Counter
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path

from spacy.tokens import Doc

from storyline.annotate.quote_spans import find_quote_spans
from storyline.eval.attribution_data import (
    DEFAULT_ROOT,
    Fragments,
    GoldAttribution,
    PolnearArticle,
    iter_articles,
)
from storyline.model import Annotations, Article, Quote

log = logging.getLogger(__name__)

MIN_SHARE = 0.5  # of the gold content's characters
KINDS = ("direct", "mixed", "indirect")
QUOTE_MARKS = "\"“”‘’«»„'"
TRIM = " \t\n\r.,;:!?—–-" + QUOTE_MARKS


@dataclass
class Predicted:
    content: Fragments
    cue: Fragments
    source: Fragments
    name: str | None = None
    kind: str = "direct"


@dataclass
class Counts:
    predicted: int = 0
    gold: int = 0
    matched: int = 0
    with_source: int = 0  # matched pairs whose gold attribution has a source
    source_given: int = 0  # ... and where we name a speaker (we leave "I", "they", "who" unresolved)
    source_right: int = 0
    exact: int = 0

    def add(self, other: Counts) -> None:
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def scores(self) -> dict[str, float]:
        def f1(p: float, r: float) -> float:
            return 2 * p * r / (p + r) if p + r else 0.0

        p = self.matched / self.predicted if self.predicted else 0.0
        r = self.matched / self.gold if self.gold else 0.0
        joint = self.source_right + (self.matched - self.with_source)  # no gold source: nothing to miss
        jp = joint / self.predicted if self.predicted else 0.0
        jr = joint / self.gold if self.gold else 0.0
        ep = self.exact / self.predicted if self.predicted else 0.0
        er = self.exact / self.gold if self.gold else 0.0
        return {
            "precision": p, "recall": r, "f1": f1(p, r),
            "source_accuracy": self.source_right / self.with_source if self.with_source else 0.0,
            "source_accuracy_given": self.source_right / self.source_given if self.source_given else 0.0,
            "with_source_f1": f1(jp, jr),
            "exact_precision": ep, "exact_recall": er, "exact_f1": f1(ep, er),
        }  # fmt: skip


@dataclass
class KindCounts:
    """Precision by our kind (predicted, matched), recall by the gold content's kind (gold, recalled)."""

    predicted: int = 0
    matched: int = 0
    gold: int = 0
    recalled: int = 0

    def scores(self) -> dict[str, float]:
        return {
            "precision": self.matched / self.predicted if self.predicted else 0.0,
            "recall": self.recalled / self.gold if self.gold else 0.0,
        }


@dataclass
class SystemResult:
    counts: Counts = field(default_factory=Counts)
    by_kind: dict[str, KindCounts] = field(default_factory=lambda: {k: KindCounts() for k in KINDS})
    seconds: float = 0.0


@dataclass
class QuotesResult:
    split: str
    documents: int
    gold: int
    systems: dict[str, SystemResult]

    def to_dict(self) -> dict:
        return {
            "split": self.split,
            "documents": self.documents,
            "gold": self.gold,
            "systems": {
                name: {
                    "counts": asdict(system.counts),
                    "scores": system.counts.scores(),
                    "seconds": round(system.seconds, 2),
                    "by_kind": {
                        kind: {"counts": asdict(c), "scores": c.scores()}
                        for kind, c in system.by_kind.items()
                    },
                }
                for name, system in self.systems.items()
            },
        }


# ---------------------------------------------------------------- predictions


def _fragment(start: int | None, end: int | None) -> Fragments:
    return ((start, end),) if start is not None and end is not None and start < end else ()


def from_quotes(quotes: list[Quote]) -> list[Predicted]:
    """Our quotes as attributions: one per cue, continuation paragraphs joined to the quote before."""
    predicted: list[Predicted] = []
    by_cue: dict[tuple[int, int], Predicted] = {}
    for quote in sorted(quotes, key=lambda q: q.start):
        content = ((quote.start, quote.end),)
        if quote.cue_start is not None and quote.cue_end is not None:
            key = (quote.cue_start, quote.cue_end)
            if key in by_cue:
                by_cue[key].content = tuple(sorted(by_cue[key].content + content))
                continue
        elif predicted and quote.speaker is not None and predicted[-1].name == quote.speaker.name:
            predicted[-1].content = tuple(sorted(predicted[-1].content + content))
            continue
        speaker = quote.speaker
        item = Predicted(
            content=content,
            cue=_fragment(quote.cue_start, quote.cue_end),
            source=_fragment(speaker.start, speaker.end) if speaker else (),
            name=speaker.name if speaker else None,
            kind=quote.kind,
        )
        if item.cue:
            by_cue[item.cue[0]] = item
        predicted.append(item)
    return predicted


def textacy_predictions(doc: Doc) -> list[Predicted]:
    """textacy's ``direct_quotations`` triples as attributions, grouped by cue like ours."""
    from textacy.extract.triples import direct_quotations

    try:
        triples = list(direct_quotations(doc))
    except ValueError:  # textacy gives up on a document with an odd number of quotation marks
        return []
    by_cue: dict[Fragments, Predicted] = {}
    for triple in triples:
        cue = ((triple.cue[0].idx, triple.cue[-1].idx + len(triple.cue[-1].text)),)
        source = ((triple.speaker[0].idx, triple.speaker[-1].idx + len(triple.speaker[-1].text)),)
        content = ((triple.content.start_char, triple.content.end_char),)
        if cue in by_cue:
            by_cue[cue].content = tuple(sorted(by_cue[cue].content + content))
        else:
            name = " ".join(t.text for t in triple.speaker)
            by_cue[cue] = Predicted(content=content, cue=cue, source=source, name=name)
    return list(by_cue.values())


# ---------------------------------------------------------------- scoring


def _merged(span: Fragments) -> list[tuple[int, int]]:
    """The fragments as disjoint character ranges: a content is a set of characters, so two quotes of
    one attribution that overlap (a mixed quote inside a reported clause) count their shared part once."""
    ranges: list[tuple[int, int]] = []
    for start, end in sorted(span):
        if ranges and start <= ranges[-1][1]:
            ranges[-1] = (ranges[-1][0], max(ranges[-1][1], end))
        else:
            ranges.append((start, end))
    return ranges


def _overlap(a: Fragments, b: Fragments) -> int:
    return sum(max(0, min(e1, e2) - max(s1, s2)) for s1, e1 in _merged(a) for s2, e2 in _merged(b))


def _length(span: Fragments) -> int:
    return sum(end - start for start, end in _merged(span))


def normalised(text: str, span: Fragments) -> tuple[tuple[int, int], ...]:
    """Fragments trimmed of edge punctuation, quotation marks and a leading "that", for exact matching."""
    pieces = []
    for index, (start, end) in enumerate(span):
        while start < end and text[start] in TRIM:
            start += 1
        while end > start and text[end - 1] in TRIM:
            end -= 1
        if index == 0 and re.match(r"that\b\s*", text[start:end], re.I):
            start += len(re.match(r"that\b\s*", text[start:end], re.I).group(0))  # type: ignore[union-attr]
        if start < end:
            pieces.append((start, end))
    return tuple(pieces)


def gold_kind(text: str, span: Fragments) -> str:
    """direct when the content is all inside quotation marks, mixed when part of it is, else indirect."""
    inside = _quoted_mask(text)
    chars = [
        i for start, end in span for i in range(start, end) if not text[i].isspace() and text[i] not in TRIM
    ]
    if not chars:
        return "indirect"
    share = sum(inside[i] for i in chars) / len(chars)
    return "direct" if share >= 0.9 else "mixed" if share > 0 else "indirect"


def _quoted_mask(text: str) -> list[bool]:
    """Which characters are inside quotation marks, as the quote finder reads the marks."""
    mask = [False] * len(text)
    for span in find_quote_spans(text):
        mask[span.start : span.end] = [True] * (span.end - span.start)
    return mask


def _source_right(text: str, predicted: Predicted, gold: GoldAttribution) -> bool:
    if _overlap(predicted.source, gold.source):
        return True
    if not predicted.name:
        return False
    words = re.findall(r"\w+", predicted.name.lower())
    source_words = {w for s, e in gold.source for w in re.findall(r"\w+", text[s:e].lower())}
    return bool(words) and words[-1] in source_words


def score_article(
    text: str,
    predicted: list[Predicted],
    gold: list[GoldAttribution],
    by_kind: dict[str, KindCounts] | None = None,
) -> Counts:
    counts = Counts(predicted=len(predicted), gold=len(gold))
    gold_kinds = [gold_kind(text, g.content) for g in gold]
    if by_kind is not None:
        for item in predicted:
            by_kind[item.kind].predicted += 1
        for kind in gold_kinds:
            by_kind[kind].gold += 1
    pairs = sorted(
        (
            (_overlap(p.content, g.content), pi, gi)
            for pi, p in enumerate(predicted)
            for gi, g in enumerate(gold)
            if _overlap(p.content, g.content) >= MIN_SHARE * _length(g.content)
        ),
        reverse=True,
    )
    used_p: set[int] = set()
    used_g: set[int] = set()
    for _, pi, gi in pairs:
        if pi in used_p or gi in used_g:
            continue
        used_p.add(pi)
        used_g.add(gi)
        counts.matched += 1
        right = bool(gold[gi].source) and _source_right(text, predicted[pi], gold[gi])
        counts.with_source += bool(gold[gi].source)
        counts.source_given += bool(gold[gi].source) and bool(predicted[pi].source or predicted[pi].name)
        counts.source_right += right
        if by_kind is not None:  # precision by our kind, recall by the gold kind
            by_kind[predicted[pi].kind].matched += 1
            by_kind[gold_kinds[gi]].recalled += 1
    # exact spans, one to one like the overlap matches: two predictions cannot both take one gold content
    gold_exact = Counter(normalised(text, g.content) for g in gold)
    for item in predicted:
        key = normalised(text, item.content)
        if gold_exact[key] > 0:
            gold_exact[key] -= 1
            counts.exact += 1
    return counts


# ---------------------------------------------------------------- the run


def _ours(article: Article, doc: Doc) -> list[Predicted]:
    from storyline.annotate import annotate_doc

    notes: Annotations = annotate_doc(article, doc)
    return from_quotes(notes.quotes)


def run_quotes_eval(
    data_dir: Path | None = None, split: str = "dev", limit: int | None = None, nlp=None
) -> QuotesResult:
    """Ours and textacy's direct quotations on one PolNeAR split, over the same spaCy docs."""
    from storyline.annotate import load_nlp, parse_texts

    articles = list(iter_articles(data_dir or DEFAULT_ROOT, split, limit))
    if not articles:
        raise FileNotFoundError(
            f"no PolNeAR articles in the {split!r} split under {data_dir or DEFAULT_ROOT}"
        )
    nlp = nlp or load_nlp()
    systems = {"storyline": SystemResult(), "textacy": SystemResult()}
    docs = parse_texts(nlp, (a.text for a in articles), batch_size=16)
    for polnear, doc in zip(articles, docs, strict=True):
        _score_one(polnear, doc, systems)
    return QuotesResult(
        split=split, documents=len(articles), gold=sum(len(a.attributions) for a in articles), systems=systems
    )


def _score_one(polnear: PolnearArticle, doc: Doc, systems: dict[str, SystemResult]) -> None:
    article = Article(id=polnear.name, source=polnear.name, text=polnear.text, published=polnear.published)
    runs: Iterable[tuple[str, object]] = (("storyline", _ours), ("textacy", textacy_predictions))
    for name, system in runs:
        began = time.perf_counter()
        predicted = system(article, doc) if name == "storyline" else system(doc)  # type: ignore[operator]
        result = systems[name]
        result.seconds += time.perf_counter() - began
        by_kind = result.by_kind if name == "storyline" else None
        result.counts.add(score_article(polnear.text, predicted, polnear.attributions, by_kind))


def format_report(result: QuotesResult) -> str:
    """A plain-text table: one row per system, then our breakdown by kind."""
    lines = [
        f"PolNeAR {result.split}: {result.documents} articles, {result.gold} gold attributions "
        f"(content overlap >= {MIN_SHARE:.0%} of the gold content's characters, one to one)",
        f"{'system':<10} {'pred':>5} {'P':>6} {'R':>6} {'F1':>6} {'src acc':>8} {'src|giv':>8} "
        f"{'+src F1':>8} {'exact P':>8} {'exact R':>8} {'exact F1':>8} {'secs':>6}",
    ]
    for name, system in result.systems.items():
        s = system.counts.scores()
        columns = ("precision", "recall", "f1", "source_accuracy", "source_accuracy_given", "with_source_f1")
        exact = ("exact_precision", "exact_recall", "exact_f1")
        lines.append(
            f"{name:<10} {system.counts.predicted:>5} "
            + " ".join(f"{s[key]:>{6 if key in columns[:3] else 8}.3f}" for key in columns + exact)
            + f" {system.seconds:>6.1f}"
        )
    ours = result.systems.get("storyline")
    if ours is not None:
        lines.append(
            "storyline by kind (precision by our kind, recall by the gold content's quotation marks):"
        )
        lines.append(f"{'kind':<10} {'pred':>5} {'P':>6} {'gold':>5} {'R':>6}")
        for kind, c in ours.by_kind.items():
            k = c.scores()
            lines.append(
                f"{kind:<10} {c.predicted:>5} {k['precision']:>6.3f} {c.gold:>5} {k['recall']:>6.3f}"
            )
    return "\n".join(lines)
