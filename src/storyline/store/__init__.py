"""The store: SQLAlchemy Core over SQLite by default, PostgreSQL by URL.

Every write is one transaction and every id is a content hash, so writing the same thing
twice changes nothing and a run killed half-way loses only what it had not committed.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import asdict
from datetime import datetime, timezone
from pathlib import Path

from sqlalchemy import Engine, create_engine, event, func, insert, select, update
from sqlalchemy.engine import Connection

from storyline.model import (
    Annotations,
    Article,
    Hints,
    RawDocument,
    Rejection,
    Story,
    StoryAnalysis,
    content_id,
)
from storyline.store import codec
from storyline.store.schema import (
    LATEST_VERSION,
    MIGRATIONS,
    article_features,
    articles,
    feeds,
    index_states,
    raw_inputs,
    rejections,
    schema_migrations,
    stories,
)
from storyline.store.schema import (
    annotations as annotations_table,
)

log = logging.getLogger(__name__)

# Bump when the annotate stage changes what it writes (2: mention descriptors, 3: times in reading order,
# 4: reported speech, speakers from bylines and transcript labels).
ANNOTATIONS_VERSION = 4
DEFAULT_DB = "storyline.db"


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def database_url(db: str | Path) -> str:
    """A path becomes a SQLite URL; anything with a scheme is used as given."""
    text = str(db)
    if "://" in text:
        if text.startswith("postgresql://"):  # choose the psycopg 3 driver SQLAlchemy would not guess
            return "postgresql+psycopg://" + text[len("postgresql://") :]
        return text
    return f"sqlite:///{Path(text).expanduser()}"


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")  # readers (the web UI) don't block the writer
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


class Store:
    def __init__(self, engine: Engine):
        self.engine = engine
        self.migrate()

    @classmethod
    def open(cls, db: str | Path = DEFAULT_DB) -> Store:
        url = database_url(db)
        engine = create_engine(url)
        if engine.dialect.name == "sqlite":
            event.listen(engine, "connect", _sqlite_pragmas)
        return cls(engine)

    def close(self) -> None:
        self.engine.dispose()

    @contextmanager
    def transaction(self) -> Iterator[Connection]:
        with self.engine.begin() as connection:
            yield connection

    # -- schema -----------------------------------------------------------------------------

    def schema_version(self) -> int:
        with self.transaction() as connection:
            schema_migrations.create(connection, checkfirst=True)
            version = connection.execute(select(func.max(schema_migrations.c.version))).scalar()
        return int(version or 0)

    def migrate(self) -> None:
        current = self.schema_version()
        for version in range(current + 1, LATEST_VERSION + 1):
            with self.transaction() as connection:
                MIGRATIONS[version](connection)
                connection.execute(insert(schema_migrations).values(version=version, applied_at=_now()))
            log.info("store migrated to schema version %d", version)

    # -- raw inputs and rejections ----------------------------------------------------------

    def add_raw(self, raw: RawDocument) -> bool:
        """Keep a raw input; False when the same bytes were stored before."""
        with self.transaction() as connection:
            if connection.execute(select(raw_inputs.c.id).where(raw_inputs.c.id == raw.id)).first():
                return False
            connection.execute(
                insert(raw_inputs).values(
                    id=raw.id,
                    source=raw.source,
                    kind=raw.kind,
                    content=raw.content,
                    hints=json.dumps(asdict(raw.hints)),
                    received_at=_now(),
                )
            )
        return True

    def raw(self, raw_id: str) -> RawDocument | None:
        with self.transaction() as connection:
            row = connection.execute(select(raw_inputs).where(raw_inputs.c.id == raw_id)).first()
        if row is None:
            return None
        return RawDocument(
            source=row.source, content=row.content, kind=row.kind, hints=Hints(**json.loads(row.hints))
        )

    def pending_raw_ids(self) -> list[str]:
        """Raw inputs neither extracted nor rejected yet: what a killed run left to do."""
        with self.transaction() as connection:
            done = select(articles.c.id).union(
                select(rejections.c.raw_id).where(rejections.c.raw_id.is_not(None))
            )
            rows = connection.execute(
                select(raw_inputs.c.id).where(raw_inputs.c.id.not_in(done)).order_by(raw_inputs.c.received_at)
            )
            return [row.id for row in rows]

    def add_rejection(self, rejection: Rejection) -> None:
        rejection_id = content_id(rejection.source, rejection.stage, rejection.reason)
        with self.transaction() as connection:
            if connection.execute(select(rejections.c.id).where(rejections.c.id == rejection_id)).first():
                return
            connection.execute(
                insert(rejections).values(
                    id=rejection_id,
                    rejected_at=_now(),
                    source=rejection.source,
                    stage=rejection.stage,
                    reason=rejection.reason,
                    raw_id=rejection.raw_id,
                )
            )

    def rejections(self) -> list[Rejection]:
        with self.transaction() as connection:
            rows = connection.execute(
                select(rejections).order_by(rejections.c.rejected_at, rejections.c.source)
            )
            return [Rejection(source=r.source, reason=r.reason, stage=r.stage, raw_id=r.raw_id) for r in rows]

    # -- articles ---------------------------------------------------------------------------

    def has_article(self, article_id: str) -> bool:
        with self.transaction() as connection:
            return (
                connection.execute(select(articles.c.id).where(articles.c.id == article_id)).first()
                is not None
            )

    def add_article(self, article: Article) -> None:
        """Store an extracted article; an exact copy of a stored text is linked as its duplicate."""
        text_hash = content_id(article.text)
        with self.transaction() as connection:
            if connection.execute(select(articles.c.id).where(articles.c.id == article.id)).first():
                return
            original = connection.execute(
                select(articles.c.id)
                .where(articles.c.text_hash == text_hash)
                .order_by(articles.c.seq)
                .limit(1)
            ).first()
            if original is not None:
                article.duplicate_of = original.id
            seq = connection.execute(select(func.coalesce(func.max(articles.c.seq), 0))).scalar_one() + 1
            values = asdict(article)
            values["removed"] = json.dumps(article.removed, ensure_ascii=False)
            connection.execute(insert(articles).values(seq=seq, text_hash=text_hash, **values))

    def articles(self, ids: Iterable[str] | None = None) -> list[Article]:
        query = select(articles).order_by(articles.c.seq)
        if ids is not None:
            query = query.where(articles.c.id.in_(list(ids)))
        with self.transaction() as connection:
            return [_article(row) for row in connection.execute(query)]

    def article(self, article_id: str) -> Article | None:
        found = self.articles([article_id])
        return found[0] if found else None

    def set_published(self, estimates: dict[str, str]) -> None:
        """Record estimated publication dates (never overwriting a known one)."""
        with self.transaction() as connection:
            for article_id, published in estimates.items():
                connection.execute(
                    update(articles)
                    .where(articles.c.id == article_id, articles.c.published.is_(None))
                    .values(published=published, published_estimated=True)
                )

    def set_duplicates(self, originals: dict[str, str]) -> None:
        """Link wire copies to the article they copy (linked, never dropped)."""
        with self.transaction() as connection:
            for article_id, original in originals.items():
                connection.execute(
                    update(articles).where(articles.c.id == article_id).values(duplicate_of=original)
                )

    # -- per-article features ---------------------------------------------------------------

    def save_features(self, kind: str, blobs: dict[str, bytes]) -> None:
        with self.transaction() as connection:
            for article_id, data in blobs.items():
                connection.execute(
                    article_features.delete().where(
                        article_features.c.article_id == article_id, article_features.c.kind == kind
                    )
                )
                connection.execute(
                    insert(article_features).values(article_id=article_id, kind=kind, data=data)
                )

    def features(self, kind: str, ids: Iterable[str] | None = None) -> list[tuple[str, bytes]]:
        """(article id, blob) of one kind, in arrival order; only ``ids`` when given."""
        query = (
            select(article_features.c.article_id, article_features.c.data)
            .join(articles, articles.c.id == article_features.c.article_id)
            .where(article_features.c.kind == kind)
            .order_by(articles.c.seq)
        )
        if ids is not None:
            query = query.where(article_features.c.article_id.in_(list(ids)))
        with self.transaction() as connection:
            return [(row.article_id, row.data) for row in connection.execute(query)]

    def ids_without_features(self, kind: str) -> list[str]:
        done = select(article_features.c.article_id).where(article_features.c.kind == kind)
        with self.transaction() as connection:
            rows = connection.execute(
                select(articles.c.id).where(articles.c.id.not_in(done)).order_by(articles.c.seq)
            )
            return [row.id for row in rows]

    def duplicate_links(self) -> dict[str, str]:
        """Wire copy id -> the article it copies."""
        query = select(articles.c.id, articles.c.duplicate_of).where(articles.c.duplicate_of.is_not(None))
        with self.transaction() as connection:
            return {row.id: row.duplicate_of for row in connection.execute(query)}

    # -- online index states ----------------------------------------------------------------

    def index_state(self, name: str) -> bytes | None:
        with self.transaction() as connection:
            row = connection.execute(select(index_states.c.data).where(index_states.c.name == name)).first()
        return bytes(row.data) if row else None

    def save_index_state(self, name: str, data: bytes) -> None:
        with self.transaction() as connection:
            connection.execute(index_states.delete().where(index_states.c.name == name))
            connection.execute(insert(index_states).values(name=name, data=data, updated_at=_now()))

    # -- feeds ------------------------------------------------------------------------------

    def feed_state(self, url: str) -> dict | None:
        with self.transaction() as connection:
            row = connection.execute(select(feeds.c.state).where(feeds.c.url == url)).first()
        return json.loads(row.state) if row else None

    def save_feed_state(self, url: str, state: dict) -> None:
        with self.transaction() as connection:
            connection.execute(feeds.delete().where(feeds.c.url == url))
            connection.execute(insert(feeds).values(url=url, state=json.dumps(state), updated_at=_now()))

    # -- annotations ------------------------------------------------------------------------

    def unannotated_ids(self) -> list[str]:
        with self.transaction() as connection:
            current = select(annotations_table.c.article_id).where(
                annotations_table.c.version == ANNOTATIONS_VERSION
            )
            rows = connection.execute(
                select(articles.c.id).where(articles.c.id.not_in(current)).order_by(articles.c.seq)
            )
            return [row.id for row in rows]

    def save_annotations(self, batch: Iterable[Annotations]) -> int:
        count = 0
        with self.transaction() as connection:
            for item in batch:
                connection.execute(
                    annotations_table.delete().where(annotations_table.c.article_id == item.article_id)
                )
                connection.execute(
                    insert(annotations_table).values(
                        article_id=item.article_id, version=ANNOTATIONS_VERSION, data=codec.dumps(item)
                    )
                )
                count += 1
        return count

    def annotations(self, ids: Iterable[str] | None = None) -> dict[str, Annotations]:
        query = select(annotations_table)
        if ids is not None:
            query = query.where(annotations_table.c.article_id.in_(list(ids)))
        with self.transaction() as connection:
            return {
                row.article_id: codec.annotations_from_json(row.data) for row in connection.execute(query)
            }

    # -- stories ----------------------------------------------------------------------------

    def replace_stories(self, new_stories: list[Story], analyses: dict[str, StoryAnalysis]) -> None:
        """Swap in a new story partition and its analyses in one transaction."""
        with self.transaction() as connection:
            connection.execute(stories.delete())
            connection.execute(update(articles).values(story_id=None))
            for story in new_stories:
                analysis = analyses.get(story.id)
                connection.execute(
                    insert(stories).values(
                        id=story.id,
                        title=story.title,
                        first_published=story.first_published,
                        last_published=story.last_published,
                        analysis=codec.dumps(analysis) if analysis else None,
                    )
                )
                connection.execute(
                    update(articles).where(articles.c.id.in_(story.article_ids)).values(story_id=story.id)
                )

    def stories(self) -> list[Story]:
        with self.transaction() as connection:
            members: dict[str, list[str]] = {}
            for row in connection.execute(
                select(articles.c.id, articles.c.story_id)
                .where(articles.c.story_id.is_not(None))
                .order_by(articles.c.seq)
            ):
                members.setdefault(row.story_id, []).append(row.id)
            rows = connection.execute(
                select(stories).order_by(  # newest first, undated stories last
                    stories.c.first_published.is_(None), stories.c.first_published.desc(), stories.c.id
                )
            )
            return [
                Story(
                    id=row.id,
                    title=row.title,
                    article_ids=members.get(row.id, []),
                    first_published=row.first_published,
                    last_published=row.last_published,
                )
                for row in rows
            ]

    def find_story(self, prefix: str) -> Story | None:
        """A story by id or unique id prefix."""
        matches = [story for story in self.stories() if story.id.startswith(prefix)]
        return matches[0] if len(matches) == 1 else None

    def analyses(self) -> dict[str, StoryAnalysis]:
        with self.transaction() as connection:
            rows = connection.execute(
                select(stories.c.id, stories.c.analysis).where(stories.c.analysis.is_not(None))
            )
            return {row.id: codec.analysis_from_json(row.analysis) for row in rows}


def _article(row) -> Article:
    return Article(
        id=row.id,
        source=row.source,
        text=row.text,
        title=row.title,
        url=row.url,
        outlet=row.outlet,
        author=row.author,
        published=row.published,
        published_estimated=bool(row.published_estimated),
        language=row.language,
        removed=json.loads(row.removed),
        dateline=row.dateline,
        duplicate_of=row.duplicate_of,
        story_id=row.story_id,
    )
