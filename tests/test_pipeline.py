"""The pipeline across runs: new articles join kept stories, and only changed stories are crosschecked."""

from __future__ import annotations

import shutil

import pytest

from conftest import DEMO_STORY, EXAMPLES
from storyline import pipeline
from storyline.export import build_export
from storyline.store import Store

pytestmark = pytest.mark.slow


def test_articles_arriving_later_join_their_story_and_only_it_is_crosschecked(tmp_path, nlp):
    first, second = tmp_path / "monday", tmp_path / "tuesday"
    first.mkdir()
    second.mkdir()
    for path in sorted(DEMO_STORY.glob("*.txt")):
        shutil.copy(path, first if path.name < "004" else second)
    store = Store.open(tmp_path / "runs.db")

    report = pipeline.run(store, [first], nlp=nlp)
    assert (report.articles, report.stories, report.reanalysed) == (3, 1, 1)
    assert store.index_state(pipeline.STORY_INDEX) is not None

    report = pipeline.run(store, [second], nlp=nlp)
    [story] = store.stories()
    assert len(story.article_ids) == 4 and report.reanalysed == 1
    assert len(store.features(pipeline.STORY_FEATURES)) == 4

    other = EXAMPLES / "ecbplus-20-iran-earthquakes"
    report = pipeline.run(store, [other], nlp=nlp)
    ceasefire = next(s for s in store.stories() if s.id == story.id)
    assert ceasefire.article_ids == story.article_ids  # the earthquakes stay apart from it
    assert report.reanalysed == report.stories - 1  # its analysis was kept, the new stories made

    before = build_export(store)
    report = pipeline.run(store, [first, second, other], nlp=nlp)
    assert (report.new_inputs, report.reanalysed) == (0, 0)
    assert build_export(store) == before


def test_a_lost_or_unreadable_story_index_is_rebuilt_from_kept_features(tmp_path, nlp):
    store = Store.open(tmp_path / "rebuild.db")
    pipeline.run(store, [DEMO_STORY], nlp=nlp)
    stories = [(s.id, s.article_ids) for s in store.stories()]
    store.save_index_state(pipeline.STORY_INDEX, b"not an index")
    pipeline.process(store, nlp=nlp)
    assert [(s.id, s.article_ids) for s in store.stories()] == stories
