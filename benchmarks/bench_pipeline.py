"""Throughput of each pipeline stage and end to end, beside spaCy's nlp.pipe alone.

Corpus: the ECB+ documents in ../shared/data/ecbplus/ when present, else examples/.
Everything runs in one process, in one run, on this machine, so the ratio to spaCy alone
is the figure to compare across machines; absolute articles/s depend on the machine.

Usage: python benchmarks/bench_pipeline.py [--limit N] [--out benchmarks/results/pipeline.json]
"""

from __future__ import annotations

import argparse
import json
import platform
import tempfile
import time
from pathlib import Path

from storyline import pipeline
from storyline.annotate import load_nlp
from storyline.eval.ecbplus import DEFAULT_ROOT, iter_documents
from storyline.eval.stories import write_jsonl
from storyline.export import build_export, render
from storyline.store import Store

REPO = Path(__file__).resolve().parent.parent


def corpus(limit: int | None, folder: Path) -> tuple[str, list[Path], int]:
    """The fixed input: ECB+ as one JSONL file when present, else the examples folder."""
    documents = list(iter_documents(DEFAULT_ROOT)) if DEFAULT_ROOT.is_dir() else []
    if documents:
        documents = documents[:limit] if limit else documents
        path = folder / "ecbplus.jsonl"
        write_jsonl(documents, path)
        return f"ECB+ topics 1-35 ({len(documents)} documents)", [path], len(documents)
    return "examples/", [REPO / "examples"], 0


def timed(function, *args, **kwargs) -> float:
    start = time.perf_counter()
    function(*args, **kwargs)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="use only the first N documents")
    parser.add_argument("--out", type=Path, default=REPO / "benchmarks" / "results" / "pipeline.json")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        name, paths, _ = corpus(args.limit, folder)
        load_start = time.perf_counter()
        nlp = load_nlp()
        model_load = time.perf_counter() - load_start

        store = Store.open(folder / "bench.db")
        report = pipeline.RunReport()
        seconds = {
            "ingest": timed(pipeline.ingest, store, paths, report),
            "extract": timed(pipeline.extract_pending, store, report),
            "annotate": timed(pipeline.annotate_pending, store, report, nlp=nlp),
            "stories+crosscheck": timed(pipeline.build_stories, store, report),
        }
        seconds["export"] = timed(lambda: render(build_export(store), "json"))
        articles = store.articles()
        count = len(articles)

        texts = [a.text for a in articles]
        spacy_seconds = timed(lambda: list(nlp.pipe(texts, batch_size=pipeline.ANNOTATE_BATCH)))
        store.close()

    total = sum(seconds.values())
    result = {
        "corpus": name,
        "articles": count,
        "rejected": len(report.rejected),
        "stories": report.stories,
        "model_load_seconds": round(model_load, 2),
        "stages": {
            stage: {"seconds": round(s, 3), "articles_per_second": round(count / s, 1) if s else None}
            for stage, s in seconds.items()
        },
        "end_to_end": {"seconds": round(total, 2), "articles_per_second": round(count / total, 1)},
        "spacy_nlp_pipe_alone": {
            "seconds": round(spacy_seconds, 2),
            "articles_per_second": round(count / spacy_seconds, 1),
        },
        "ratio_end_to_end_to_spacy": round((count / total) / (count / spacy_seconds), 3),
        "machine": {"python": platform.python_version(), "processor": platform.machine()},
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2))

    print(f"corpus: {name}; {count} articles, {report.stories} stories, {len(report.rejected)} rejected")
    print(f"{'stage':<20}{'seconds':>10}{'articles/s':>14}")
    for stage, values in result["stages"].items():
        print(f"{stage:<20}{values['seconds']:>10.2f}{values['articles_per_second'] or 0:>14.1f}")
    print(f"{'end to end':<20}{total:>10.2f}{count / total:>14.1f}")
    print(f"{'spaCy nlp.pipe alone':<20}{spacy_seconds:>10.2f}{count / spacy_seconds:>14.1f}")
    print(
        f"ratio end-to-end / spaCy alone: {result['ratio_end_to_end_to_spacy']:.3f}  (written to {args.out})"
    )


if __name__ == "__main__":
    main()
