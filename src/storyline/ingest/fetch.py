"""Fetch one URL the careful way: a page from the open web, never a door into the user's network.

A URL handed to Storyline (on the command line, in a URL list, as a feed entry's link) is
untrusted. The fetcher therefore refuses non-http(s) schemes and every address that is not
public (loopback, private, link-local such as the cloud metadata service at 169.254.169.254,
multicast, reserved, unspecified, IPv4 hidden in IPv6), checked after DNS resolution and on
every redirect, unless the user allows it. The check sits in the network backend that opens
the socket, and the socket goes to the very address that was checked, so a DNS answer that
changes between check and connect (DNS rebinding) cannot slip through.

Size, time and redirects are capped; the body is streamed and decompressed by us with a cap,
so neither a 100 MB page nor a gzip bomb is ever held in memory. Transient failures are retried
with exponential backoff, each host is given a pause between requests, and conditional GET
(ETag / Last-Modified) lets a feed watcher ask "anything new?" cheaply. ``Fetcher.fetch`` never
raises: every failure is a ``Rejection`` whose reason a user can act on.
"""

from __future__ import annotations

import dataclasses
import email.utils
import ipaddress
import logging
import socket
import ssl
import threading
import time
import zlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpcore
import httpx

from storyline.model import Hints, RawDocument, RawKind, Rejection

log = logging.getLogger(__name__)

DEFAULT_USER_AGENT = "Storyline/0.1 (+https://github.com/storyline; news cross-checking)"
DEFAULT_MAX_BYTES = 10_000_000
REDIRECT_STATUSES = {301, 302, 303, 307, 308}
# 501 Not Implemented and 505 HTTP Version Not Supported will not change on a second try.
NOT_TRANSIENT_5XX = {501, 505}
HTML_TYPES = {"text/html", "application/xhtml+xml"}
XML_TYPES = {
    "application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/xml", "text/xml"
}
ACCEPT = "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,text/plain;q=0.9,*/*;q=0.5"

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network
# resolve(host, port) -> the addresses to connect to, in order of preference.
Resolver = Callable[[str, int], list[str]]
NAT64 = ipaddress.ip_network("64:ff9b::/96")


@dataclass
class FetchRejection(Rejection):
    """A fetch that failed; ``transient`` says whether trying again later may succeed."""

    transient: bool = False


@dataclass
class FetchResult:
    """What a successful fetch returned (or that the server's copy has not changed: ``not_modified``)."""

    requested_url: str
    url: str  # the final URL, after redirects
    status: int
    content: bytes  # decoded from its Content-Encoding; empty for a 304
    content_type: str | None  # media type, lower-case, without parameters
    charset: str | None  # the charset named in Content-Type, if any
    etag: str | None = None
    last_modified: str | None = None
    not_modified: bool = False
    redirects: list[str] = field(default_factory=list)  # the URLs passed through before ``url``

    def to_raw_document(self, hints: Hints | None = None) -> RawDocument | Rejection:
        """A raw document (HTML or text by content type) with ``hints.url`` set to the final URL."""
        if self.not_modified:
            return Rejection(self.requested_url, "not modified since the last fetch (HTTP 304)", "fetch")
        kind_or_reason = _kind_of(self.content_type, self.content)
        if kind_or_reason not in ("html", "text"):
            return Rejection(self.requested_url, kind_or_reason, "fetch")
        if not self.content.strip():
            return Rejection(self.requested_url, "the server returned an empty page", "fetch")
        merged = dataclasses.replace(hints or Hints(), url=self.url)
        kind: RawKind = "html" if kind_or_reason == "html" else "text"
        return RawDocument(source=self.requested_url, content=self.content, kind=kind, hints=merged)


def _kind_of(content_type: str | None, content: bytes) -> str:
    """'html' or 'text', else the reason the content is neither."""
    if content_type in HTML_TYPES:
        return "html"
    if content_type in XML_TYPES or (content_type or "").endswith("+xml"):
        return f"the URL returned {content_type}, not a web page; if it is a feed, read it with --feed"
    if content_type and content_type.startswith("text/"):
        return "text"
    if content_type not in (None, "application/octet-stream"):
        return f"the URL returned {content_type}, not an HTML page or text"
    head = content[:1024].lstrip().lower()  # no usable type: look at the bytes
    if head.startswith((b"<!doctype html", b"<html")) or b"<body" in head:
        return "html"
    return "text"


class Refused(Exception):
    """The URL cannot or may not be fetched (forbidden scheme or address, unknown host): do not retry."""


