"""HTML extraction on the Zyte / Scrapinghub Article Extraction Benchmark: ours beside trafilatura.

181 news and blog pages with a gold article body each, read from ``../shared/data`` at run time
(never copied here). Both systems run in the same process on the same pages, so their pages/s
compare directly; trafilatura runs exactly as the upstream benchmark ran it
(``trafilatura.extract(html)`` on the page decoded as UTF-8), and our text is what an
``Article`` built from the page holds. Scores follow the benchmark's shingle metric.
"""

from __future__ import annotations

import gzip
import json
import logging
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from storyline.eval.shingles import Scores, document_f1, evaluate

log = logging.getLogger(__name__)

DEFAULT_ROOT = Path(__file__).resolve().parents[3].parent / "shared" / "data" / "article-extraction-benchmark"
# The benchmark's published F1 for reference (its README, upstream commit 4a3bc979).
PUBLISHED_F1 = {"trafilatura 2.0.0": 0.958, "rs_trafilatura / AutoExtract (best)": 0.970, "html-text": 0.665}


@dataclass
class SystemResult:
    name: str
    scores: Scores
    seconds: float  # extraction time alone, scoring excluded
    pages: int
    per_document: dict[str, float] = field(default_factory=dict)  # document id -> shingle F1

    @property
    def pages_per_second(self) -> float:
        return self.pages / self.seconds if self.seconds > 0 else 0.0


@dataclass
class ExtractionReport:
    title: str
    documents: int
    systems: list[SystemResult]
    reference: list[SystemResult] = field(default_factory=list)  # stored outputs, scored, not timed

    def as_dict(self) -> dict[str, Any]:
        def row(result: SystemResult) -> dict[str, Any]:
            return {
                "name": result.name,
                "pages": result.pages,
                "seconds": round(result.seconds, 3),
                "pages_per_second": round(result.pages_per_second, 2),
                **{k: round(v, 4) for k, v in vars(result.scores).items() if k != "documents"},
            }

        return {
            "title": self.title,
            "documents": self.documents,
            "systems": [row(s) for s in self.systems],
            "reference": [row(s) for s in self.reference],
        }


def require(root: Path) -> Path:
    """``root`` when it holds the benchmark, else FileNotFoundError saying what is missing."""
    if not (root / "ground-truth.json").is_file() or not (root / "html").is_dir():
        raise FileNotFoundError(f"no article-extraction-benchmark at {root} (ground-truth.json and html/)")
    return root


def load_gold(root: Path = DEFAULT_ROOT) -> dict[str, str]:
    data = json.loads((require(root) / "ground-truth.json").read_text(encoding="utf-8"))
    return {key: value.get("articleBody") or "" for key, value in data.items()}


def iter_pages(root: Path = DEFAULT_ROOT, ids: list[str] | None = None) -> Iterator[tuple[str, bytes]]:
    """(id, raw HTML bytes) for each page, in gold order (or the order of ``ids``)."""
    for key in ids if ids is not None else list(load_gold(root)):
        yield key, gzip.decompress((root / "html" / f"{key}.html.gz").read_bytes())


def load_output(path: Path) -> dict[str, str | None]:
    """A stored extractor output: ``{id: {"articleBody"}}`` or ``{"version", "output": {...}}``."""
    data = json.loads(path.read_text(encoding="utf-8"))
    if isinstance(data.get("output"), dict):
        data = data["output"]
    return {key: (value or {}).get("articleBody") for key, value in data.items()}


def run_system(
    name: str, extractor: Callable[[bytes], str], pages: list[tuple[str, bytes]], gold: dict[str, str]
) -> SystemResult:
    """Time ``extractor`` over ``pages`` (a failure on one page is an empty prediction), then score it."""
    predicted: dict[str, str | None] = {}
    start = time.perf_counter()
    for key, html in pages:
        try:
            predicted[key] = extractor(html)
        except Exception as error:  # one odd page must not end the run; it scores as nothing found
            log.warning("%s failed on %s: %s", name, key, error)
            predicted[key] = ""
    seconds = time.perf_counter() - start
    return score_system(name, predicted, gold, seconds)


def score_system(
    name: str, predicted: dict[str, str | None], gold: dict[str, str], seconds: float = 0.0
) -> SystemResult:
    per_document = {key: document_f1(gold[key], predicted.get(key)) for key in gold}
    return SystemResult(name, evaluate(gold, predicted), seconds, len(predicted), per_document)


def trafilatura_default(html: bytes) -> str:
    """trafilatura as the upstream benchmark runs it: the page as UTF-8 text, default settings."""
    import trafilatura

    return trafilatura.extract(html.decode("utf-8", errors="replace"), include_comments=False) or ""


def storyline_html(html: bytes) -> str:
    """Our HTML extraction: the paragraphs an ``Article`` built from this page would hold."""
    from storyline.extract.html import extract_html

    page = extract_html(html)
    return "\n".join(page.paragraphs) if page else ""


def run_extraction_eval(data_dir: Path = DEFAULT_ROOT, limit: int | None = None) -> ExtractionReport:
    """trafilatura (default settings) and our extraction on the same pages in one run, both scored."""
    gold = load_gold(data_dir)
    ids = list(gold)[:limit] if limit else list(gold)
    gold = {key: gold[key] for key in ids}
    pages = list(iter_pages(data_dir, ids))
    import trafilatura

    systems = [
        run_system(f"trafilatura {trafilatura.__version__} (default)", trafilatura_default, pages, gold),
        run_system("storyline (HTML)", storyline_html, pages, gold),
    ]
    reference = []
    stored = data_dir / "baseline-outputs" / "trafilatura.json"
    if stored.is_file() and limit is None:
        reference.append(score_system("trafilatura 2.0.0 (published output)", load_output(stored), gold))
    return ExtractionReport(
        "Zyte article-extraction-benchmark: HTML -> article body", len(ids), systems, reference
    )


def format_report(report: ExtractionReport) -> str:
    """A plain-text table: F1, precision, recall, exact-match accuracy (± bootstrap std) and pages/s."""
    lines = [
        f"{report.title} ({report.documents} pages, 4-gram shingle metric, ± bootstrap std)",
        f"{'system':<40} {'F1':>13} {'precision':>13} {'recall':>13} {'accuracy':>13} {'pages/s':>8}",
    ]
    for result in [*report.systems, *report.reference]:
        s = result.scores
        speed = f"{result.pages_per_second:8.1f}" if result.seconds else f"{'-':>8}"
        lines.append(
            f"{result.name:<40} {s.f1:.3f} ± {s.f1_std:.3f} {s.precision:.3f} ± {s.precision_std:.3f} "
            f"{s.recall:.3f} ± {s.recall_std:.3f} {s.accuracy:.3f} ± {s.accuracy_std:.3f} {speed}"
        )
    published = ", ".join(f"{name} {f1:.3f}" for name, f1 in PUBLISHED_F1.items())
    lines.append(f"published F1 (benchmark README): {published}")
    return "\n".join(lines)
