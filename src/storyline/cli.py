"""The ``storyline`` command line. Only this module configures output."""

from __future__ import annotations

import dataclasses
import json
import logging
import os
import re
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn, TimeElapsedColumn
from rich.table import Table

from storyline import export as exporting
from storyline import pipeline
from storyline.ingest import DEFAULT_MAX_BYTES
from storyline.store import DEFAULT_DB, Store

app = typer.Typer(
    help="Storyline: many outlets' reports of the same events, cross-checked into one cited view per story.",
    no_args_is_help=True,
    add_completion=False,
)
console = Console(stderr=True)
out = Console() if sys.stdout.isatty() else Console(width=160)  # piped tables are not cut to 80 columns

DbOption = Annotated[
    Optional[str],  # noqa: UP045 - typer needs Optional here
    typer.Option("--db", help="SQLite path or PostgreSQL URL [env STORYLINE_DB; default ./storyline.db]"),
]
PathsArgument = Annotated[
    list[Path],
    typer.Argument(help="Files or directories (.txt, .html, .jsonl, .csv, .tsv, .warc, .warc.gz)"),
]
InputsArgument = Annotated[
    Optional[list[str]],  # noqa: UP045
    typer.Argument(help="Files, directories (.txt .html .jsonl .csv .tsv .warc .warc.gz) or http(s) URLs"),
]
MaxBytesOption = Annotated[
    int, typer.Option("--max-bytes", help="Reject input files larger than this many bytes", min=1)
]
ColumnsOption = Annotated[
    Optional[str],  # noqa: UP045
    typer.Option(
        "--columns", help="Which CSV/JSONL column holds which field, e.g. text=body,title=headline"
    ),
]
AllowPrivateOption = Annotated[
    bool,
    typer.Option(
        "--allow-private",
        help="Also fetch from private, loopback and link-local addresses (refused by default)",
    ),
]
URL_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")


def _open(db: str | None) -> Store:
    return Store.open(db or os.environ.get("STORYLINE_DB") or DEFAULT_DB)


