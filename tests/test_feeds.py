"""Feeds: safe parsing of RSS/Atom, and polling a real local server that resumes from saved JSON state.

The fixtures in tests/fixtures/feeds are hand-written; ``{base}`` in them is replaced with the
address they are served from.
"""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

import pytest

from conftest import FIXTURES
from storyline.ingest.feeds import Feed, FeedState, find_feed_links, parse_feed, poll_feed
from storyline.ingest.fetch import Fetcher
from storyline.model import RawDocument, Rejection

FEEDS = FIXTURES / "feeds"
SITE = "https://news.example"


def fixture(name: str, base: str = SITE) -> bytes:
    return (FEEDS / name).read_bytes().replace(b"{base}", base.encode())


def parsed(name: str, content_type: str = "application/rss+xml") -> Feed | Rejection:
    return parse_feed(fixture(name), f"{SITE}/{name}", content_type)


def reason_of(result: object) -> str:
    assert isinstance(result, Rejection), result
    return result.reason


# -- parsing ------------------------------------------------------------------------------------


def test_rss2_entries_with_ids_dates_authors_and_content():
    feed = parsed("rss2.xml")
    assert isinstance(feed, Feed)
    assert (feed.title, feed.link, feed.warning, feed.dropped) == ("Example Wire", f"{SITE}/", None, 0)
    first, second, _ = feed.entries
    assert first.id == "example-wire-2025-03-13-0001" and first.link == f"{SITE}/articles/1.html"
    assert first.title == "Kremlin aide calls truce proposal a respite for Kyiv"
    assert first.published == "2025-03-13T09:30:00+00:00" and first.author == "Anna Petrova"
    assert first.summary is not None and first.summary.startswith("Yuri Ushakov said")
    assert first.content == "<p>Yuri Ushakov said a 30-day ceasefire would only give Ukraine&rsquo;s army a respite.</p>"
    assert second.published == "2025-03-13T11:05:00+00:00"  # +0100 normalised to UTC
    assert second.content is None


def test_atom_entries_and_relative_links():
    feed = parsed("atom.xml", "application/atom+xml")
    assert isinstance(feed, Feed) and feed.title == "Example Daily"
    first, second = feed.entries
    assert first.id == "urn:uuid:5a0c2f4e-0000-4000-8000-000000000004"
    assert first.title == "Zakharova: foreign troops in Ukraine absolutely unacceptable"  # HTML title made plain
    assert first.published == "2025-03-13T12:00:00+00:00" and first.author == "Boris Ivanov"
    assert first.content is not None and "absolutely unacceptable" in first.content
    assert second.link == f"{SITE}/articles/5.html"  # resolved against the feed's URL
    assert second.published == "2025-03-12T18:30:00+00:00"  # no <published>: the <updated> date


def test_old_rss_with_a_harmless_doctype_is_read():
    feed = parsed("rss091-doctype.xml")
    assert isinstance(feed, Feed)
    assert [(e.id, e.title) for e in feed.entries] == [(f"{SITE}/articles/6.html", "Caf\u00e9 owners welcome the truce talks")]


def test_billion_laughs_is_refused_before_parsing():
    reason = reason_of(parsed("billion-laughs.xml"))
    assert reason.startswith("the feed declares XML entities (entity 'lol')") and "billion laughs" in reason


def test_external_entity_is_refused():
    assert "pointing at file:///etc/passwd" in reason_of(parsed("external-entity.xml"))


def test_entity_declarations_in_broken_xml_are_refused_too():
    broken = b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaa">]><rss><channel><item><title>&a;</ti'
    assert "declares XML entities" in reason_of(parse_feed(broken, SITE, None))


def test_html_page_instead_of_a_feed_names_the_feeds_it_links():
    reason = reason_of(parsed("page-with-feed-link.html", "text/html"))
    assert reason == (
        "the URL returned an HTML page, not a feed; the page names its feed: "
        f"{SITE}/rss2.xml, {SITE}/atom.xml"
    )
    plain_page = b"<!DOCTYPE html><html><body><p>No feed here</p></body></html>"
    assert reason_of(parse_feed(plain_page, SITE, "application/xml")) == "the URL returned an HTML page, not a feed"
    assert find_feed_links(fixture("page-with-feed-link.html"), f"{SITE}/news/") == [f"{SITE}/rss2.xml", f"{SITE}/atom.xml"]