class _Failed(Exception):
    """One fetch failed for good or after retries; ``reason`` is meant for the user."""

    def __init__(self, reason: str, transient: bool = False) -> None:
        super().__init__(reason)
        self.reason = reason
        self.transient = transient


def system_resolve(host: str, port: int) -> list[str]:
    """The addresses the system resolver gives for ``host``, without repeats, in its order."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as error:
        detail = f"cannot resolve host {host}: {getattr(error, 'strerror', None) or error}"
        if isinstance(error, socket.gaierror) and error.errno == socket.EAI_AGAIN:
            raise httpcore.ConnectError(detail) from error  # a DNS hiccup: retried like a failed connect
        raise Refused(detail) from error  # no such name: asking again will not help
    addresses: list[str] = []
    for *_, sockaddr in infos:
        address = str(sockaddr[0])
        if address not in addresses:
            addresses.append(address)
    return addresses


@dataclass(frozen=True)
class AddressPolicy:
    """Which addresses may be connected to: public ones, plus what the user allows."""

    allow_private: bool = False
    allow_networks: tuple[IPNetwork, ...] = ()

    def problem(self, address: IPAddress) -> str | None:
        """Why connecting to ``address`` is refused, or None when it is allowed."""
        if self.allow_private or any(address in network for network in self.allow_networks):
            return None
        if isinstance(address, ipaddress.IPv6Address):
            embedded = _embedded_ipv4(address)
            if embedded is not None:
                inner = self.problem(embedded)
                return f"it embeds the IPv4 address {embedded}, and {inner}" if inner else None
        if address.is_loopback:
            return f"{address} is a loopback address (this machine)"
        if address.is_link_local:
            return f"{address} is a link-local address (where cloud metadata services live)"
        if address.is_unspecified:
            return f"{address} is the unspecified address"
        if address.is_multicast:
            return f"{address} is a multicast address"
        if address.is_private:
            return f"{address} is a private-network address"
        if address.is_reserved or not address.is_global:
            return f"{address} is a reserved, non-public address"
        return None

    def allowed_addresses(self, host: str, port: int, resolve: Resolver) -> list[str]:
        """The addresses ``host`` resolves to, all checked; refused if any of them is not allowed."""
        literal = _ip_literal(host)
        addresses = [str(literal)] if literal is not None else resolve(host, port)
        if not addresses:
            raise httpcore.ConnectError(f"host {host} resolves to no address")
        for text in addresses:
            # An address with a zone ("fe80::1%eth0") is link-local anyway; drop the zone to parse it.
            problem = self.problem(ipaddress.ip_address(text.split("%")[0]))
            if problem:  # one bad answer spoils the name: a mix of public and private is a trick
                where = "" if literal is not None else f"{host} resolves to {text}: "
                raise Refused(f"{where}{problem}; refused (allow private addresses to fetch it)")
        return addresses


def _embedded_ipv4(address: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 address carries (IPv4-mapped, 6to4, Teredo, NAT64), if any."""
    if address.ipv4_mapped is not None:
        return address.ipv4_mapped
    if address.sixtofour is not None:
        return address.sixtofour
    if address.teredo is not None:
        return address.teredo[1]
    if address in NAT64:
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    return None


def _ip_literal(host: str) -> IPAddress | None:
    try:
        return ipaddress.ip_address(host.strip("[]").split("%")[0])
    except ValueError:
        return None


class _GuardedBackend(httpcore.NetworkBackend):
    """Resolves, checks and connects to the checked address in one step: nothing to rebind in between."""

    def __init__(self, policy: AddressPolicy, resolve: Resolver) -> None:
        self._policy = policy
        self._resolve = resolve
        self._inner = httpcore.SyncBackend()

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        addresses = self._policy.allowed_addresses(host, port, self._resolve)
        error: Exception | None = None
        for address in addresses:  # like socket.create_connection: the first that answers
            try:
                # TLS still verifies and sends SNI for ``host``: httpcore gives start_tls the origin's name.
                return self._inner.connect_tcp(address, port, timeout, local_address, socket_options)
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as failed:
                error = failed
        assert error is not None
        raise error

    def connect_unix_socket(
        self, path: str, timeout: float | None = None, socket_options: Iterable[Any] | None = None
    ) -> httpcore.NetworkStream:
        raise Refused("Unix sockets are never fetched")

    def sleep(self, seconds: float) -> None:
        time.sleep(seconds)


