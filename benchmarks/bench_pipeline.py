"""Throughput of each pipeline stage and end to end, beside spaCy's nlp.pipe alone.

Corpus: the ECB+ documents in ../shared/data/ecbplus/ when present, else examples/.
Everything runs in one process, in one run, on this machine, so the ratio to spaCy alone
is the figure to compare across machines; absolute articles/s depend on the machine.
Beside it, in the same run: the annotate stage with and without quote extraction (what quotes
and speakers cost), and HTML pages per second for our extraction beside trafilatura alone on the
Zyte benchmark pages (../shared/data/article-extraction-benchmark/), when present.

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
from storyline.annotate import annotate_doc, load_nlp, parse_texts
from storyline.annotate.parses import PARSE_FEATURES
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


def quote_overhead(nlp, articles) -> dict:
    """Annotate-stage seconds with and without quotes: the parse once, the rules timed apart."""
    start = time.perf_counter()
    docs = list(parse_texts(nlp, (a.text for a in articles), pipeline.ANNOTATE_BATCH))
    parse = time.perf_counter() - start  # shared by both runs below
    pairs = list(zip(articles, docs, strict=True))
    without = timed(lambda: [annotate_doc(a, d, quotes=False) for a, d in pairs])
    with_quotes = timed(lambda: [annotate_doc(a, d, quotes=True) for a, d in pairs])
    base = parse + without
    return {
        "parse_seconds": round(parse, 2),
        "annotate_without_quotes_seconds": round(base, 2),
        "annotate_with_quotes_seconds": round(parse + with_quotes, 2),
        "quotes_added_percent": round(100 * with_quotes / without - 100 if without else 0.0, 1),
        "quotes_added_to_annotate_percent": round(100 * (with_quotes - without) / base, 1),
    }


def html_throughput(limit: int | None = None) -> dict | None:
    """Pages per second on the same benchmark pages: trafilatura alone, then our HTML extraction."""
    from storyline.eval.extraction import DEFAULT_ROOT as PAGES_ROOT
    from storyline.eval.extraction import iter_pages, storyline_html, trafilatura_default

    if not (PAGES_ROOT / "html").is_dir():
        return None
    pages = [html for _, html in iter_pages(PAGES_ROOT)][:limit]
    trafilatura_seconds = timed(lambda: [trafilatura_default(html) for html in pages])
    ours_seconds = timed(lambda: [storyline_html(html) for html in pages])
    return {
        "pages": len(pages),
        "trafilatura_pages_per_second": round(len(pages) / trafilatura_seconds, 1),
        "storyline_pages_per_second": round(len(pages) / ours_seconds, 1),
        "ratio_storyline_to_trafilatura": round(trafilatura_seconds / ours_seconds, 3),
    }


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
        quotes = quote_overhead(nlp, articles)
        parse_bytes = sum(len(blob) for _, blob in store.features(PARSE_FEATURES))
        store.close()
        store_bytes = (folder / "bench.db").stat().st_size
    html = html_throughput(args.limit)

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
        "quotes": quotes,
        "store": {
            "megabytes": round(store_bytes / 1e6, 1),
            "kept_parses_megabytes": round(parse_bytes / 1e6, 1),
            "text_megabytes": round(sum(len(t.encode("utf-8")) for t in texts) / 1e6, 2),
        },
        "html_extraction": html,
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
    print(
        f"quotes and speakers add {quotes['quotes_added_to_annotate_percent']:.1f}% to the annotate stage "
        f"(parse {quotes['parse_seconds']:.2f} s, annotate without quotes "
        f"{quotes['annotate_without_quotes_seconds']:.2f} s, "
        f"with {quotes['annotate_with_quotes_seconds']:.2f} s)"
    )
    kept = result["store"]
    print(
        f"store: {kept['megabytes']:.1f} MB, of which kept parses {kept['kept_parses_megabytes']:.1f} MB "
        f"(article text {kept['text_megabytes']:.2f} MB)"
    )
    if html:
        print(
            f"HTML extraction, {html['pages']} benchmark pages: "
            f"storyline {html['storyline_pages_per_second']:.1f} pages/s, "
            f"trafilatura alone {html['trafilatura_pages_per_second']:.1f} pages/s "
            f"(ratio {html['ratio_storyline_to_trafilatura']:.2f})"
        )
    else:
        print("HTML extraction: skipped, no article-extraction benchmark pages")


if __name__ == "__main__":
    main()