def test_malformed_feed_is_refused_with_the_parser_error():
    assert reason_of(parsed("malformed.xml")).startswith("malformed feed: <unknown>:3:")


@pytest.mark.parametrize(
    ("content", "why"),
    [
        (b"", "empty body"),
        (b'{"items": []}', "malformed feed"),
        (b"<?xml version='1.0'?><catalog><book>x</book></catalog>", "not an RSS or Atom feed (its first element is <catalog>)"),
        (b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", "malformed feed"),
    ],
)
def test_things_that_are_not_feeds(content, why):
    assert why in reason_of(parse_feed(content, SITE, None))


def test_entry_and_size_caps():
    items = "".join(f"<item><title>Story {n}</title><link>{SITE}/{n}</link></item>" for n in range(20))
    big = f"<rss version='2.0'><channel><title>Busy</title>{items}</channel></rss>".encode()
    feed = parse_feed(big, SITE, max_entries=5)
    assert isinstance(feed, Feed) and [e.title for e in feed.entries] == [f"Story {n}" for n in range(5)]
    assert feed.dropped == 15
    assert "over the 0.0 MB limit" in reason_of(parse_feed(big, SITE, max_bytes=1000))


def test_empty_but_valid_feed_has_no_entries():
    feed = parse_feed(b"<rss version='2.0'><channel><title>Quiet</title></channel></rss>", SITE)
    assert isinstance(feed, Feed) and feed.entries == [] and feed.title == "Quiet"


def test_feed_state_survives_json_and_junk():
    state = FeedState(SITE, etag='"x"', seen=["a", "b"], queue=[{"id": "c", "link": f"{SITE}/c", "attempts": 1}])
    assert FeedState.from_dict(json.loads(json.dumps(state.to_dict()))) == state
    junk = FeedState.from_dict({"etag": 5, "seen": ["a", None, 3], "queue": ["x", {"link": "no id"}]}, url=SITE)
    assert junk == FeedState(SITE, seen=["a"])
    assert FeedState.from_dict(None, url=SITE) == FeedState(SITE)


# -- polling a real server -------------------------------------------------------------------------


class FeedHandler(BaseHTTPRequestHandler):
    server: FeedServer

    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:  # noqa: N802
        path = urlsplit(self.path).path
        self.server.log.append(path)
        try:
            if path == "/feed.xml":
                self.feed()
            elif path.startswith("/articles/"):
                self.article(path.rsplit("/", 1)[1])
            else:
                self.send(404, b"not here", "text/plain")
        except (BrokenPipeError, ConnectionResetError):  # the fetcher stopped reading a huge feed
            pass

    def send(self, status: int, body: bytes, content_type: str, **headers: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def feed(self) -> None:
        state = self.server
        if state.feed_status != 200:
            self.send(state.feed_status, b"down for maintenance", "text/plain")
            return
        body = state.feed_body()
        etag = f'"{hash(body) & 0xFFFFFFFF:x}"'
        if state.use_etag and self.headers.get("If-None-Match") == etag:
            self.send_response(304)
            self.end_headers()
            return
        headers = {"ETag": etag} if state.use_etag else {}
        self.send(200, body, state.feed_type, **headers)

    def article(self, name: str) -> None:
        state = self.server
        if name in state.failing:
            state.failing[name] -= 1
            if state.failing[name] >= 0:
                self.send(503, b"busy", "text/plain")
                return
        if name.startswith("gone"):
            self.send(404, b"gone", "text/plain")
            return
        page = f"<html><head><title>{name}</title></head><body><p>Article {name} text.</p></body></html>"
        self.send(200, page.encode(), "text/html; charset=utf-8")


class FeedServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), FeedHandler)
        self.reset()

    def reset(self) -> None:
        self.log: list[str] = []
        self.feed_name = "rss2.xml"
        self.feed_type = "application/rss+xml"
        self.extra_items = ""
        self.feed_status = 200
        self.use_etag = True
        self.failing: dict[str, int] = {}

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    @property
    def feed_url(self) -> str:
        return self.base + "/feed.xml"

    def feed_body(self) -> bytes:
        body = (FEEDS / self.feed_name).read_bytes().replace(b"</channel>", self.extra_items.encode() + b"</channel>")
        return body.replace(b"{base}", self.base.encode())

    def articles_fetched(self) -> list[str]:
        return [path for path in self.log if path.startswith("/articles/")]