class _GuardedTransport(httpx.HTTPTransport):
    """httpx's transport with its connection pool opening sockets through ``_GuardedBackend``.

    httpx has no public hook for the network backend; its transport keeps the httpcore pool in
    ``_pool``, which has been stable across httpx releases. A test fetches a made-up host name
    through a custom resolver, so a change here would fail loudly rather than silently unpin.
    """

    def __init__(self, backend: _GuardedBackend, verify: bool | str, limits: httpx.Limits) -> None:
        if isinstance(verify, str):  # a CA bundle to trust (an intranet's own CA)
            ssl_context = ssl.create_default_context(cafile=verify)
        else:
            ssl_context = httpx.create_ssl_context(verify=verify, trust_env=False)
        super().__init__(verify=ssl_context, limits=limits, trust_env=False)
        self._pool = httpcore.ConnectionPool(
            ssl_context=ssl_context,
            max_connections=limits.max_connections,
            max_keepalive_connections=limits.max_keepalive_connections,
            keepalive_expiry=limits.keepalive_expiry,
            network_backend=backend,
        )


class _Decoder:
    """Undoes gzip or deflate with a cap on the output, so a bomb stops at ``limit`` bytes."""

    def __init__(self, encoding: str, limit: int) -> None:
        parts = (part.strip().lower() for part in encoding.split(","))
        codings = [coding for coding in parts if coding not in ("", "identity")]
        if len(codings) > 1 or (codings and codings[0] not in ("gzip", "x-gzip", "deflate")):
            raise _Failed(f"unsupported Content-Encoding ({encoding}): only gzip and deflate are read")
        self.coding = codings[0] if codings else None
        self.limit = limit
        self.size = 0
        wbits = zlib.MAX_WBITS | 16 if self.coding in ("gzip", "x-gzip") else zlib.MAX_WBITS
        self._zlib = zlib.decompressobj(wbits) if self.coding else None
        self._started = False

    def feed(self, data: bytes) -> bytes:
        if self._zlib is None:
            return self._count(data)
        try:
            output = self._zlib.decompress(data, self.limit - self.size + 1)
        except zlib.error as error:
            if self.coding == "deflate" and not self._started:  # raw deflate, without the zlib header
                self._zlib = zlib.decompressobj(-zlib.MAX_WBITS)
                self._started = True
                return self.feed(data)
            raise _Failed(f"the body is not valid {self.coding} data: {error}") from error
        self._started = True
        if self._zlib.unconsumed_tail:  # output stopped at the cap with input left: too big
            raise _Failed(self._too_big())
        return self._count(output)

    def finish(self) -> None:
        """Refuse a compressed body that stopped before its end: the page would be cut short."""
        if self._zlib is not None and self._started and not self._zlib.eof:
            raise _Failed(f"the {self.coding} body ended before its end (truncated response)", transient=True)

    def _count(self, data: bytes) -> bytes:
        self.size += len(data)
        if self.size > self.limit:
            raise _Failed(self._too_big())
        return data

    def _too_big(self) -> str:
        inflated = f" once decompressed ({self.coding})" if self.coding else ""
        return f"the response is larger than the {_size(self.limit)} limit{inflated}; stopped reading"


