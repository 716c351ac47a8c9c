"""The web issue's bad inputs, each in a batch with good ones, through the real command line.

A local server on 127.0.0.1 serves real pages (Zyte benchmark fixtures, MIT), a feed, and every
kind of bad answer; ``storyline ingest`` reaches it with ``--allow-private``. Each bad input must
come out as a rejection with a clear reason while the good ones become articles; the addresses a
fetch must refuse (loopback, cloud metadata) are tried without the allowance. All offline.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import threading
import zlib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from typer.testing import CliRunner
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from storyline.cli import app
from storyline.store import Store

FIXTURES = Path(__file__).resolve().parent / "fixtures"
PAGE = gzip.decompress((FIXTURES / "extraction" / "space-europa.html.gz").read_bytes())
OTHER_PAGE = gzip.decompress((FIXTURES / "extraction" / "paradigm-senate.html.gz").read_bytes())
BILLION_LAUGHS = (FIXTURES / "feeds" / "billion-laughs.xml").read_bytes()
MAX_BYTES = 5_000_000
pytestmark = pytest.mark.slow


def _gzip_bomb(size: int) -> bytes:
    packer = zlib.compressobj(9, zlib.DEFLATED, zlib.MAX_WBITS | 16)
    block = bytes(1_000_000)
    return b"".join(packer.compress(block) for _ in range(size // len(block))) + packer.flush()


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass

    def send(self, body: bytes, content_type: str, status: int = 200, **headers: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers.items():
            self.send_header(name.replace("_", "-"), value)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:  # noqa: N802
        port = self.server.server_address[1]
        try:
            if self.path == "/good":
                self.send(PAGE, "text/html; charset=utf-8")
            elif self.path == "/entry":
                self.send(OTHER_PAGE, "text/html; charset=utf-8")
            elif self.path == "/truncated":  # cut off mid-tag, as a dropped connection leaves it
                self.send(PAGE[: len(PAGE) // 2].rsplit(b"<", 1)[0] + b"<div class=", "text/html")
            elif self.path == "/wrong-charset":  # declares UTF-8, sends Windows-1252
                body = PAGE.decode("utf-8").replace("Europa", "Europ\u00e4").encode("cp1252", "replace")
                self.send(body, "text/html; charset=utf-8")
            elif self.path == "/bomb":
                self.send(_gzip_bomb(50_000_000), "text/html", Content_Encoding="gzip")
            elif self.path == "/huge":  # 100 MB announced and streamed until the client hangs up
                self.send_response(200)
                self.send_header("Content-Type", "text/html")
                self.end_headers()
                chunk = b"<p>" + b"x" * 65_533
                for _ in range(100_000_000 // len(chunk)):
                    self.wfile.write(chunk)
            elif self.path in ("/loop", "/loop-back"):
                self.send(b"", "text/html", 302, Location="/loop-back" if self.path == "/loop" else "/loop")
            elif self.path == "/feed":
                item = f"<item><guid>e1</guid><title>Senate</title><link>http://127.0.0.1:{port}/entry</link></item>"
                body = f"<?xml version='1.0'?><rss version='2.0'><channel><title>Local</title>{item}</channel></rss>"
                self.send(body.encode(), "application/rss+xml")
            elif self.path == "/feed-bomb":
                self.send(BILLION_LAUGHS, "application/rss+xml")
            elif self.path == "/feed-is-html":
                self.send(b"<!doctype html><html><body><p>Our news page</p></body></html>", "text/html")
            else:
                self.send(b"not here", "text/plain", 404)
        except (BrokenPipeError, ConnectionResetError):
            pass


@pytest.fixture(scope="module")
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def _warc(pages: list[tuple[str, bytes]]) -> bytes:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    for url, body in pages:
        http = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=http))
    return buffer.getvalue()


def _rejections(db: Path) -> dict[str, str]:
    return {r.source: r.reason for r in Store.open(db).rejections()}


def test_web_batch_bad_inputs_rejected_with_reasons_good_ones_kept(tmp_path, server):
    db = tmp_path / "web.db"
    urls = tmp_path / "urls.txt"
    urls.write_text(f"# pages\n{server}/good\n{server}/truncated\n{server}/wrong-charset\n", encoding="utf-8")
    result = CliRunner().invoke(
        app,
        [
            "ingest",
            f"{server}/bomb",
            f"{server}/huge",
            f"{server}/loop",
            "--urls",
            str(urls),
            "--feed",
            f"{server}/feed",
            "--feed",
            f"{server}/feed-bomb",
            "--feed",
            f"{server}/feed-is-html",
            "--allow-private",
            "--max-bytes",
            str(MAX_BYTES),
            "--db",
            str(db),
        ],
    )
    assert result.exit_code == 0, result.output
    store = Store.open(db)
    by_source = {a.source: a for a in store.articles()}
    good = by_source[f"{server}/good"]
    assert "Europa" in good.text and good.url == f"{server}/good" and good.language == "en"
    assert f"{server}/entry" in by_source  # the feed's entry page, fetched and processed
    assert by_source[f"{server}/entry"].outlet == "Local"
    # Malformed or mis-declared pages still give their article: nothing is lost.
    assert "Europa" in by_source[f"{server}/truncated"].text
    assert "Europ" in by_source[f"{server}/wrong-charset"].text
    reasons = _rejections(db)
    assert "decompress" in reasons[f"{server}/bomb"] or "limit" in reasons[f"{server}/bomb"]
    assert "limit" in reasons[f"{server}/huge"] or "MB" in reasons[f"{server}/huge"]
    assert "redirect" in reasons[f"{server}/loop"].lower()
    assert "entit" in reasons[f"{server}/feed-bomb"].lower()  # refused before any entity is expanded
    assert "html" in reasons[f"{server}/feed-is-html"].lower()
    # The watcher state of the good feed is kept: a second run fetches nothing again.
    assert len(store.feed_state(f"{server}/feed")["seen"]) == 1
    again = CliRunner().invoke(
        app, ["ingest", "--feed", f"{server}/feed", "--allow-private", "--db", str(db)]
    )
    assert again.exit_code == 0 and "0 new inputs" in again.output


def test_private_addresses_refused_without_the_allowance_rest_of_batch_goes_on(tmp_path, server):
    db = tmp_path / "refuse.db"
    folder = tmp_path / "inputs"
    folder.mkdir()
    (folder / "crawl.warc.gz").write_bytes(_warc([("https://example.org/europa", PAGE)]))
    whole = _warc([("https://example.org/senate", OTHER_PAGE), ("https://example.org/europa-2", PAGE)])
    (folder / "cut.warc.gz").write_bytes(whole[: len(whole) - 2000])  # the second record is cut off
    result = CliRunner().invoke(
        app,
        [
            "ingest",
            f"{server}/good",
            "http://169.254.169.254/latest/meta-data/",
            "file:///etc/passwd",
            str(folder),
            "--db",
            str(db),
        ],
    )
    assert result.exit_code == 0, result.output
    reasons = _rejections(db)
    assert "127.0.0.1" in reasons[f"{server}/good"] and "allow private" in reasons[f"{server}/good"]
    assert "169.254.169.254" in reasons["http://169.254.169.254/latest/meta-data/"]
    assert "only http and https" in reasons["file:///etc/passwd"]
    cut = [reason for source, reason in reasons.items() if "cut.warc.gz" in source]
    assert cut and any("cut off" in reason or "ends" in reason for reason in cut)
    urls = {a.url for a in Store.open(db).articles()}
    assert {"https://example.org/europa", "https://example.org/senate"} <= urls


def test_csv_and_jsonl_with_column_mapping(tmp_path):
    db = tmp_path / "tables.db"
    text = (FIXTURES.parent.parent / "examples" / "ceasefire-2025-03").glob("002_*.txt")
    body = next(text).read_text(encoding="utf-8")
    with (tmp_path / "export.csv").open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(
            [["headline", "story_body", "link"], ["Delegation arrives", body, "https://example.org/a"]]
        )
    (tmp_path / "export.jsonl").write_text(
        json.dumps({"story_body": body.replace("Moscow", "Moskva"), "headline": "Envoy lands"}) + "\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(
        app,
        [
            "ingest",
            str(tmp_path / "export.csv"),
            str(tmp_path / "export.jsonl"),
            "--columns",
            "text=story_body,title=headline,url=link",
            "--db",
            str(db),
        ],
    )
    assert result.exit_code == 0, result.output
    articles = Store.open(db).articles()
    assert {a.title for a in articles} == {"Delegation arrives", "Envoy lands"}
    first, second = articles
    assert second.duplicate_of == first.id  # one text with a word changed: linked, not counted twice
    bad = CliRunner().invoke(app, ["ingest", str(tmp_path / "export.csv"), "--columns", "body", "--db", str(db)])
    assert bad.exit_code == 2 and "FIELD=COLUMN" in bad.output


def test_watch_polls_once_and_a_restart_fetches_nothing_again(tmp_path, server):
    db = tmp_path / "watch.db"
    feeds = tmp_path / "feeds.txt"
    feeds.write_text(f"{server}/feed\n{server}/feed-is-html  # a broken one does not stop the others\n")
    args = ["watch", str(feeds), "--once", "--every", "15m", "--allow-private", "--db", str(db)]
    first = CliRunner().invoke(app, args)
    assert first.exit_code == 0, first.output
    assert f"{server}/entry" in {a.source for a in Store.open(db).articles()}
    assert "html" in _rejections(db)[f"{server}/feed-is-html"].lower()
    again = CliRunner().invoke(app, args)  # a restarted watcher resumes from the kept feed state
    assert again.exit_code == 0 and "0 new inputs" in again.output
    bad = CliRunner().invoke(app, ["watch", str(feeds), "--once", "--every", "soon", "--db", str(db)])
    assert bad.exit_code == 2 and "interval" in bad.output


def test_intervals_read_as_seconds():
    from storyline.cli import parse_interval

    assert [parse_interval(t) for t in ("15m", "90s", "2h", "1d", "30")] == [900, 90, 7200, 86400, 30]
    for text in ("0m", "-5m", "15 minutes please", ""):
        with pytest.raises(ValueError):
            parse_interval(text)
