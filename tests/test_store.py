"""The store on real databases (SQLite and PostgreSQL): migrations, idempotent writes, resumable work."""

from __future__ import annotations

from sqlalchemy import inspect

from storyline.model import (
    Annotations,
    Article,
    Hints,
    Mention,
    Quote,
    RawDocument,
    Rejection,
    Speaker,
    Story,
)
from storyline.store import Store, database_url
from storyline.store.schema import LATEST_VERSION


def _raw(text: str, source: str = "a.txt") -> RawDocument:
    return RawDocument(source=source, content=text.encode(), kind="text", hints=Hints(outlet="Wire"))


def test_new_store_is_migrated_to_latest(db):
    store = Store.open(db)
    assert store.schema_version() == LATEST_VERSION
    tables = set(inspect(store.engine).get_table_names())
    assert {"raw_inputs", "articles", "rejections", "annotations", "stories", "schema_migrations"} <= tables
    store.close()
    assert Store.open(db).schema_version() == LATEST_VERSION  # reopening applies nothing twice


def test_database_url_takes_paths_and_urls(tmp_path):
    assert database_url(tmp_path / "x.db") == f"sqlite:///{tmp_path / 'x.db'}"
    assert database_url("postgresql://u@h/db") == "postgresql+psycopg://u@h/db"


def test_same_raw_input_twice_is_stored_once_and_kept_verbatim(db):
    store = Store.open(db)
    raw = _raw("Body text.")
    assert store.add_raw(raw) is True
    assert store.add_raw(_raw("Body text.", source="copy.txt")) is False
    kept = store.raw(raw.id)
    assert kept is not None and kept.content == b"Body text." and kept.hints.outlet == "Wire"
    assert store.pending_raw_ids() == [raw.id]


def test_pending_work_shrinks_as_articles_and_rejections_commit(db):
    store = Store.open(db)
    good, bad = _raw("Good."), _raw("", source="empty.txt")
    store.add_raw(good)
    store.add_raw(bad)
    store.add_article(Article(id=good.id, source="a.txt", text="Good."))
    store.add_rejection(Rejection("empty.txt", "empty input", "extract", raw_id=bad.id))
    store.add_rejection(Rejection("empty.txt", "empty input", "extract", raw_id=bad.id))  # re-run: no new row
    assert store.pending_raw_ids() == []
    assert [r.reason for r in store.rejections()] == ["empty input"]
    assert store.unannotated_ids() == [good.id]


def test_exact_copy_is_linked_not_dropped(db):
    store = Store.open(db)
    store.add_article(Article(id="a1", source="a", text="Same words."))
    store.add_article(Article(id="a2", source="b", text="Same words."))
    by_id = {a.id: a for a in store.articles()}
    assert by_id["a2"].duplicate_of == "a1" and by_id["a1"].duplicate_of is None


def test_annotations_round_trip(db):
    store = Store.open(db)
    store.add_article(Article(id="a1", source="a", text="Ushakov said “no”."))
    speaker = Speaker(start=0, end=7, text="Ushakov", name="Yuri Ushakov")
    notes = Annotations(
        article_id="a1",
        sentences=[(0, 18)],
        mentions=[Mention(0, 7, "Ushakov", "PERSON")],
        quotes=[Quote(14, 16, "no", "mixed", cue="said", cue_start=8, cue_end=12, speaker=speaker)],
    )
    store.save_annotations([notes])
    assert store.annotations()["a1"] == notes
    assert store.unannotated_ids() == []


def test_replace_stories_assigns_articles(db):
    store = Store.open(db)
    for article_id in ("a1", "a2", "a3"):
        store.add_article(Article(id=article_id, source=article_id, text=f"text {article_id}"))
    store.replace_stories([Story("s1", "One", ["a1", "a2"]), Story("s2", "Two", ["a3"])], {})
    assert {s.id: s.article_ids for s in store.stories()} == {"s1": ["a1", "a2"], "s2": ["a3"]}
    store.replace_stories([Story("s3", "All", ["a1", "a2", "a3"])], {})
    assert [(s.id, s.article_ids) for s in store.stories()] == [("s3", ["a1", "a2", "a3"])]
    assert store.find_story("s3") is not None and store.find_story("zz") is None


def test_features_and_feed_state_round_trip(db):
    store = Store.open(db)
    first = Article(id="a" * 32, source="one.txt", text="One text.")
    second = Article(id="b" * 32, source="two.txt", text="Two text.")
    store.add_article(first)
    store.add_article(second)
    assert store.ids_without_features("minhash") == [first.id, second.id]
    store.save_features("minhash", {second.id: b"\x01\x02", first.id: b"\x00"})
    store.save_features("minhash", {first.id: b"\x03"})  # recomputed: replaced, not doubled
    assert store.features("minhash") == [(first.id, b"\x03"), (second.id, b"\x01\x02")]
    assert store.ids_without_features("minhash") == []
    assert store.ids_without_features("story") == [first.id, second.id]

    store.set_duplicates({second.id: first.id})
    assert store.article(second.id).duplicate_of == first.id

    assert store.feed_state("https://example.org/feed") is None
    store.save_feed_state("https://example.org/feed", {"etag": "x", "seen": ["1"]})
    store.save_feed_state("https://example.org/feed", {"etag": "y", "seen": ["1", "2"]})
    assert store.feed_state("https://example.org/feed") == {"etag": "y", "seen": ["1", "2"]}
