"""Point 7: `make demo` writes report.html, and a real Chromium shows the story and its quotes."""

from __future__ import annotations

import json
import subprocess

import pytest

from conftest import REPO

pytestmark = [pytest.mark.slow, pytest.mark.browser]


@pytest.fixture(scope="module")
def demo_report():
    """Run `make demo` in the checkout, as a newcomer would (the venv `make test` made is reused)."""
    for name in ("report.html", "report.json"):
        (REPO / name).unlink(missing_ok=True)
    done = subprocess.run(["make", "demo"], cwd=REPO, capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "report.html" in done.stdout
    return REPO / "report.html", json.loads((REPO / "report.json").read_text(encoding="utf-8"))


def test_report_shows_the_story_and_its_quotes(browser, demo_report):
    report, export = demo_report
    requests: list[str] = []
    errors: list[str] = []
    page = browser.new_page()
    page.on("request", lambda request: requests.append(request.url))
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.goto(report.as_uri())

    [ceasefire] = [s for s in export["stories"] if len(s["article_ids"]) == 4 and "Ukraine" in s["title"]]
    assert page.get_by_text(ceasefire["title"]).first.is_visible()
    body = page.inner_text("body")
    for quote in export["quotes"]:
        if quote["article_id"] in ceasefire["article_ids"] and quote["kind"] == "direct":
            assert " ".join(quote["text"].split())[:40] in " ".join(body.split())
    assert "Yuri Ushakov" in body and "Marco Rubio" in body

    # Every quote is linked to its place in its article: the anchor exists and shows the quoted words.
    first = next(q for q in export["quotes"] if q["article_id"] in ceasefire["article_ids"])
    mark = page.locator(f'[id="q-{first["id"]}"]')
    assert mark.count() == 1
    assert " ".join(mark.inner_text().split()) == " ".join(first["text"].split())
    page.locator(f'a[href="#q-{first["id"]}"]').first.click()
    assert page.evaluate("location.hash") == f"#q-{first['id']}"
    assert mark.is_visible()

    assert requests == [report.as_uri()], "the report fetched something besides itself"
    assert errors == []
    page.close()


def test_report_shows_claims_positions_and_coverage_with_their_sources(browser, demo_report):
    report, export = demo_report
    page = browser.new_page()
    page.goto(report.as_uri())
    [ceasefire] = [s for s in export["stories"] if len(s["article_ids"]) == 4 and "Ukraine" in s["title"]]
    story = page.locator(f'[id="story-{ceasefire["id"]}"]')
    for heading in ("Timeline", "Claims", "Positions", "Coverage"):
        assert story.get_by_role("heading", name=heading).is_visible()
    claims = story.locator("table.claims")
    fifth = claims.locator("tr", has_text="20 percent")
    assert "agree" in fifth.inner_text() and "a fifth" in fifth.inner_text()
    # A claim's source link lands on its span in the article text.
    link = fifth.locator("ul.sources a").first
    target = link.get_attribute("href")
    link.click()
    assert page.evaluate("location.hash") == target
    assert page.locator(f'[id="{target[1:]}"]').count() == 1
    positions = story.locator("table.positions").inner_text()
    assert "Maria Zakharova" in positions and "foreign military presence" in positions
    assert "nuclear-free status" in positions
    page.close()
