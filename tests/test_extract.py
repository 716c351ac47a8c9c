"""Extract: our scraped-text cleaner and text metadata, trafilatura for HTML, decoding and refusals."""

from __future__ import annotations

import gzip
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import DEMO_STORY, FIXTURES
from storyline.extract import extract
from storyline.extract.decode import NotText, decode
from storyline.extract.text_cleaner import Line, clean_lines, furniture_reason, normalise
from storyline.extract.text_metadata import make_title, parse_date_line, read_dateline
from storyline.model import Article, Hints, RawDocument, Rejection


def _text(content: str | bytes, **hints) -> Article | Rejection:
    data = content.encode() if isinstance(content, str) else content
    return extract(RawDocument(source="t.txt", content=data, kind="text", hints=Hints(**hints)))


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("icon-facebook icon-twitter icon-whatsapp", "share buttons"),
        ("Share Tweet Email", "share buttons"),
        ("0", "counter"),
        ("1.2K", "counter"),
        ("DefenseFeaturedInternationalPolicy", "section tags"),
        ("Related Posts", "page furniture"),
        ("Source link", "page furniture"),
        ("Load More Posts Loading...No More Posts.", "page furniture"),
        ("Subscribe to our newsletter", "page furniture"),
        ("Photo: Reuters", "page furniture"),
        ("© 2025 Example Media. All rights reserved.", "page furniture"),
        ("ALSO READ: Russia Says Kursk Operation in Final Stage", "link to another article"),
        ("CNN’s Matthew Chance and Jennifer Hansler contributed to this report.", "credit line"),
        ("Reporting by Jane Doe; Editing by John Roe", "credit line"),
        ("This is a developing story and will be updated.", "credit line"),
        ("Russia’s reservations on ceasefire proposal", None),  # a subheading is body
        ("KEY POINTS", None),
        ("Ushakov said the truce would only help Ukraine.", None),
        ("Read more about how the talks began on Tuesday, officials said.", None),
    ],
)
def test_furniture_rules(line, expected):
    assert furniture_reason(line) == expected


def test_short_lines_after_the_last_sentence_are_page_furniture():
    lines = [
        Line(t, i)
        for i, t in enumerate(["The minister resigned on Monday after a vote.", "Trending", "Politics World"])
    ]
    cleaned = clean_lines(lines)
    assert cleaned.paragraphs == ["The minister resigned on Monday after a vote."]
    assert cleaned.removed == ["Trending", "Politics World"]


def test_a_short_line_repeated_is_a_menu():
    texts = [
        "Home News Sport",
        "The council approved the budget on Friday, the mayor said.",
        "Home News Sport",
        "It passed 7 to 2 after a long debate in the chamber.",
    ]
    cleaned = clean_lines([Line(t, i) for i, t in enumerate(texts)])
    assert cleaned.removed == ["Home News Sport", "Home News Sport"]


@pytest.mark.parametrize(
    ("line", "iso"),
    [
        ("Thu Mar 13 2025", "2025-03-13"),
        ("March 13, 2025", "2025-03-13"),
        ("13 March 2025", "2025-03-13"),
        ("Published: 2025-03-13", "2025-03-13"),
        ("Thursday, 13 March 2025 10:42 GMT", "2025-03-13"),
        ("March 13 was a day to remember for everyone.", None),
        ("Related Posts", None),
    ],
)
def test_date_lines(line, iso):
    assert parse_date_line(line) == iso


def test_datelines():
    assert read_dateline("MOSCOW: A high-level US delegation arrived.") == ("MOSCOW", None)
    assert read_dateline("KYIV, Ukraine (AP) — Drones struck the capital.") == ("KYIV", "AP")
    assert read_dateline("Moscow said on Thursday it would respond.") == (None, None)


def test_made_title_is_the_lead_cut_at_a_word():
    title = make_title(
        [
            "KEY POINTS",
            "A Russian presidential aide has cast doubt on a US ceasefire proposal for Ukraine, as American special envoy Steve Witkoff arrived.",
        ]
    )
    assert (
        title is not None
        and title.endswith("…")
        and len(title) <= 91
        and title.startswith("A Russian presidential aide")
    )


def test_outlet_line_over_a_dash_names_the_outlet():
    article = _text(
        "CNN\n—\nThe Kremlin said on Thursday that it had received the proposal and would study it.\n"
    )
    assert isinstance(article, Article)
    assert article.outlet == "CNN" and article.title and "CNN" not in article.title
    assert article.text.startswith("The Kremlin said")