@pytest.fixture(scope="module")
def server():
    local = FeedServer()
    threading.Thread(target=local.serve_forever, daemon=True).start()
    yield local
    local.shutdown()
    local.server_close()


@pytest.fixture(autouse=True)
def fresh_server(request):
    if "server" in request.fixturenames:
        request.getfixturevalue("server").reset()


@pytest.fixture
def fetcher():
    with Fetcher(allow_networks=["127.0.0.1/32"], per_host_delay=0, retries=0, timeout=2.0) as local:
        yield local


def item(name: str, guid: str | None = None, link: str | None = None) -> str:
    return (
        f"<item><title>{name}</title><link>{link or '{base}/articles/' + name}</link>"
        f'<guid isPermaLink="false">{guid or name}</guid></item>'
    )


def test_poll_fetches_every_new_entry_with_hints(server, fetcher):
    result = poll_feed(fetcher, server.feed_url, FeedState(server.feed_url))
    assert result.rejections == [] and result.new_entries == 3 and result.deferred == 0
    assert server.articles_fetched() == ["/articles/1.html", "/articles/2.html", "/articles/3.html"]
    first = result.documents[0]
    assert isinstance(first, RawDocument) and first.kind == "html" and b"Article 1.html" in first.content
    assert first.hints.url == server.base + "/articles/1.html" and first.hints.outlet == "Example Wire"
    assert first.hints.title == "Kremlin aide calls truce proposal a respite for Kyiv"
    assert first.hints.published == "2025-03-13T09:30:00+00:00" and first.hints.author == "Anna Petrova"
    state = result.state
    assert state.etag and state.last_error is None and state.last_polled == state.last_success
    assert state.seen == ["example-wire-2025-03-13-0001", "example-wire-2025-03-13-0002", "example-wire-2025-03-14-0003"]


def test_second_poll_from_saved_json_fetches_nothing_new(server, fetcher):
    first = poll_feed(fetcher, server.feed_url, None)
    saved = json.dumps(first.state.to_dict())  # what the store keeps across a restart
    server.log.clear()
    with Fetcher(allow_networks=["127.0.0.1/32"], per_host_delay=0, retries=0) as restarted:
        second = poll_feed(restarted, server.feed_url, FeedState.from_dict(json.loads(saved)))
    assert second.not_modified and second.documents == [] and second.rejections == []
    assert server.log == ["/feed.xml"]  # a 304: not even the feed body came again


def test_without_etag_the_seen_ids_prevent_refetching(server, fetcher):
    server.use_etag = False
    state = poll_feed(fetcher, server.feed_url, None).state
    assert state.etag is None
    server.extra_items = item("4.html")
    server.log.clear()
    second = poll_feed(fetcher, server.feed_url, state)
    assert not second.not_modified and second.new_entries == 1
    assert server.articles_fetched() == ["/articles/4.html"]
    assert [doc.hints.title for doc in second.documents] == ["4.html"]


def test_poll_leaves_the_callers_state_untouched(server, fetcher):
    state = FeedState(server.feed_url)
    poll_feed(fetcher, server.feed_url, state)
    assert state == FeedState(server.feed_url)


def test_feed_down_gives_a_rejection_and_keeps_the_state(server, fetcher):
    good = poll_feed(fetcher, server.feed_url, None).state
    server.feed_status = 503
    down = poll_feed(fetcher, server.feed_url, good)
    assert [r.reason for r in down.rejections] == ["the server answered 503 Service Unavailable"]
    assert down.state.last_error == "the server answered 503 Service Unavailable"
    assert (down.state.etag, down.state.seen, down.state.last_success) == (good.etag, good.seen, good.last_success)
    server.feed_status = 200
    server.extra_items = item("7.html")
    server.log.clear()
    back = poll_feed(fetcher, server.feed_url, down.state)
    assert back.state.last_error is None and server.articles_fetched() == ["/articles/7.html"]


