"""Tables and versioned migrations.

Each migration is a list of statements applied in one transaction, and the applied version is
recorded in ``schema_migrations``; a store opened by a newer Storyline is brought up to date
before anything else touches it.
"""

from sqlalchemy import (
    Boolean,
    Column,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
)

metadata = MetaData()

raw_inputs = Table(
    "raw_inputs",
    metadata,
    Column("id", String(32), primary_key=True),  # content hash of kind + bytes
    Column("source", Text, nullable=False),
    Column("kind", String(8), nullable=False),
    Column("content", LargeBinary, nullable=False),
    Column("hints", Text, nullable=False),  # JSON
    Column("received_at", String(32), nullable=False),
)

articles = Table(
    "articles",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("seq", Integer, nullable=False),  # arrival order, for online story assignment
    Column("source", Text, nullable=False),
    Column("url", Text),
    Column("outlet", Text),
    Column("title", Text),
    Column("author", Text),
    Column("published", String(32)),
    Column("published_estimated", Boolean, nullable=False, default=False),
    Column("language", String(16)),
    Column("dateline", Text),
    Column("text", Text, nullable=False),
    Column("text_hash", String(32), nullable=False, index=True),
    Column("removed", Text, nullable=False),  # JSON list of boilerplate lines
    Column("duplicate_of", String(32)),
    Column("story_id", String(32), index=True),
)

rejections = Table(
    "rejections",
    metadata,
    Column("id", String(32), primary_key=True),  # hash of source + reason, so re-runs don't repeat rows
    Column("source", Text, nullable=False),
    Column("stage", String(16), nullable=False),
    Column("reason", Text, nullable=False),
    Column("raw_id", String(32)),
    Column("rejected_at", String(32), nullable=False),
)

annotations = Table(
    "annotations",
    metadata,
    Column("article_id", String(32), primary_key=True),
    Column("version", Integer, nullable=False),
    Column("data", Text, nullable=False),  # JSON: sentences, mentions, quotes, times
)

stories = Table(
    "stories",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("title", Text, nullable=False),
    Column("first_published", String(32)),
    Column("last_published", String(32)),
    Column("analysis", Text),  # JSON of the crosscheck stage's StoryAnalysis
)

schema_migrations = Table(
    "schema_migrations",
    metadata,
    Column("version", Integer, primary_key=True),
    Column("applied_at", String(32), nullable=False),
)


# What the feed watcher knows of each feed (ETag, Last-Modified, entries seen), as JSON, so a
# restarted `storyline watch` resumes without re-fetching.
feeds = Table(
    "feeds",
    metadata,
    Column("url", Text, primary_key=True),
    Column("state", Text, nullable=False),
    Column("updated_at", String(32), nullable=False),
)

# Per-article features a stage computes once and keeps (a MinHash signature for near-duplicates,
# story features for online clustering), so later runs never recompute them from the text.
article_features = Table(
    "article_features",
    metadata,
    Column("article_id", String(32), primary_key=True),
    Column("kind", String(16), primary_key=True),
    Column("data", LargeBinary, nullable=False),
)


# The state of an online index kept between runs (the story index), so a run adds only the
# articles it has not seen instead of replaying the archive.
index_states = Table(
    "index_states",
    metadata,
    Column("name", String(32), primary_key=True),
    Column("data", LargeBinary, nullable=False),
    Column("updated_at", String(32), nullable=False),
)


def _create(*tables: Table):
    def apply(connection) -> None:
        for table in tables:
            table.create(connection, checkfirst=True)

    return apply


# Version -> function applied inside one transaction. Append; never edit a released step.
MIGRATIONS = {
    1: _create(raw_inputs, articles, rejections, annotations, stories),
    2: _create(feeds, article_features),
    3: _create(index_states),
}
LATEST_VERSION = max(MIGRATIONS)