@app.callback()
def main(verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Log what each stage does")] = False):
    logging.basicConfig(
        level=logging.INFO if verbose else logging.WARNING, format="%(levelname)s %(name)s: %(message)s"
    )


@contextmanager
def _progress_bar() -> Iterator[pipeline.Progress]:
    """A progress bar per stage, drawn on stderr only when it is a terminal."""
    with Progress(
        TextColumn("{task.description:<10}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=False,
        disable=not console.is_terminal,
    ) as bar:
        tasks: dict[str, TaskID] = {}

        def update(stage: str, done: int, total: int) -> None:
            if stage not in tasks:
                tasks[stage] = bar.add_task(stage, total=total or None)
            bar.update(tasks[stage], completed=done, total=total or None)

        yield update


def _summary(report: pipeline.RunReport) -> None:
    console.print(
        f"[bold]{report.new_inputs}[/] new inputs ({report.seen_inputs} seen before), "
        f"[bold]{report.articles}[/] articles extracted ({report.duplicates} copies of earlier ones linked), "
        f"{report.annotated} annotated, [bold]{report.stories}[/] stories ({report.reanalysed} updated), "
        f"[bold]{len(report.rejected)}[/] rejected"
    )
    for rejection in report.rejected:
        console.print(f"  [yellow]rejected[/] {rejection.source}: {rejection.reason}")


def _column_mapping(spec: str | None):
    from storyline.ingest.archives import ColumnMapping

    try:
        return ColumnMapping.parse(spec) if spec else None
    except ValueError as error:
        raise typer.BadParameter(str(error), param_hint="--columns") from None


def _url_list(path: Path) -> list[str]:
    from storyline.ingest.fetch import read_url_list

    try:
        return read_url_list(path)
    except OSError as error:
        console.print(f"[red]cannot read {path}[/]: {error.strerror or error}")
        raise typer.Exit(2) from None


@app.command()
def analyze(
    paths: PathsArgument,
    db: DbOption = None,
    json_out: Annotated[Optional[Path], typer.Option("--json", help="Write the export JSON here")] = None,  # noqa: UP045
    html_out: Annotated[Optional[Path], typer.Option("--html", help="Write the HTML report here")] = None,  # noqa: UP045
    md_out: Annotated[Optional[Path], typer.Option("--md", help="Write the Markdown report here")] = None,  # noqa: UP045
    columns: ColumnsOption = None,
    max_bytes: MaxBytesOption = DEFAULT_MAX_BYTES,
):
    """Ingest PATHS, process everything and write the reports: the one-step demo."""
    mapping = _column_mapping(columns)
    store = _open(db)
    with _progress_bar() as progress:
        report = pipeline.run(store, paths, progress, max_bytes=max_bytes, columns=mapping)
    _summary(report)
    if json_out or html_out or md_out:
        data = exporting.build_export(store)
        for fmt, target in (("json", json_out), ("html", html_out), ("md", md_out)):
            if target is not None:
                exporting.write(data, fmt, target)  # type: ignore[arg-type]
                console.print(f"wrote {fmt} report to [bold]{target.resolve()}[/]")
    for story in store.stories():
        typer.echo(f"{story.id}  {len(story.article_ids):>3} articles  {story.title}")


@app.command()
def ingest(
    inputs: InputsArgument = None,
    db: DbOption = None,
    feed: Annotated[
        Optional[list[str]],  # noqa: UP045
        typer.Option("--feed", help="An RSS/Atom feed to poll once for new entries (repeatable)"),
    ] = None,
    urls: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option("--urls", help="A file of URLs to fetch, one a line (# comments allowed)"),
    ] = None,
    columns: ColumnsOption = None,
    allow_private: AllowPrivateOption = False,
    max_bytes: MaxBytesOption = DEFAULT_MAX_BYTES,
):
    """Ingest files, folders, URLs and feeds, and bring stories up to date (no report)."""
    given = inputs or []
    page_urls = [item for item in given if URL_SCHEME.match(item)]
    paths = [item for item in given if not URL_SCHEME.match(item)]
    if urls is not None:
        page_urls += _url_list(urls)
    mapping = _column_mapping(columns)
    if not (paths or page_urls or feed):
        console.print("[red]nothing to ingest[/]: give files, folders or URLs, --urls FILE or --feed URL")
        raise typer.Exit(2)
    store = _open(db)
    report = pipeline.RunReport()
    with _progress_bar() as progress:
        pipeline.ingest(store, paths, report, progress, max_bytes=max_bytes, columns=mapping)
        if page_urls or feed:
            from storyline.ingest.fetch import Fetcher

            with Fetcher(allow_private=allow_private, max_bytes=max_bytes) as fetcher:
                pipeline.ingest_urls(store, page_urls, report, fetcher, progress)
                pipeline.poll_feeds(store, feed or [], report, fetcher, progress)
        pipeline.process(store, report, progress)
    _summary(report)


INTERVAL = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(s|sec|m|min|h|hr|d)?\s*$", re.IGNORECASE)
INTERVAL_SECONDS = {"s": 1, "sec": 1, "m": 60, "min": 60, "h": 3600, "hr": 3600, "d": 86400}


def parse_interval(text: str) -> float:
    """'15m', '90s', '2h', '1d' or plain seconds -> seconds; ValueError when it is none of these."""
    match = INTERVAL.match(text)
    if not match or float(match.group(1)) <= 0:
        raise ValueError(f"cannot read {text!r} as an interval: use e.g. 90s, 15m, 2h or 1d")
    return float(match.group(1)) * INTERVAL_SECONDS[(match.group(2) or "s").lower()]


@app.command()
def watch(
    feeds_file: Annotated[Path, typer.Argument(help="A file of feed URLs, one a line (# comments allowed)")],
    db: DbOption = None,
    every: Annotated[str, typer.Option("--every", help="Time between polls: 90s, 15m, 2h, 1d")] = "15m",
    once: Annotated[bool, typer.Option("--once", help="Poll once, process and stop")] = False,
    max_new: Annotated[
        int, typer.Option("--max-new", help="Entry pages fetched per feed and poll; the rest wait", min=1)
    ] = 50,
    allow_private: AllowPrivateOption = False,
    max_bytes: MaxBytesOption = DEFAULT_MAX_BYTES,
):
    """Poll feeds for new entries, fetch and process them, update stories; again every interval.

    The feeds' state is kept in the store: a restarted watch resumes without fetching again what it
    has, and a feed that is down, malformed or huge is reported and tried again at the next poll.
    """
    from storyline.ingest.fetch import Fetcher

    try:
        interval = parse_interval(every)
    except ValueError as error:
        raise typer.BadParameter(str(error), param_hint="--every") from None
    store = _open(db)
    with Fetcher(allow_private=allow_private, max_bytes=max_bytes) as fetcher:
        while True:
            feed_urls = _url_list(feeds_file)  # read each time: feeds may be added while it runs
            report = pipeline.RunReport()
            with _progress_bar() as progress:
                pipeline.poll_feeds(store, feed_urls, report, fetcher, progress, max_new=max_new)
                pipeline.process(store, report, progress)
            _summary(report)
            if once:
                return
            console.print(f"next poll in {every} (Ctrl-C stops)")
            try:
                time.sleep(interval)
            except KeyboardInterrupt:
                console.print("stopped")
                return


@app.command()
def stories(db: DbOption = None, as_json: Annotated[bool, typer.Option("--json", help="Print JSON")] = False):
    """List the stories."""
    found = _open(db).stories()
    if as_json:
        out.print_json(json.dumps([s.__dict__ for s in found], ensure_ascii=False))
        return
    table = Table("id", "articles", "first", "last", "title")
    for story in found:
        table.add_row(
            story.id,
            str(len(story.article_ids)),
            story.first_published or "",
            story.last_published or "",
            story.title,
        )
    out.print(table)


@app.command()
def show(
    story: Annotated[str, typer.Argument(help="Story id or a unique prefix of it")],
    db: DbOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the story's export JSON")] = False,
):
    """Show one story: its articles and who said what."""
    store = _open(db)
    found = store.find_story(story)
    if found is None:
        console.print(f"[red]no single story matches {story!r}[/]; `storyline stories` lists them")
        raise typer.Exit(1)
    data = exporting.build_export(store, {found.id})
    if as_json:
        typer.echo(exporting.render(data, "json"))
    else:
        typer.echo(exporting.render(data, "md"))


@app.command()
def export(
    db: DbOption = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="json, md or html")] = "json",
    out_path: Annotated[
        Path | None, typer.Option("--out", "-o", help="File to write (default stdout)")
    ] = None,  # noqa: UP045
):
    """Export everything: the JSON contract, Markdown or a self-contained HTML report."""
    if fmt not in ("json", "md", "html"):
        console.print(f"[red]unknown format {fmt!r}[/]: choose json, md or html")
        raise typer.Exit(2)
    data = exporting.build_export(_open(db))
    if out_path is None:
        typer.echo(exporting.render(data, fmt))  # type: ignore[arg-type]
    else:
        exporting.write(data, fmt, out_path)  # type: ignore[arg-type]
        console.print(f"wrote {out_path.resolve()}")