@pytest.mark.parametrize(
    ("feed_name", "why"),
    [
        ("billion-laughs.xml", "declares XML entities"),
        ("malformed.xml", "malformed feed"),
        ("page-with-feed-link.html", "the URL returned an HTML page, not a feed"),
    ],
)
def test_bad_feed_gives_a_rejection_and_keeps_the_state(server, fetcher, feed_name, why):
    good = poll_feed(fetcher, server.feed_url, None).state
    server.feed_name = feed_name
    server.log.clear()
    bad = poll_feed(fetcher, server.feed_url, good)
    assert len(bad.rejections) == 1 and why in bad.rejections[0].reason
    assert bad.rejections[0].source == server.feed_url and bad.rejections[0].stage == "feed"
    assert (bad.state.etag, bad.state.seen) == (good.etag, good.seen) and why in (bad.state.last_error or "")
    assert server.articles_fetched() == []


def test_huge_feed_is_refused(server):
    server.extra_items = item("x") * 20_000  # about 1.6 MB
    with Fetcher(allow_networks=["127.0.0.1/32"], per_host_delay=0, max_bytes=1_000_000) as small:
        result = poll_feed(small, server.feed_url, None)
    assert "over the 1.0 MB limit" in result.rejections[0].reason and result.documents == []
    assert result.state.seen == [] and result.state.etag is None


def test_failing_entries_are_retried_on_later_polls_then_given_up(server, fetcher):
    server.feed_name = "rss091-doctype.xml"  # one entry, /articles/6.html
    server.extra_items = item("flaky") + item("dead") + item("gone")
    server.failing = {"flaky": 1, "dead": 99}
    first = poll_feed(fetcher, server.feed_url, None, max_attempts=2)
    assert [doc.hints.title for doc in first.documents] == ["Caf\u00e9 owners welcome the truce talks"]
    assert [r.reason for r in first.rejections] == ["the server answered 404 Not Found"]  # gone: at once
    assert first.deferred == 2 and [q["id"] for q in first.state.queue] == ["flaky", "dead"]
    saved = FeedState.from_dict(json.loads(json.dumps(first.state.to_dict())))
    second = poll_feed(fetcher, server.feed_url, saved, max_attempts=2)
    assert second.not_modified and [doc.hints.title for doc in second.documents] == ["flaky"]
    assert [r.reason for r in second.rejections] == ["the server answered 503 Service Unavailable (gave up after 2 polls)"]
    assert second.state.queue == [] and {"flaky", "dead", "gone"} <= set(second.state.seen)


def test_max_new_spreads_a_big_backlog_over_polls(server, fetcher):
    first = poll_feed(fetcher, server.feed_url, None, max_new=2)
    assert len(first.documents) == 2 and first.deferred == 1
    second = poll_feed(fetcher, server.feed_url, first.state, max_new=2)
    assert second.not_modified and [doc.hints.url for doc in second.documents] == [server.base + "/articles/3.html"]
    assert second.state.queue == []


def test_entry_link_to_a_forbidden_address_is_refused(server, fetcher):
    server.extra_items = item("meta", link="http://169.254.169.254/latest/meta-data/")
    result = poll_feed(fetcher, server.feed_url, None)
    assert len(result.documents) == 3
    (refused,) = result.rejections
    assert refused.source == "http://169.254.169.254/latest/meta-data/" and "link-local" in refused.reason


def test_linkless_entry_is_taken_from_the_feed_text(server, fetcher):
    server.extra_items = "<item><guid isPermaLink='false'>note-1</guid><title>Editor's note</title><description>&lt;p&gt;Corrections below.&lt;/p&gt;</description></item>"
    result = poll_feed(fetcher, server.feed_url, None)
    note = [doc for doc in result.documents if doc.hints.title == "Editor's note"]
    assert len(note) == 1 and note[0].content == b"<p>Corrections below.</p>" and note[0].hints.url is None
    assert note[0].source == server.feed_url + "#entry=note-1"
