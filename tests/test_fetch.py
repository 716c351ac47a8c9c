"""The URL fetcher against a real HTTP server on 127.0.0.1: safety refusals, caps, retries, conditional GET.

Every test runs offline. The server is reached with ``allow_networks=["127.0.0.1/32"]`` (or
``allow_private``); the refusal tests use other loopback and link-local addresses, which are
refused before any connection is made.
"""

from __future__ import annotations

import gzip
import shutil
import socket
import ssl
import subprocess
import threading
import time
import zlib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import pytest

from storyline.ingest.fetch import (
    DEFAULT_USER_AGENT,
    AddressPolicy,
    Fetcher,
    FetchRejection,
    FetchResult,
    read_url_list,
    system_resolve,
)
from storyline.model import Hints, RawDocument, Rejection

PAGE = b"<html><head><title>Ceasefire talks</title></head><body><p>Talks went on.</p></body></html>"
ETAG = '"v1"'
LAST_MODIFIED = "Wed, 12 Mar 2025 10:00:00 GMT"


def _gzip_bomb(size: int) -> bytes:
    """``size`` zero bytes, gzipped block by block so that the test never holds them all."""
    packer = zlib.compressobj(9, zlib.DEFLATED, zlib.MAX_WBITS | 16)
    block = bytes(1_000_000)
    return b"".join(packer.compress(block) for _ in range(size // len(block))) + packer.flush()


BOMB = _gzip_bomb(50_000_000)  # 50 MB of zeros, about 50 kB on the wire


class Handler(BaseHTTPRequestHandler):
    """Routes for each behaviour under test; every request is logged on the server."""

    server: LocalServer

    def log_message(self, *args: object) -> None:  # keep the test output clean
        pass

    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        parts = urlsplit(self.path)
        query = {key: values[0] for key, values in parse_qs(parts.query).items()}
        self.server.log.append((parts.path, dict(self.headers), time.monotonic()))
        route = getattr(self, "route_" + parts.path.strip("/").split("/")[0].replace("-", "_"), None)
        try:
            if route is None:
                self.send(404, b"not here", "text/plain")
            else:
                route(parts.path, query)
        except (BrokenPipeError, ConnectionResetError):  # the client stopped reading: as intended
            pass

    def send(self, status: int, body: bytes, content_type: str, **headers: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers.items():
            self.send_header(name.replace("_", "-"), value)
        self.end_headers()
        self.wfile.write(body)

    def redirect(self, location: str, status: int = 302) -> None:
        self.send_response(status)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def route_page(self, path: str, query: dict[str, str]) -> None:
        if self.headers.get("If-None-Match") == ETAG or self.headers.get("If-Modified-Since") == LAST_MODIFIED:
            self.send_response(304)
            self.send_header("ETag", ETAG)
            self.end_headers()
            return
        self.send(200, PAGE, "text/html; charset=utf-8", ETag=ETAG, Last_Modified=LAST_MODIFIED)

    def route_plain(self, path: str, query: dict[str, str]) -> None:
        self.send(200, "Caf\u00e9 talks\n".encode("latin-1"), "text/plain; charset=ISO-8859-1")

    def route_image(self, path: str, query: dict[str, str]) -> None:
        self.send(200, b"\x89PNG\r\n\x1a\n" + b"\0" * 64, "image/png")

    def route_feed(self, path: str, query: dict[str, str]) -> None:
        self.send(200, b"<?xml version='1.0'?><rss version='2.0'><channel/></rss>", "application/rss+xml")

    def route_gzipped(self, path: str, query: dict[str, str]) -> None:
        self.send(200, gzip.compress(PAGE), "text/html", Content_Encoding="gzip")

    def route_deflated(self, path: str, query: dict[str, str]) -> None:
        self.send(200, zlib.compress(PAGE), "text/html", Content_Encoding="deflate")

    def route_bomb(self, path: str, query: dict[str, str]) -> None:
        self.send(200, BOMB, "text/html", Content_Encoding="gzip")

    def route_brotli(self, path: str, query: dict[str, str]) -> None:
        self.send(200, b"\x1b\x03\x00\xf8", "text/html", Content_Encoding="br")

    def route_redirect(self, path: str, query: dict[str, str]) -> None:
        self.redirect(query.get("to", "/page"), int(query.get("status", "302")))

    def route_chain(self, path: str, query: dict[str, str]) -> None:
        left = int(path.rsplit("/", 1)[1])
        self.redirect(f"/chain/{left - 1}" if left > 0 else "/page")

    def route_loop_a(self, path: str, query: dict[str, str]) -> None:
        self.redirect("/loop-b")

    def route_loop_b(self, path: str, query: dict[str, str]) -> None:
        self.redirect("/loop-a")

    def route_huge(self, path: str, query: dict[str, str]) -> None:
        """30 MB streamed without a Content-Length: only counting while reading can stop it."""
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.end_headers()
        block = b"<p>" + b"x" * 65_530 + b"</p>"
        self.server.huge_sent = 0
        try:
            for _ in range(30_000_000 // len(block)):
                self.wfile.write(block)
                self.server.huge_sent += len(block)
        finally:
            self.server.huge_done.set()

    def route_declared_huge(self, path: str, query: dict[str, str]) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", "100000000")
        self.end_headers()
        self.wfile.write(b"<p>" * 1000)

    def route_truncated(self, path: str, query: dict[str, str]) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", "1000")
        self.end_headers()
        self.wfile.write(PAGE)  # fewer bytes than promised, then the connection closes

    def route_stall(self, path: str, query: dict[str, str]) -> None:
        self.server.stop.wait(3)  # no answer at all until the test is over

    def route_drip(self, path: str, query: dict[str, str]) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.end_headers()
        for _ in range(60):  # each byte in time for the read timeout, the whole far too slow
            if self.server.stop.wait(0.05):
                return
            self.wfile.write(b"x")
            self.wfile.flush()

    def route_flaky(self, path: str, query: dict[str, str]) -> None:
        """Fails ``fails`` times with ``status`` (per ``key``), then serves the page."""
        key = query.get("key", "")
        self.server.counts[key] = self.server.counts.get(key, 0) + 1
        if self.server.counts[key] <= int(query.get("fails", "1")):
            retry_after = query.get("retry_after")
            extra = {"Retry_After": retry_after} if retry_after else {}
            self.send(int(query.get("status", "503")), b"busy", "text/plain", **extra)
        else:
            self.send(200, PAGE, "text/html")


class LocalServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), Handler)
        self.log: list[tuple[str, dict[str, str], float]] = []
        self.counts: dict[str, int] = {}
        self.stop = threading.Event()
        self.huge_sent = 0
        self.huge_done = threading.Event()  # set when /huge stops writing, done or cut off

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    def paths(self) -> list[str]:
        return [path for path, _, _ in self.log]


@pytest.fixture(scope="module")
def server():
    local = LocalServer()
    thread = threading.Thread(target=local.serve_forever, daemon=True)
    thread.start()
    yield local
    local.stop.set()
    local.shutdown()
    local.server_close()


@pytest.fixture(autouse=True)
def fresh_log(server):
    server.log.clear()


def local_fetcher(**options) -> Fetcher:
    """A fetcher that may reach the test server (127.0.0.1) but no other non-public address."""
    settings = {"allow_networks": ["127.0.0.1/32"], "per_host_delay": 0.0, "backoff": 0.01, "timeout": 2.0}
    return Fetcher(**{**settings, **options})


def rejected(result: FetchResult | Rejection) -> Rejection:
    assert isinstance(result, Rejection), result
    assert result.stage == "fetch"
    return result


def test_plain_page_fetch(server):
    result = local_fetcher().fetch(server.base + "/page#top")
    assert isinstance(result, FetchResult)
    assert (result.status, result.content, result.content_type, result.charset) == (200, PAGE, "text/html", "utf-8")
    assert (result.etag, result.last_modified, result.not_modified) == (ETAG, LAST_MODIFIED, False)
    assert result.url == server.base + "/page" and result.redirects == []
    headers = server.log[0][1]
    assert headers["User-Agent"] == DEFAULT_USER_AGENT
    assert headers["Accept-Encoding"] == "gzip, deflate"


def test_page_becomes_raw_html_document_with_final_url(server):
    start = server.base + "/redirect?to=/page"
    result = local_fetcher().fetch(start)
    assert isinstance(result, FetchResult)
    raw = result.to_raw_document(Hints(outlet="Example News"))
    assert isinstance(raw, RawDocument)
    assert (raw.kind, raw.content, raw.source) == ("html", PAGE, start)
    assert raw.hints.url == server.base + "/page" and raw.hints.outlet == "Example News"


def test_plain_text_and_other_types(server):
    fetcher = local_fetcher()
    text = fetcher.fetch(server.base + "/plain")
    assert isinstance(text, FetchResult) and text.charset == "iso-8859-1"
    raw = text.to_raw_document()
    assert isinstance(raw, RawDocument) and raw.kind == "text" and raw.content == "Caf\u00e9 talks\n".encode("latin-1")
    image = fetcher.fetch(server.base + "/image")
    assert isinstance(image, FetchResult)
    assert "image/png, not an HTML page or text" in rejected(image.to_raw_document()).reason
    feed = fetcher.fetch(server.base + "/feed")
    assert isinstance(feed, FetchResult)
    assert "--feed" in rejected(feed.to_raw_document()).reason


def test_conditional_get_reports_304_as_not_modified(server):
    fetcher = local_fetcher()
    first = fetcher.fetch(server.base + "/page")
    assert isinstance(first, FetchResult)
    again = fetcher.fetch(server.base + "/page", etag=first.etag)
    assert isinstance(again, FetchResult)
    assert (again.status, again.not_modified, again.content) == (304, True, b"")
    assert server.log[1][1]["If-None-Match"] == ETAG
    by_date = fetcher.fetch(server.base + "/page", last_modified=first.last_modified)
    assert isinstance(by_date, FetchResult) and by_date.not_modified
    assert server.log[2][1]["If-Modified-Since"] == LAST_MODIFIED
    assert "not modified" in rejected(again.to_raw_document()).reason


def test_compressed_bodies_are_decoded(server):
    fetcher = local_fetcher()
    for path in ("/gzipped", "/deflated"):
        result = fetcher.fetch(server.base + path)
        assert isinstance(result, FetchResult) and result.content == PAGE


def test_redirects_are_followed_and_recorded(server):
    result = local_fetcher().fetch(server.base + "/chain/3")
    assert isinstance(result, FetchResult)
    assert result.url == server.base + "/page" and result.content == PAGE
    assert [url.rsplit("/", 2)[-2:] for url in result.redirects] == [["chain", "3"], ["chain", "2"], ["chain", "1"], ["chain", "0"]]


def test_too_many_redirects(server):
    reason = rejected(local_fetcher(max_redirects=5).fetch(server.base + "/chain/9")).reason
    assert "too many redirects (more than 5)" in reason
    assert server.paths() == [f"/chain/{n}" for n in range(9, 3, -1)]  # six requests, then it stops


def test_redirect_loop(server):
    reason = rejected(local_fetcher().fetch(server.base + "/loop-a")).reason
    assert reason.startswith("redirect loop:") and reason.count("/loop-a") == 2
    assert server.paths() == ["/loop-a", "/loop-b"]


@pytest.mark.parametrize(
    ("target", "why"),
    [
        ("http://169.254.169.254/latest/meta-data/", "169.254.169.254 is a link-local address"),
        ("http://127.0.0.2:{port}/page", "127.0.0.2 is a loopback address"),
        ("http://[::ffff:10.0.0.1]/", "it embeds the IPv4 address 10.0.0.1, and 10.0.0.1 is a private-network address"),
        ("file:///etc/passwd", "only http and https URLs are fetched; not file:"),
    ],
)
def test_redirect_to_forbidden_place_is_refused(server, target, why):
    target = target.format(port=server.server_address[1])
    reason = rejected(local_fetcher().fetch(f"{server.base}/redirect?to={target}")).reason
    assert reason.startswith("redirected to ") and ", which is refused: " in reason and why in reason
    assert server.paths() == ["/redirect"]  # the forbidden hop was never requested


@pytest.mark.parametrize(
    ("url", "why"),
    [
        ("http://169.254.169.254/latest/meta-data/", "169.254.169.254 is a link-local address"),
        ("http://127.0.0.1:{port}/page", "127.0.0.1 is a loopback address"),
        ("http://[::1]:{port}/page", "::1 is a loopback address"),
        ("http://10.1.2.3/", "10.1.2.3 is a private-network address"),
        ("http://0.0.0.0:{port}/", "0.0.0.0 is the unspecified address"),
        ("http://224.0.0.1/", "224.0.0.1 is a multicast address"),
        ("http://100.64.0.1/", "100.64.0.1 is a reserved, non-public address"),
        ("http://[::ffff:169.254.169.254]/", "embeds the IPv4 address 169.254.169.254"),
        ("http://localhost:{port}/page", "localhost resolves to"),  # a name: checked after DNS
        ("http://2130706433:{port}/page", "2130706433 resolves to 127.0.0.1"),  # 127.0.0.1 as one number
    ],
)
def test_non_public_addresses_are_refused_before_connecting(server, url, why):
    url = url.format(port=server.server_address[1])
    result = Fetcher(per_host_delay=0, retries=0).fetch(url)
    reason = rejected(result).reason
    assert why in reason and "refused (allow private addresses to fetch it)" in reason
    assert isinstance(result, FetchRejection) and not result.transient
    assert server.log == []


def test_allow_private_reaches_the_local_server(server):
    result = Fetcher(allow_private=True, per_host_delay=0).fetch(f"http://localhost:{server.server_address[1]}/page")
    assert isinstance(result, FetchResult) and result.content == PAGE


def test_connection_goes_to_the_address_that_was_checked(server):
    """A custom resolver is the only one that knows news.example: the socket uses its checked answer."""

    def resolve(host: str, port: int) -> list[str]:
        return ["127.0.0.1"] if host == "news.example" else system_resolve(host, port)

    port = server.server_address[1]
    result = local_fetcher(resolve=resolve).fetch(f"http://news.example:{port}/page")
    assert isinstance(result, FetchResult) and result.content == PAGE
    assert server.log[0][1]["Host"] == f"news.example:{port}"
    refused = Fetcher(per_host_delay=0, resolve=resolve).fetch(f"http://news.example:{port}/page")
    assert "news.example resolves to 127.0.0.1: 127.0.0.1 is a loopback address" in rejected(refused).reason


def test_a_name_with_one_private_answer_among_public_ones_is_refused():
    policy = AddressPolicy()
    with pytest.raises(Exception, match="resolves to 192.168.1.5"):
        policy.allowed_addresses("mixed.example", 80, lambda host, port: ["93.184.216.34", "192.168.1.5"])
    assert policy.allowed_addresses("public.example", 80, lambda host, port: ["93.184.216.34"]) == ["93.184.216.34"]


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://ftp.example.com/file.txt", "javascript:alert(1)", "gopher://x/"])
def test_other_schemes_are_refused(url):
    reason = rejected(Fetcher().fetch(url)).reason
    assert reason.startswith("only http and https URLs are fetched")


def test_garbage_url_is_a_rejection_not_an_exception():
    reasons = [rejected(Fetcher().fetch(url)).reason for url in ("", "http://", "not a url")]
    assert reasons == [
        "only http and https URLs are fetched; this one has no scheme",
        "the URL has no host",
        "only http and https URLs are fetched; this one has no scheme",
    ]


@pytest.mark.parametrize(("error", "calls"), [(socket.EAI_NONAME, 1), (socket.EAI_AGAIN, 3)])
def test_unknown_host_is_not_retried_but_a_dns_hiccup_is(monkeypatch, error, calls):
    """DNS answers cannot be staged offline, so the resolver's failure is: no such name, or try again."""
    asked: list[str] = []

    def failing_getaddrinfo(host, *args, **kwargs):
        asked.append(host)
        raise socket.gaierror(error, "Name or service not known" if error == socket.EAI_NONAME else "Try again")

    monkeypatch.setattr(socket, "getaddrinfo", failing_getaddrinfo)
    reason = rejected(Fetcher(backoff=0.01, per_host_delay=0).fetch("http://news.example/")).reason
    assert "cannot resolve host news.example" in reason and asked == ["news.example"] * calls


def test_oversize_streamed_response_is_cut_off_at_the_cap(server):
    server.huge_done.clear()
    reason = rejected(local_fetcher(max_bytes=1_000_000).fetch(server.base + "/huge")).reason
    assert "larger than the 1.0 MB limit" in reason
    assert server.huge_done.wait(30)
    assert server.huge_sent < 10_000_000  # the client hung up early, not after 30 MB (socket buffers aside)


def test_declared_oversize_response_is_refused_before_reading(server):
    reason = rejected(local_fetcher(max_bytes=1_000_000).fetch(server.base + "/declared-huge")).reason
    assert "100.0 MB (Content-Length), over the 1.0 MB limit" in reason


def test_gzip_bomb_is_refused(server):
    assert len(BOMB) < 100_000
    reason = rejected(local_fetcher(max_bytes=1_000_000).fetch(server.base + "/bomb")).reason
    assert "larger than the 1.0 MB limit once decompressed (gzip)" in reason


def test_unsupported_content_encoding_is_refused(server):
    reason = rejected(local_fetcher().fetch(server.base + "/brotli")).reason
    assert "unsupported Content-Encoding (br)" in reason


def test_stalled_server_times_out(server):
    result = local_fetcher(timeout=0.3, retries=0).fetch(server.base + "/stall")
    assert "timed out waiting for the server" in rejected(result).reason
    assert isinstance(result, FetchRejection) and result.transient  # the server never answers: only a timeout


def test_slow_drip_hits_the_overall_deadline(server):
    result = local_fetcher(timeout=5.0, deadline=0.3, retries=0).fetch(server.base + "/drip")
    assert "the download took longer than 0.3 s" in rejected(result).reason


def test_503_then_200_is_retried(server):
    result = local_fetcher(retries=2).fetch(server.base + "/flaky?key=a&fails=2")
    assert isinstance(result, FetchResult) and result.content == PAGE
    assert server.paths() == ["/flaky"] * 3


def test_retries_run_out(server):
    result = local_fetcher(retries=1).fetch(server.base + "/flaky?key=b&fails=5")
    assert rejected(result).reason == "the server answered 503 Service Unavailable (after 2 attempts)"
    assert isinstance(result, FetchRejection) and result.transient
    assert len(server.log) == 2


def test_backoff_grows_between_retries(server):
    local_fetcher(retries=2, backoff=0.1).fetch(server.base + "/flaky?key=c&fails=2")
    times = [at for _, _, at in server.log]
    assert times[1] - times[0] >= 0.1 and times[2] - times[1] >= 0.2


def test_429_honours_a_short_retry_after_and_refuses_a_long_one(server):
    short = local_fetcher(retries=1).fetch(server.base + "/flaky?key=d&fails=1&status=429&retry_after=0")
    assert isinstance(short, FetchResult)
    long = local_fetcher(retries=3).fetch(server.base + "/flaky?key=e&fails=1&status=429&retry_after=3600")
    assert "asked to wait 3600 s; not retried now" in rejected(long).reason
    assert server.paths() == ["/flaky"] * 3  # two for the short wait, one for the long


def test_4xx_is_not_retried(server):
    result = local_fetcher(retries=3).fetch(server.base + "/missing")
    assert rejected(result).reason == "the server answered 404 Not Found"
    assert isinstance(result, FetchRejection) and not result.transient
    assert len(server.log) == 1


def test_truncated_response_is_refused(server):
    reason = rejected(local_fetcher(retries=0).fetch(server.base + "/truncated")).reason
    assert "the connection closed before the whole body arrived" in reason


def test_per_host_politeness_delay(server):
    fetcher = local_fetcher(per_host_delay=0.3)
    for _ in range(3):
        assert isinstance(fetcher.fetch(server.base + "/page"), FetchResult)
    times = [at for _, _, at in server.log]
    assert all(later - earlier >= 0.29 for earlier, later in zip(times, times[1:], strict=False))


def test_read_url_list(tmp_path):
    listing = tmp_path / "urls.txt"
    listing.write_text(
        "# morning reads\n\nhttps://example.com/a\n  https://example.com/b   # from Monday\n"
        "https://example.com/a\n#https://example.com/skipped\n",
        encoding="utf-8",
    )
    assert read_url_list(listing) == ["https://example.com/a", "https://example.com/b"]


@pytest.fixture(scope="module")
def tls_server(tmp_path_factory):
    """An HTTPS server on 127.0.0.1 with a self-signed certificate for news.example (made by openssl)."""
    if shutil.which("openssl") is None:
        pytest.skip("no openssl command to make a test certificate")
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=news.example",
         "-addext", "subjectAltName=DNS:news.example", "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True,
    )
    local = LocalServer()
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    local.socket = context.wrap_socket(local.socket, server_side=True)
    threading.Thread(target=local.serve_forever, daemon=True).start()
    yield local, str(cert)
    local.shutdown()
    local.server_close()


def test_https_to_the_pinned_address_still_verifies_the_host_name(tls_server):
    """The socket goes to the checked IP, yet TLS sends SNI and checks the certificate for the name."""
    local, ca = tls_server
    port = local.server_address[1]

    def resolve(host: str, port: int) -> list[str]:
        return ["127.0.0.1"]  # every name here is this machine

    fetcher = local_fetcher(resolve=resolve, verify=ca, retries=2)
    result = fetcher.fetch(f"https://news.example:{port}/page")
    assert isinstance(result, FetchResult) and result.content == PAGE
    wrong_name = fetcher.fetch(f"https://other.example:{port}/page")
    assert "TLS certificate is not valid" in rejected(wrong_name).reason
    untrusted = local_fetcher(resolve=resolve, retries=0).fetch(f"https://news.example:{port}/page")
    assert "TLS certificate is not valid" in rejected(untrusted).reason
    assert [path for path in local.paths() if path == "/page"] == ["/page"]  # bad certificates: no retry, no request
