"""Write a few ECB+ topics as JSONL articles under examples/ (run once; the output is committed).

Usage: python scripts/make_ecbplus_examples.py [ECB+ root]
ECB+ is CC BY 3.0 (Cybulska & Vossen, LREC 2014); ATTRIBUTION.md goes beside the files.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from storyline.eval.ecbplus import DEFAULT_ROOT, iter_documents

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
TOPICS = {8: "ecbplus-08-bank-attacks", 20: "ecbplus-20-iran-earthquakes"}
PER_SUBTOPIC = 3

ATTRIBUTION = """# Attribution

These articles come from ECB+ (EventCorefBank+), topic {topic}: {count} news documents, the first
{per} of each of its two sub-topics (two different real events of the same kind).

- Corpus: ECB+, Agata Cybulska and Piek Vossen, "Using a sledgehammer to crack a nut? Lexical
  diversity and event coreference resolution", LREC 2014. Annotation (c) VU University Amsterdam.
- Licence: Creative Commons Attribution 3.0 Unported (CC BY 3.0),
  https://creativecommons.org/licenses/by/3.0/
- Changes: tokens joined back into text (sentences as paragraphs); the URL and title of ECB+
  documents moved to the `url` and `title` fields; annotations dropped.
  Written by `scripts/make_ecbplus_examples.py`.
"""


def main(root: Path) -> None:
    for topic, folder in TOPICS.items():
        taken: dict[str, int] = {}
        lines = []
        for doc in iter_documents(root, {topic}):
            if taken.get(doc.subtopic, 0) >= PER_SUBTOPIC:
                continue
            taken[doc.subtopic] = taken.get(doc.subtopic, 0) + 1
            record = {"id": f"ecbplus/{doc.name}", "url": doc.url, "title": doc.title, "text": doc.text}
            lines.append(json.dumps({k: v for k, v in record.items() if v}, ensure_ascii=False))
        target = EXAMPLES / folder
        target.mkdir(parents=True, exist_ok=True)
        (target / "articles.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
        (target / "ATTRIBUTION.md").write_text(
            ATTRIBUTION.format(topic=topic, count=len(lines), per=PER_SUBTOPIC), encoding="utf-8"
        )
        print(f"wrote {len(lines)} articles to {target}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_ROOT)
