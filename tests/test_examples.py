"""The whole demo corpus through the CLI: several stories, the export contract, all three reports."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from conftest import EXAMPLES
from spans import bad_spans
from storyline.cli import app

pytestmark = pytest.mark.slow

ARTICLE_FIELDS = {
    "id",
    "source",
    "url",
    "outlet",
    "title",
    "author",
    "published",
    "published_estimated",
    "language",
    "text",
    "story_id",
    "duplicate_of",
    "removed",
}
LISTS = (
    "articles",
    "stories",
    "entities",
    "quotes",
    "times",
    "timeline",
    "claims",
    "positions",
    "coverage",
    "briefs",
)


@pytest.fixture(scope="module")
def analysed(tmp_path_factory, nlp):
    folder = tmp_path_factory.mktemp("examples")
    result = CliRunner().invoke(
        app,
        [
            "analyze",
            str(EXAMPLES),
            "--db",
            str(folder / "s.db"),
            "--json",
            str(folder / "r.json"),
            "--html",
            str(folder / "r.html"),
            "--md",
            str(folder / "r.md"),
        ],
    )
    assert result.exit_code == 0, result.output
    return folder, json.loads((folder / "r.json").read_text(encoding="utf-8"))


def test_export_follows_the_contract(analysed):
    _, export = analysed
    assert export["schema"] == "storyline.export/1"
    for key in LISTS:
        assert isinstance(export[key], list), key
    for article in export["articles"]:
        assert ARTICLE_FIELDS <= set(article)
    for quote in export["quotes"]:
        assert {"id", "article_id", "start", "end", "text", "kind", "cue", "speaker", "group_id"} <= set(
            quote
        )
    for entity in export["entities"]:
        assert {"id", "name", "type", "aliases", "descriptions", "mentions"} <= set(entity)
    for time in export["times"]:
        assert {"article_id", "start", "end", "text", "value"} <= set(time)
    assert bad_spans(export) == []


def test_jsonl_source_is_the_input_id(analysed):
    _, export = analysed
    sources = {a["source"] for a in export["articles"]}
    assert "ecbplus/20_1ecb" in sources
    assert any(s.endswith("001_c73d6df7dc4c2e06.txt") for s in sources)


def test_demo_story_stays_apart_from_the_other_stories(analysed):
    _, export = analysed
    by_source = {a["source"]: a for a in export["articles"]}
    demo = {a["story_id"] for s, a in by_source.items() if "ceasefire-2025-03" in s}
    assert len(demo) == 1
    [story] = [s for s in export["stories"] if s["id"] in demo]
    assert len(story["article_ids"]) == 4
    assert len(export["stories"]) >= 3  # the ceasefire story and at least one per ECB+ topic


def test_reports_written(analysed):
    folder, export = analysed
    html = (folder / "r.html").read_text(encoding="utf-8")
    markdown = (folder / "r.md").read_text(encoding="utf-8")
    for story in export["stories"]:
        assert story["id"] in html or story["title"] in html
    assert "Ushakov" in markdown


def test_listing_commands(analysed):
    folder, export = analysed
    runner = CliRunner()
    db = ["--db", str(folder / "s.db")]
    listed = runner.invoke(app, ["stories", "--json", *db])
    assert listed.exit_code == 0 and len(json.loads(listed.output)) == len(export["stories"])
    story_id = export["stories"][0]["id"]
    shown = runner.invoke(app, ["show", story_id[:8], "--json", *db])
    assert shown.exit_code == 0 and json.loads(shown.output)["stories"][0]["id"] == story_id
    assert runner.invoke(app, ["show", "no-such-story", *db]).exit_code == 1
    exported = runner.invoke(app, ["export", "--format", "md", *db])
    assert exported.exit_code == 0 and "#" in exported.output


def test_python_api_mirrors_the_cli(tmp_path, nlp):
    import storyline
    from conftest import DEMO_STORY

    export = storyline.analyze([DEMO_STORY], db=tmp_path / "api.db")
    assert export["schema"] == "storyline.export/1" and len(export["stories"]) == 1
    store = storyline.open_store(tmp_path / "api.db")
    assert storyline.build_export(store)["stories"] == export["stories"]
    store.close()
