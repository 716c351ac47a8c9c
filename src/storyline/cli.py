"""The ``storyline`` command line. Only this module configures output."""

from __future__ import annotations

import dataclasses
import json
import logging
import os
import sys
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
PathsArgument = Annotated[list[Path], typer.Argument(help="Files or directories (.txt, .html, .jsonl)")]
MaxBytesOption = Annotated[
    int, typer.Option("--max-bytes", help="Reject input files larger than this many bytes", min=1)
]


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
        f"[bold]{report.articles}[/] articles extracted, {report.annotated} annotated, "
        f"[bold]{report.stories}[/] stories, [bold]{len(report.rejected)}[/] rejected"
    )
    for rejection in report.rejected:
        console.print(f"  [yellow]rejected[/] {rejection.source}: {rejection.reason}")


@app.command()
def analyze(
    paths: PathsArgument,
    db: DbOption = None,
    json_out: Annotated[Optional[Path], typer.Option("--json", help="Write the export JSON here")] = None,  # noqa: UP045
    html_out: Annotated[Optional[Path], typer.Option("--html", help="Write the HTML report here")] = None,  # noqa: UP045
    md_out: Annotated[Optional[Path], typer.Option("--md", help="Write the Markdown report here")] = None,  # noqa: UP045
    max_bytes: MaxBytesOption = DEFAULT_MAX_BYTES,
):
    """Ingest PATHS, process everything and write the reports: the one-step demo."""
    store = _open(db)
    with _progress_bar() as progress:
        report = pipeline.run(store, paths, progress, max_bytes=max_bytes)
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
def ingest(paths: PathsArgument, db: DbOption = None, max_bytes: MaxBytesOption = DEFAULT_MAX_BYTES):
    """Ingest PATHS and bring stories up to date (no report)."""
    store = _open(db)
    with _progress_bar() as progress:
        report = pipeline.run(store, paths, progress, max_bytes=max_bytes)
    _summary(report)


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


if __name__ == "__main__":
    app()