def _size(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB" if size >= 100_000 else f"{size:,} bytes"


@dataclass
class _Response:
    url: str
    status: int
    phrase: str
    headers: httpx.Headers
    content: bytes = b""


class Fetcher:
    """Fetches web pages safely and politely; one instance per run, shared by its fetches.

    ``timeout`` bounds each network operation (connect, each read), ``deadline`` a whole attempt,
    so a server dripping one byte at a time is cut off too. ``allow_networks`` admits chosen
    non-public ranges (an intranet, a test server) without opening them all. ``resolve`` replaces
    the system resolver; ``verify`` may name a CA bundle to trust besides turning checks off.
    """

    def __init__(
        self,
        allow_private: bool = False,
        timeout: float = 10.0,
        max_bytes: int = DEFAULT_MAX_BYTES,
        max_redirects: int = 5,
        retries: int = 2,
        backoff: float = 0.5,
        per_host_delay: float = 1.0,
        user_agent: str = DEFAULT_USER_AGENT,
        *,
        deadline: float = 60.0,
        max_retry_after: float = 30.0,
        allow_networks: Sequence[str] = (),
        resolve: Resolver = system_resolve,
        verify: bool | str = True,
    ) -> None:
        self.policy = AddressPolicy(allow_private, tuple(ipaddress.ip_network(n) for n in allow_networks))
        self.max_bytes = max_bytes
        self.max_redirects = max_redirects
        self.retries = retries
        self.backoff = backoff
        self.per_host_delay = per_host_delay
        self.deadline = deadline
        self.max_retry_after = max_retry_after
        self._next_slot: dict[str, float] = {}  # host -> earliest monotonic time of its next request
        self._slot_lock = threading.Lock()
        transport = _GuardedTransport(_GuardedBackend(self.policy, resolve), verify, httpx.Limits())
        self._client = httpx.Client(
            transport=transport,
            timeout=httpx.Timeout(timeout),
            follow_redirects=False,  # followed by hand: each hop is checked like the first URL
            trust_env=False,  # an environment proxy would connect for us to addresses we never checked
            headers={"User-Agent": user_agent, "Accept": ACCEPT, "Accept-Encoding": "gzip, deflate"},
        )

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def fetch(
        self, url: str, etag: str | None = None, last_modified: str | None = None
    ) -> FetchResult | Rejection:
        """The page at ``url``, or a ``FetchRejection`` saying why not; never raises."""
        try:
            return self._fetch(url, etag, last_modified)
        except _Failed as failed:
            return FetchRejection(url, failed.reason, "fetch", transient=failed.transient)
        except Exception as error:  # the promise is "never raises": a bug here must not stop a batch
            log.exception("fetching %s failed unexpectedly", url)
            return FetchRejection(url, f"unexpected error while fetching: {error!r}", "fetch")

    def _fetch(self, url: str, etag: str | None, last_modified: str | None) -> FetchResult:
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        chain: list[str] = []
        current = url
        while True:
            try:
                current = _checked_url(current, self.policy)
            except Refused as refused:
                raise _Failed(_refusal(refused, current, bool(chain))) from None
            response = self._with_retries(current, headers, redirected=bool(chain))
            location = response.headers.get("location")
            if response.status not in REDIRECT_STATUSES:
                break
            if not location:
                raise _Failed(f"the server answered {response.status} (a redirect) without a Location")
            chain.append(current)
            target = str(httpx.URL(current).join(location.strip()).copy_with(fragment=None))
            if target in chain:
                raise _Failed(f"redirect loop: {' -> '.join([*chain, target])}")
            if len(chain) > self.max_redirects:
                hops = " -> ".join(chain)
                raise _Failed(f"too many redirects (more than {self.max_redirects}): {hops} -> ...")
            current = target
        return self._result(url, response, chain)

    def _result(self, url: str, response: _Response, chain: list[str]) -> FetchResult:
        status = response.status
        if status != 304 and not 200 <= status < 300:
            raise _Failed(f"the server answered {status} {response.phrase}".rstrip())
        content_type = response.headers.get("content-type")
        media = (content_type or "").split(";")[0].strip().lower() or None
        return FetchResult(
            requested_url=url,
            url=response.url,
            status=status,
            content=response.content,
            content_type=media,
            charset=_charset(content_type),
            etag=response.headers.get("etag"),
            last_modified=response.headers.get("last-modified"),
            not_modified=status == 304,
            redirects=chain,
        )

    def _with_retries(self, url: str, headers: dict[str, str], redirected: bool) -> _Response:
        for attempt in range(self.retries + 1):
            wait = self.backoff * 2**attempt
            try:
                response = self._attempt(url, headers)
            except Refused as refused:
                raise _Failed(_refusal(refused, url, redirected)) from None
            except httpx.TransportError as error:
                reason, transient = _describe(error), True
                if "CERTIFICATE_VERIFY_FAILED" in reason:  # a bad certificate stays bad: no retry
                    raise _Failed(reason) from None
            else:
                status = response.status
                if status != 429 and (status < 500 or status in NOT_TRANSIENT_5XX):
                    return response
                reason, transient = f"the server answered {status} {response.phrase}".rstrip(), True
                asked = _retry_after(response.headers.get("retry-after"))
                if asked is not None and asked > self.max_retry_after:
                    raise _Failed(f"{reason} and asked to wait {asked:.0f} s; not retried now", transient)
                wait = max(wait, asked or 0.0)
            if attempt == self.retries:
                tries = f" (after {attempt + 1} attempts)" if attempt else ""
                raise _Failed(f"{reason}{tries}", transient)
            log.info("%s: %s; retrying in %.1f s", url, reason, wait)
            time.sleep(wait)
        raise AssertionError("unreachable")

    def _attempt(self, url: str, headers: dict[str, str]) -> _Response:
        host = httpx.URL(url).host
        self._wait_for_host(host)
        try:
            return self._download(url, headers)
        finally:
            self._hold_host(host)

    def _download(self, url: str, headers: dict[str, str]) -> _Response:
        started = time.monotonic()
        with self._client.stream("GET", url, headers=headers) as response:
            result = _Response(url, response.status_code, response.reason_phrase, response.headers)
            if not 200 <= response.status_code < 300:
                return result  # redirects, 304 and errors: their bodies are not wanted
            declared = response.headers.get("content-length", "")
            if declared.isdigit() and int(declared) > self.max_bytes:  # refused before reading a byte
                size, limit = _size(int(declared)), _size(self.max_bytes)
                raise _Failed(f"the response is {size} (Content-Length), over the {limit} limit")
            decoder = _Decoder(response.headers.get("content-encoding", ""), self.max_bytes)
            parts: list[bytes] = []
            received = 0
            for chunk in response.iter_raw():
                received += len(chunk)
                if received > self.max_bytes:  # bytes on the wire count too, whatever they decode to
                    raise _Failed(decoder._too_big())
                parts.append(decoder.feed(chunk))
                if time.monotonic() - started > self.deadline:
                    took = f"the download took longer than {self.deadline:g} s; stopped"
                    raise _Failed(took, transient=True)
            decoder.finish()
            result.content = b"".join(parts)
            return result

    def _wait_for_host(self, host: str) -> None:
        """Politeness: at least ``per_host_delay`` seconds between two requests to one host."""
        with self._slot_lock:  # reserve the slot under the lock, sleep outside it
            now = time.monotonic()
            slot = max(now, self._next_slot.get(host, now))
            self._next_slot[host] = slot + self.per_host_delay
        if slot > now:
            time.sleep(slot - now)

    def _hold_host(self, host: str) -> None:
        """Count the delay from the end of a response too: a slow request (or a request delayed on its way)
        must not let the next one reach the server sooner than ``per_host_delay`` after it."""
        with self._slot_lock:
            done = time.monotonic() + self.per_host_delay
            self._next_slot[host] = max(self._next_slot.get(host, done), done)


def _checked_url(url: str, policy: AddressPolicy) -> str:
    """The URL normalised, refused when its scheme is not http(s) or it names a forbidden address."""
    try:
        parsed = httpx.URL(url.strip())
    except httpx.InvalidURL as error:
        raise Refused(f"not a valid URL: {error}") from error
    if parsed.scheme not in ("http", "https"):
        scheme = f"not {parsed.scheme}:" if parsed.scheme else "this one has no scheme"
        raise Refused(f"only http and https URLs are fetched; {scheme}")
    if not parsed.host:
        raise Refused("the URL has no host")
    literal = _ip_literal(parsed.host)
    if literal is not None:  # checked now, before any connection; names are checked when they resolve
        problem = policy.problem(literal)
        if problem:
            raise Refused(f"{problem}; refused (allow private addresses to fetch it)")
    return str(parsed.copy_with(fragment=None))


def _refusal(refused: Refused, url: str, redirected: bool) -> str:
    return f"redirected to {url}, which is refused: {refused}" if redirected else str(refused)


def _describe(error: httpx.TransportError) -> str:
    """A transport error in words a user can act on."""
    detail = str(error) or type(error).__name__
    if isinstance(error, httpx.ConnectTimeout):
        return f"timed out connecting to the server ({detail})"
    if isinstance(error, httpx.TimeoutException):
        return f"timed out waiting for the server ({detail})"
    if isinstance(error, httpx.RemoteProtocolError) and "complete message" in detail:
        return f"the connection closed before the whole body arrived ({detail})"
    if isinstance(error, httpx.ConnectError):
        if "CERTIFICATE_VERIFY_FAILED" in detail:
            return f"the server's TLS certificate is not valid for this address ({detail})"
        return f"cannot connect: {detail}"
    return f"network error: {detail}"


def _retry_after(value: str | None) -> float | None:
    """Seconds from a Retry-After header: a number of seconds or an HTTP date."""
    if not value:
        return None
    if value.strip().isdigit():
        return float(value.strip())
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


def _charset(content_type: str | None) -> str | None:
    for parameter in (content_type or "").split(";")[1:]:
        name, _, value = parameter.partition("=")
        if name.strip().lower() == "charset" and value.strip().strip("\"'"):
            return value.strip().strip("\"'").lower()
    return None


def read_url_list(path: str | Path) -> list[str]:
    """The URLs in a file, one a line; blank lines and ``#`` comments skipped, repeats dropped.

    A line's first word is its URL, so "https://example.com/a  # from Monday" works. Raises
    ``OSError`` when the file cannot be read.
    """
    urls: list[str] = []
    for line in Path(path).read_text(encoding="utf-8-sig", errors="replace").splitlines():
        words = line.split()
        if words and not words[0].startswith("#") and words[0] not in urls:
            urls.append(words[0])
    return urls