@app.command()
def rejected(
    db: DbOption = None, as_json: Annotated[bool, typer.Option("--json", help="Print JSON")] = False
):
    """List the inputs that were rejected, with the reason."""
    found = _open(db).rejections()
    if as_json:
        out.print_json(json.dumps([r.__dict__ for r in found], ensure_ascii=False))
        return
    table = Table("source", "stage", "reason", "raw kept")
    for item in found:
        table.add_row(item.source, item.stage, item.reason, "yes" if item.raw_id else "no")
    out.print(table)


eval_app = typer.Typer(
    help="Measure Storyline against public labelled data (../shared/data).", no_args_is_help=True
)
app.add_typer(eval_app, name="eval")


def _topic_set(spec: str) -> set[int]:
    """'1-35' or '1,3,8' -> a set of topic numbers."""
    topics: set[int] = set()
    for part in spec.split(","):
        low, _, high = part.partition("-")
        topics.update(range(int(low), int(high or low) + 1))
    return topics


@eval_app.command("stories")
def eval_stories(
    data: Annotated[Optional[Path], typer.Option(help="The ECB+ folder (holding topic folders)")] = None,  # noqa: UP045
    topics: Annotated[str, typer.Option(help="Topics to evaluate, e.g. 1-35 or 1,3,8")] = "1-35",
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON")] = False,
):
    """Story clustering on ECB+: B-cubed precision, recall and F1 at story and topic level."""
    from storyline.eval.ecbplus import DEFAULT_ROOT
    from storyline.eval.stories import evaluate_stories

    root = data or DEFAULT_ROOT
    if not root.is_dir():
        console.print(f"[yellow]skipped[/]: no ECB+ data at {root} (pass --data)")
        raise typer.Exit(0)
    result = evaluate_stories(root, _topic_set(topics))
    if as_json:
        out.print_json(json.dumps(dataclasses.asdict(result)))
        return
    out.print(
        f"ECB+ topics {topics}: {result.documents} documents, {result.gold_stories} gold stories, "
        f"{result.predicted_stories} predicted"
    )
    table = Table("level", "B3 precision", "B3 recall", "B3 F1")
    for level, score in (("story", result.story), ("topic", result.topic)):
        table.add_row(level, f"{score.precision:.3f}", f"{score.recall:.3f}", f"{score.f1:.3f}")
    out.print(table)
    if result.stability:
        s = result.stability
        out.print(
            f"order stability over {s.orders} shuffled orders: story F1 {s.story_f1_mean:.3f} ± "
            f"{s.story_f1_sd:.3f}; {s.changed_pairs:.2%} of document pairs change"
        )
    if result.cross_validated:
        cv = result.cross_validated
        out.print(
            f"cross-validated over topic halves: story B3 P {cv.story.precision:.3f} R {cv.story.recall:.3f} "
            f"F1 {cv.story.f1:.3f}; topic F1 {cv.topic.f1:.3f}"
        )
        for fold in cv.folds:
            out.print(
                f"  tuned on {fold.tuned_on} topics {fold.params} (F1 {fold.tuned_f1:.3f}): "
                f"held-out story F1 {fold.held_out.f1:.3f}"
            )
    if result.baselines:
        table = Table("baseline (offline)", "cut", "B3 P", "B3 R", "B3 F1", "cross-validated F1")
        for base in result.baselines:
            cv_f1 = f"{base.cross_validated.f1:.3f}" if base.cross_validated else "-"
            table.add_row(
                base.name,
                f"{base.best_threshold:.3f}",
                f"{base.best.precision:.3f}",
                f"{base.best.recall:.3f}",
                f"{base.best.f1:.3f}",
                cv_f1,
            )
        out.print(table)
        out.print("baselines at the cosine-distance cut best on these topics (chosen with gold: a ceiling)")