def test_hints_win_over_the_text():
    article = _text(
        "Some Headline\n\nThu Mar 13 2025\n\nThe ministry said the talks would resume on Monday in Geneva.",
        title="Given",
        published="2025-03-14",
        outlet="Wire",
    )
    assert isinstance(article, Article)
    assert (article.title, article.published, article.outlet) == ("Given", "2025-03-14", "Wire")


def test_a_made_up_scraped_page_comes_out_clean():
    page = """Home | World | Business | Sport
Advertisement
Floods force thousands from homes in northern Italy
By Anna Rossi
Share this article
Heavy rain swelled rivers across Emilia-Romagna on Tuesday, forcing more than 3,000 people to leave their homes, the regional government said.
“We have never seen water rise this fast,” said Mayor Luca Bianchi.
Photo: Reuters
Rescue teams reached the last stranded villages by boat late in the evening.
Sign up
Subscribe to our newsletter
© 2025 Example Media. All rights reserved.
"""
    article = _text(page)
    assert isinstance(article, Article)
    assert (
        article.text.split("\n\n")[-1]
        == "Rescue teams reached the last stranded villages by boat late in the evening."
    )
    for line in (
        "Advertisement",
        "Share this article",
        "Photo: Reuters",
        "Sign up",
        "Subscribe to our newsletter",
    ):
        assert line in article.removed and line not in article.text
    assert "“We have never seen water rise this fast,” said Mayor Luca Bianchi." in article.text


def test_demo_articles_metadata():
    articles = {}
    for path in sorted(DEMO_STORY.glob("*.txt")):
        result = extract(RawDocument(str(path), path.read_bytes(), "text"))
        assert isinstance(result, Article)
        articles[path.name[:3]] = result
    assert articles["002"].published == "2025-03-13" and articles["002"].dateline == "MOSCOW"
    assert articles["004"].outlet == "CNN"
    assert articles["001"].removed == [
        "DefenseFeaturedInternationalPolicy",
        "Source link",
        "Related Posts",
        "Load More Posts Loading...No More Posts.",
    ]
    assert articles["003"].removed == ["0", "0"]
    assert "KEY POINTS" in articles["002"].text


def test_latin1_and_bom_and_utf16_decode():
    assert decode("Café São Paulo – señor".encode("cp1252")) == "Café São Paulo – señor"
    assert decode("Café".encode("latin-1")) == "Café"
    assert decode("\ufeffKyiv".encode("utf-8")) == "Kyiv"
    assert decode("Kyiv said".encode("utf-16")) == "Kyiv said"


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty"),
        (b"  \n\t ", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "PNG"),
        (b"%PDF-1.7 ...", "PDF"),
        (b"abc\x00def", "NUL"),
        (bytes(range(1, 32)) * 10, "control characters"),
    ],
)
def test_not_text_is_refused_with_a_reason(data, reason):
    with pytest.raises(NotText, match=reason):
        decode(data)
    rejection = _text(data)
    assert isinstance(rejection, Rejection) and reason in rejection.reason and rejection.raw_id


def test_only_boilerplate_is_rejected():
    rejection = _text("Share\nRelated Posts\n0\n")
    assert isinstance(rejection, Rejection) and "no article text" in rejection.reason


def test_html_page_through_trafilatura():
    html = gzip.decompress((FIXTURES / "extract" / "sciencealert-jupiter.html.gz").read_bytes())
    gold = json.loads((FIXTURES / "extract" / "sciencealert-jupiter.gold.json").read_text())["articleBody"]
    article = extract(RawDocument("page.html", html, "html"))
    assert isinstance(article, Article)
    assert article.title and "Europa" in article.title
    assert article.published == "2019-11-18" and article.outlet == "ScienceAlert"
    first_paragraph = gold.split("\n")[0].strip()
    assert first_paragraph in article.text
    assert "\n\n" in article.text


def test_html_without_an_article_is_rejected():
    rejection = extract(RawDocument("x.html", b"<html><body><nav>Home</nav></body></html>", "html"))
    assert isinstance(rejection, Rejection) and "no article text" in rejection.reason


@given(st.text(max_size=400))
def test_cleaner_never_raises_and_keeps_only_input_lines(text):
    lines = [Line(normalise(t), i) for i, t in enumerate(text.splitlines())]
    lines = [line for line in lines if line.text]
    cleaned = clean_lines(lines)
    originals = {line.text for line in lines}
    assert all(p in originals for p in cleaned.paragraphs + cleaned.removed)
    assert len(cleaned.paragraphs) + len(cleaned.removed) == len(lines)
