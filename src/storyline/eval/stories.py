"""``storyline eval stories``: story clustering on ECB+, scored with B-cubed.

Every document of the chosen topics goes through the real pipeline together, in one fixed
shuffled order and without labels. The gold story of a document is its topic plus its
sub-topic (two real events of one kind per topic); the topic level is reported beside it.
"""

from __future__ import annotations

import random
import tempfile
from dataclasses import dataclass
from pathlib import Path

from storyline.eval.bcubed import BCubed, bcubed
from storyline.eval.ecbplus import DEFAULT_ROOT, EcbDocument, iter_documents

SHUFFLE_SEED = 13


@dataclass
class StoriesResult:
    documents: int
    gold_stories: int
    predicted_stories: int
    story: BCubed
    topic: BCubed


def write_jsonl(documents: list[EcbDocument], path: Path) -> None:
    import json

    with path.open("w", encoding="utf-8") as handle:
        for doc in documents:
            record = {"id": doc.name, "url": doc.url, "title": doc.title, "text": doc.text}
            handle.write(json.dumps({k: v for k, v in record.items() if v}, ensure_ascii=False) + "\n")


def evaluate_stories(
    root: Path = DEFAULT_ROOT, topics: set[int] | None = None, seed: int = SHUFFLE_SEED, nlp=None
) -> StoriesResult:
    from storyline import pipeline
    from storyline.store import Store

    documents = list(iter_documents(root, topics))
    if not documents:
        raise FileNotFoundError(f"no ECB+ documents under {root}")
    random.Random(seed).shuffle(documents)
    with tempfile.TemporaryDirectory() as folder:
        corpus = Path(folder) / "ecbplus.jsonl"
        write_jsonl(documents, corpus)
        store = Store.open(Path(folder) / "eval.db")
        pipeline.run(store, [corpus], nlp=nlp)
        source_to_story = {a.source: a.story_id or a.id for a in store.articles()}
        store.close()
    predicted = {doc.name: source_to_story[doc.name] for doc in documents if doc.name in source_to_story}
    gold_story = {doc.name: doc.story for doc in documents}
    gold_topic = {doc.name: str(doc.topic) for doc in documents}
    return StoriesResult(
        documents=len(documents),
        gold_stories=len(set(gold_story.values())),
        predicted_stories=len(set(predicted.values())),
        story=bcubed(predicted, gold_story),
        topic=bcubed(predicted, gold_topic),
    )