@eval_app.command("times")
def eval_times(
    data: Annotated[Optional[Path], typer.Option(help="The TBAQ-cleaned folder (TimeML .tml files)")] = None,  # noqa: UP045
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON")] = False,
):
    """Time expressions on TempEval-3 (TBAQ-cleaned): strict/relaxed span F1, value accuracy and F1."""
    from storyline.eval.timex import DEFAULT_ROOT, evaluate_times

    root = data or DEFAULT_ROOT
    if not root.is_dir():
        console.print(f"[yellow]skipped[/]: no TempEval-3 data at {root} (pass --data)")
        raise typer.Exit(0)
    result = evaluate_times(root)
    scores = {scope: result.scores(scope) for scope in result.counts}
    if as_json:
        out.print_json(json.dumps({"documents": result.documents, "scores": scores}))
        return
    out.print(
        f"TempEval-3 TBAQ-cleaned: {result.documents} documents, anchored at each document's creation time"
    )
    table = Table(
        "expressions",
        "strict F1",
        "relaxed P",
        "relaxed R",
        "relaxed F1",
        "value acc",
        "value F1",
        "type acc",
    )
    for scope, values in scores.items():
        table.add_row(
            scope,
            *(
                f"{values[key]:.3f}"
                for key in (
                    "strict_f1",
                    "relaxed_p",
                    "relaxed_r",
                    "relaxed_f1",
                    "value_accuracy",
                    "value_f1",
                    "type_accuracy",
                )
            ),
        )
    out.print(table)


