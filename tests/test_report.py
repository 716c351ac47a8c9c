"""The HTML and Markdown reports: self-contained, escaped, every quote anchored at its span."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from storyline.export.html import render_html
from storyline.export.markdown import render_markdown
from storyline.export.view import segments

TEXT = "Officials said <script>alert(1)</script> “We will not stop,” Ivan Petrov said in Kyiv.\n\nHe added: “Never.”"


def _export() -> dict:
    start = TEXT.index("We will")
    end = TEXT.index(",” Ivan")
    never = TEXT.index("Never.")
    quotes = [
        {
            "id": "q1",
            "article_id": "a1",
            "start": start,
            "end": end,
            "text": TEXT[start:end],
            "kind": "direct",
            "cue": "said",
            "speaker": {"entity_id": "e1", "name": "Ivan Petrov", "article_id": "a1", "start": 0, "end": 0},
            "group_id": None,
        },
        {
            "id": "q2",
            "article_id": "a1",
            "start": never,
            "end": never + 6,
            "text": "Never.",
            "kind": "direct",
            "cue": "added",
            "speaker": None,
            "group_id": None,
        },
    ]
    petrov = TEXT.index("Ivan Petrov")
    kyiv = TEXT.index("Kyiv")
    return {
        "schema": "storyline.export/1",
        "articles": [
            {
                "id": "a1",
                "source": "in/a1.txt",
                "url": "https://example.org/a1",
                "outlet": "Wire <b>",
                "title": "Petrov <i>defiant</i>",
                "author": None,
                "published": "2025-03-13",
                "published_estimated": False,
                "language": None,
                "text": TEXT,
                "story_id": "s1",
                "duplicate_of": None,
                "removed": ["Share this"],
            }
        ],
        "stories": [
            {
                "id": "s1",
                "title": "Petrov defiant",
                "article_ids": ["a1"],
                "first_published": "2025-03-13",
                "last_published": "2025-03-13",
            }
        ],
        "entities": [
            {
                "id": "e1",
                "story_id": "s1",
                "name": "Ivan Petrov",
                "type": "PERSON",
                "aliases": [],
                "descriptions": [],
                "mentions": [
                    {"article_id": "a1", "start": petrov, "end": petrov + 11, "text": "Ivan Petrov"}
                ],
            },
            {
                "id": "e2",
                "story_id": "s1",
                "name": "Kyiv",
                "type": "GPE",
                "aliases": [],
                "descriptions": [],
                "mentions": [{"article_id": "a1", "start": kyiv, "end": kyiv + 4, "text": "Kyiv"}],
            },
            # overlapping a quote boundary on purpose: the renderer must not break
            {
                "id": "e3",
                "story_id": "s1",
                "name": "stop",
                "type": "ORG",
                "aliases": [],
                "descriptions": [],
                "mentions": [
                    {"article_id": "a1", "start": end - 4, "end": end + 3, "text": TEXT[end - 4 : end + 3]}
                ],
            },
        ],
        "quotes": quotes,
        "times": [],
        "timeline": [],
        "claims": [],
        "positions": [],
        "coverage": [],
        "briefs": [],
        "rejected": [{"source": "bad.bin", "stage": "extract", "reason": "binary content", "raw_id": "r"}],
    }


class _Marks(HTMLParser):
    """Collects the text inside each <mark id=...> and every tag that could load something."""

    def __init__(self) -> None:
        super().__init__()
        self.marks: dict[str, str] = {}
        self.open: list[str] = []
        self.loaders: list[tuple[str, dict]] = []
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "mark":
            self.open.append(attributes["id"])
            self.marks[attributes["id"]] = ""
        if tag in {"script", "img", "link", "iframe", "object", "embed", "video", "audio", "source"}:
            self.loaders.append((tag, attributes))
        if tag == "a" and attributes.get("href", "").startswith("#"):
            self.links.append(attributes["href"][1:])

    def handle_endtag(self, tag):
        if tag == "mark":
            self.open.pop()

    def handle_data(self, data):
        for mark in self.open:
            self.marks[mark] += data


def test_html_is_self_contained_and_escaped():
    html = render_html(_export())
    parser = _Marks()
    parser.feed(html)
    assert parser.loaders == []  # no script, image, stylesheet or frame: nothing is fetched
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "Petrov <i>defiant</i>" not in html and "Wire &lt;b&gt;" in html
    assert "Content-Security-Policy" in html and "default-src 'none'" in html


def test_every_quote_is_anchored_at_its_span_and_linked():
    export = _export()
    parser = _Marks()
    parser.feed(render_html(export))
    ids = set(re.findall(r'id="([^"]+)"', render_html(export)))
    for quote in export["quotes"]:
        assert parser.marks[f"q-{quote['id']}"] == quote["text"]
    assert all(link in ids for link in parser.links)
    assert {"q-q1", "q-q2"} <= set(parser.links)


def test_segments_cover_the_text_exactly_once():
    export = _export()
    mentions = [{**m, "type": e["type"]} for e in export["entities"] for m in e["mentions"]]
    parts = segments(TEXT, export["quotes"], mentions)
    assert "".join(p.text for p in parts) == TEXT
    assert sum(p.quote_starts for p in parts) == 2


def test_markdown_lists_stories_speakers_and_citations():
    markdown = render_markdown(_export())
    assert "## Petrov defiant" in markdown
    assert "**Ivan Petrov**" in markdown and "chars" in markdown
    assert "speaker not found" in markdown
    assert "Petrov \\<i\\>defiant" in markdown  # escaped, not live HTML