def _print_result(result, format_report, as_json: bool) -> None:
    """An eval's result as JSON, or as its module's own text report."""
    if as_json:
        out.print_json(json.dumps(dataclasses.asdict(result)))
    else:
        typer.echo(format_report(result))


BenchmarkOption = Annotated[
    Optional[Path],  # noqa: UP045
    typer.Option("--data", help="The Zyte article-extraction-benchmark folder"),
]
PageLimitOption = Annotated[Optional[int], typer.Option(help="Only the first N pages", min=1)]  # noqa: UP045


def _benchmark_root(data: Path | None) -> Path:
    from storyline.eval.extraction import DEFAULT_ROOT

    root = data or DEFAULT_ROOT
    if not (root / "ground-truth.json").is_file():
        console.print(f"[yellow]skipped[/]: no article-extraction benchmark at {root} (pass --data)")
        raise typer.Exit(0)
    return root


@eval_app.command("extraction")
def eval_extraction(
    data: BenchmarkOption = None,
    limit: PageLimitOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON")] = False,
):
    """HTML extraction on the Zyte benchmark: ours beside trafilatura's default, same pages, same run."""
    from storyline.eval.extraction import format_report, run_extraction_eval

    result = run_extraction_eval(_benchmark_root(data), limit=limit)
    _print_result(result, format_report, as_json)


@eval_app.command("cleaning")
def eval_cleaning(
    data: BenchmarkOption = None,
    limit: PageLimitOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON")] = False,
):
    """Scraped-text cleaning: the benchmark pages as a naive scraper's text, cleaned with no HTML."""
    from storyline.eval.cleaning import format_report, run_cleaning_eval

    result = run_cleaning_eval(_benchmark_root(data), limit=limit)
    _print_result(result, format_report, as_json)


@eval_app.command("quotes")
def eval_quotes(
    data: Annotated[Optional[Path], typer.Option(help="The PolNeAR folder (train/ and dev/)")] = None,  # noqa: UP045
    split: Annotated[str, typer.Option(help="train or dev")] = "dev",
    limit: Annotated[Optional[int], typer.Option(help="Only the first N articles", min=1)] = None,  # noqa: UP045
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON")] = False,
):
    """Quotes and speakers on PolNeAR: attribution P/R/F1 and source accuracy, beside textacy's."""
    from storyline.eval.attribution_data import DEFAULT_ROOT
    from storyline.eval.quotes import format_report, run_quotes_eval

    root = data or DEFAULT_ROOT
    if not (root / split).is_dir():
        console.print(f"[yellow]skipped[/]: no PolNeAR {split} split at {root} (pass --data)")
        raise typer.Exit(0)
    result = run_quotes_eval(root, split=split, limit=limit)
    _print_result(result, format_report, as_json)


@eval_app.command("timeline")
def eval_timeline(
    data: Annotated[Optional[Path], typer.Option(help="The SemEval-2015 Task 4 trial folder")] = None,  # noqa: UP045
    timelines: Annotated[Optional[Path], typer.Option(help="Write our timelines here")] = None,  # noqa: UP045
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON")] = False,
):
    """Entity timelines on SemEval-2015 Task 4 trial data: temporal-awareness P/R/F1, micro-averaged."""
    from storyline.eval.timelines import DEFAULT_ROOT, GOLD, format_report, format_timeline, run_timeline_eval

    root = data or DEFAULT_ROOT
    if not (root / GOLD).is_dir():
        console.print(f"[yellow]skipped[/]: no SemEval-2015 Task 4 trial data at {root} (pass --data)")
        raise typer.Exit(0)
    result = run_timeline_eval(root)
    if timelines is not None:
        timelines.mkdir(parents=True, exist_ok=True)
        for name, timeline in result.timelines.items():
            target = timelines / f"{name.lower().replace(' ', '_')}.txt"
            target.write_text(format_timeline(timeline), "utf-8")
        console.print(f"wrote {len(result.timelines)} timelines to [bold]{timelines.resolve()}[/]")
    if as_json:
        out.print_json(json.dumps(result.as_dict()))
    else:
        typer.echo(format_report(result))


if __name__ == "__main__":
    app()
