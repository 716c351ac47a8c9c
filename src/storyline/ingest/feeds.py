"""RSS and Atom feeds: parse them safely, and poll them for new entries without fetching any twice.

A feed is untrusted XML. Before feedparser sees it, defusedxml parses it with entity
declarations forbidden, so a billion-laughs bomb or an external entity (``file:///etc/passwd``)
is refused with a reason; no real feed needs to declare entities. A URL that answers with an
HTML page instead is told apart and the feeds the page links to are named in the reason.

``poll_feed`` is one step of a watcher: a conditional GET of the feed, then the pages of the
entries not seen before, each as a ``RawDocument`` with hints from its entry. Everything it needs
to resume after a restart lives in ``FeedState``, a plain JSON dict for the store.
"""

from __future__ import annotations

import calendar
import html
import io
import logging
import re
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urljoin, urlsplit
from xml.etree.ElementTree import ParseError

import defusedxml
import defusedxml.ElementTree
import feedparser

from storyline.ingest.fetch import Fetcher, FetchRejection
from storyline.model import Hints, RawDocument, Rejection, content_id

log = logging.getLogger(__name__)

MAX_FEED_BYTES = 10_000_000
MAX_ENTRIES = 1000  # entries read from one feed document; the rest are dropped, with a warning
MAX_SEEN = 5000  # entry ids remembered per feed: well above what any feed lists at once
MAX_QUEUE = 1000  # entries waiting to be fetched per feed
FEED_TAGS = {"rss", "feed", "rdf", "rdf:rdf"}
FEED_LINK_TYPES = {"application/rss+xml", "application/atom+xml", "application/rdf+xml"}
LEADING_MARKUP = re.compile(rb"\s*(?:<\?.*?\?>|<!--.*?-->|\s)*", re.DOTALL)
TAG = re.compile(r"<[^>]*>")
FIRST_TAG = re.compile(rb"<(!doctype\s+[a-z]+|[a-z_][\w:.-]*)", re.IGNORECASE)


@dataclass
class FeedEntry:
    id: str  # the entry's id / guid, else its link, else a hash of its title and summary
    link: str | None = None
    title: str | None = None
    published: str | None = None  # ISO 8601 in UTC, from the published (else updated) date
    author: str | None = None
    summary: str | None = None
    content: str | None = None  # the full content (content:encoded, Atom content), when the feed carries it


@dataclass
class Feed:
    url: str
    title: str | None
    link: str | None  # the site the feed belongs to
    entries: list[FeedEntry] = field(default_factory=list)
    dropped: int = 0  # entries over the cap, not read
    warning: str | None = None  # what feedparser disliked in a feed it could still read


def parse_feed(
    content: bytes,
    url: str,
    content_type: str | None = None,
    *,
    max_entries: int = MAX_ENTRIES,
    max_bytes: int = MAX_FEED_BYTES,
) -> Feed | Rejection:
    """The feed in ``content`` (fetched from ``url``), or a rejection saying why it is not one."""
    if len(content) > max_bytes:
        size = f"{len(content) / 1_000_000:.1f} MB"
        return _rejected(url, f"the feed is {size}, over the {max_bytes / 1_000_000:.1f} MB limit")
    if not content.strip():
        return _rejected(url, "the URL returned an empty body, not a feed")
    first_tag = _first_tag(content)
    if first_tag in ("html", "!doctype html") or (content_type == "text/html" and first_tag not in FEED_TAGS):
        return _rejected(url, _html_reason(content, url))
    danger = _xml_danger(content)
    if danger:
        return _rejected(url, danger)
    # A stream, never the bytes: feedparser opens a bytes "path" as a file, and fetches a str URL.
    parsed = feedparser.parse(
        io.BytesIO(content),
        response_headers={"content-location": url, "content-type": content_type or "application/xml"},
    )
    problem = parsed.get("bozo_exception") if parsed.get("bozo") else None
    if not parsed.entries:
        if problem is not None:
            return _rejected(url, f"malformed feed: {problem}")
        if not parsed.get("version"):
            return _rejected(url, f"not an RSS or Atom feed (its first element is <{first_tag}>)")
    entries = [_entry(raw) for raw in parsed.entries[:max_entries]]
    dropped = max(0, len(parsed.entries) - max_entries)
    if dropped:
        log.warning("%s lists %d entries; only the first %d are read", url, len(parsed.entries), max_entries)
    return Feed(
        url=url,
        title=_plain(parsed.feed.get("title"), parsed.feed.get("title_detail")),
        link=_text(parsed.feed.get("link")),
        entries=entries,
        dropped=dropped,
        warning=str(problem) if problem is not None else None,
    )


def _rejected(url: str, reason: str) -> Rejection:
    return Rejection(url, reason, "feed")


def _first_tag(content: bytes) -> str:
    """The document's first tag or doctype, lower-case ("rss", "feed", "html", "!doctype html")."""
    head = content[:8192].replace(b"\x00", b"")  # UTF-16 read as bytes: drop the zero bytes
    head = head.removeprefix(b"\xef\xbb\xbf").removeprefix(b"\xff\xfe").removeprefix(b"\xfe\xff")
    start = LEADING_MARKUP.match(head)
    match = FIRST_TAG.match(head, start.end() if start else 0)
    if match is None:
        return ""
    tag = " ".join(match.group(1).decode("ascii", "replace").lower().split())
    if tag.startswith("!doctype"):  # <!DOCTYPE rss ...> names the root; only html matters here
        return tag if tag == "!doctype html" else tag.split()[1]
    return tag


def _xml_danger(content: bytes) -> str | None:
    """Why the XML must not be parsed (entity declarations: XML bombs, external entities), or None."""
    try:
        defusedxml.ElementTree.fromstring(content, forbid_entities=True, forbid_external=True)
    except defusedxml.EntitiesForbidden as error:
        target = f" pointing at {error.sysid}" if error.sysid else ""
        return (
            f"the feed declares XML entities (entity '{error.name}'{target}): refused, as in an XML bomb "
            "(billion laughs) or an external-entity attack; real feeds never need them"
        )
    except defusedxml.DefusedXmlException as error:
        return f"the feed uses a forbidden XML construct: {error}"
    except (ParseError, ValueError, LookupError):
        # Not well-formed: feedparser's lenient parser may still read it. Its fallback does not
        # expand declared entities, but refuse them anyway, as the strict parse could not check.
        if b"<!entity" in content.replace(b"\x00", b"").lower():
            return "the feed declares XML entities and is not well-formed: refused as a likely XML bomb"
    return None


class _FeedLinks(HTMLParser):
    """Collects <link rel="alternate" type="application/rss+xml" href="..."> from an HTML page."""

    def __init__(self, base_url: str) -> None:
        super().__init__(convert_charrefs=True)
        self.base_url = base_url
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag != "link":
            return
        values = {name.lower(): (value or "") for name, value in attrs}
        rels = values.get("rel", "").lower().split()
        kind = values.get("type", "").lower().strip()
        if "alternate" in rels and kind in FEED_LINK_TYPES and values.get("href"):
            link = urljoin(self.base_url, values["href"].strip())
            if link not in self.links:
                self.links.append(link)


def find_feed_links(html: bytes, base_url: str) -> list[str]:
    """The feeds an HTML page announces in its <head>, as absolute URLs."""
    finder = _FeedLinks(base_url)
    finder.feed(html[:1_000_000].decode("utf-8", errors="replace"))
    return finder.links


def _html_reason(content: bytes, url: str) -> str:
    links = find_feed_links(content, url)
    if not links:
        return "the URL returned an HTML page, not a feed"
    return f"the URL returned an HTML page, not a feed; the page names its feed: {', '.join(links[:3])}"


def _entry(raw: Any) -> FeedEntry:
    link = _text(raw.get("link"))
    title = _plain(raw.get("title"), raw.get("title_detail"))
    summary = _text(raw.get("summary"))
    contents = raw.get("content") or []
    content = _text(contents[0].get("value")) if contents else None
    entry_id = _text(raw.get("id")) or link or content_id(title or "", summary or "", content or "")
    when = raw.get("published_parsed") or raw.get("updated_parsed")
    published = datetime.fromtimestamp(calendar.timegm(when), UTC).isoformat() if when else None
    return FeedEntry(entry_id, link, title, published, _text(raw.get("author")), summary, content)


def _text(value: Any) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


def _plain(value: Any, detail: Any) -> str | None:
    """A title as plain text: an HTML title ("<em>unacceptable</em>") loses its tags."""
    text = _text(value)
    kind = detail.get("type") if isinstance(detail, dict) else None
    if text and kind in ("text/html", "application/xhtml+xml"):
        text = _text(html.unescape(TAG.sub("", text)))
    return text


@dataclass
class FeedState:
    """What a watcher knows of one feed; ``to_dict``/``from_dict`` make it JSON for the store.

    ``seen`` holds the ids of entries already handled (fetched, or given up on), oldest first and
    bounded; ``queue`` the entries found but not yet fetched (over the per-poll limit, or failed
    for a reason that may pass), each with its attempts so far.
    """

    url: str
    etag: str | None = None
    last_modified: str | None = None
    title: str | None = None
    seen: list[str] = field(default_factory=list)
    queue: list[dict[str, Any]] = field(default_factory=list)
    last_polled: str | None = None
    last_success: str | None = None
    last_error: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"version": 1, **asdict(self)}

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None, url: str | None = None) -> FeedState:
        """A state from its dict; fields missing or of the wrong type fall back to their defaults."""
        data = data if isinstance(data, dict) else {}
        strings = {
            name: data[name] if isinstance(data.get(name), str) else None
            for name in ("etag", "last_modified", "title", "last_polled", "last_success", "last_error")
        }
        seen = [item for item in data.get("seen") or [] if isinstance(item, str)][-MAX_SEEN:]
        queue = [item for item in data.get("queue") or [] if isinstance(item, dict) and item.get("id")]
        feed_url = url or (data["url"] if isinstance(data.get("url"), str) else "")
        return cls(url=feed_url, seen=seen, queue=queue[:MAX_QUEUE], **strings)


@dataclass
class PollResult:
    feed_url: str
    state: FeedState  # the updated state, to be saved
    documents: list[RawDocument] = field(default_factory=list)
    rejections: list[Rejection] = field(default_factory=list)
    feed: Feed | None = None  # None when the feed was not modified or could not be read
    not_modified: bool = False
    new_entries: int = 0  # entries seen for the first time in this poll
    deferred: int = 0  # entries left in the queue for a later poll


def poll_feed(
    fetcher: Fetcher,
    feed_url: str,
    state: FeedState | None = None,
    *,
    max_new: int = 50,
    max_attempts: int = 3,
    now: datetime | None = None,
) -> PollResult:
    """One poll: fetch the feed if it changed, then up to ``max_new`` of its new entries' pages.

    Never raises. A feed that is down, malformed or too big gives a rejection and leaves the
    state's ETag and seen entries as they were, so the next poll simply tries again. An entry
    whose page fails for a passing reason (timeout, 5xx) is tried again on up to
    ``max_attempts`` polls; a lasting failure (404, refused address) is reported at once.
    ``state`` is not modified; the result carries the new one.
    """
    state = FeedState.from_dict(state.to_dict() if state else None, url=feed_url)
    stamp = (now or datetime.now(UTC)).isoformat(timespec="seconds")
    state.last_polled = stamp
    result = PollResult(feed_url, state)
    fetched = fetcher.fetch(feed_url, etag=state.etag, last_modified=state.last_modified)
    if isinstance(fetched, Rejection):
        state.last_error = fetched.reason
        result.rejections.append(fetched)
        return result  # the queued entries wait too: their site is likely down with the feed
    if fetched.not_modified:
        result.not_modified = True
    else:
        feed = parse_feed(fetched.content, fetched.url, fetched.content_type, max_bytes=fetcher.max_bytes)
        if isinstance(feed, Rejection):
            state.last_error = feed.reason
            result.rejections.append(Rejection(feed_url, feed.reason, feed.stage))
            return result
        result.feed = feed
        state.etag, state.last_modified = fetched.etag, fetched.last_modified
        state.title = feed.title or state.title
        _take_new_entries(feed, state, result)
    state.last_success, state.last_error = stamp, None
    _fetch_queued(fetcher, state, result, max_new, max_attempts)
    return result


def _outlet(state: FeedState) -> str | None:
    return state.title or urlsplit(state.url).hostname


def _hints(entry: dict[str, Any], state: FeedState, url: str | None) -> Hints:
    return Hints(
        url=url,
        outlet=_outlet(state),
        title=entry.get("title"),
        author=entry.get("author"),
        published=entry.get("published"),
    )


def _take_new_entries(feed: Feed, state: FeedState, result: PollResult) -> None:
    """Queue the entries never seen; an entry without a link is taken from the feed's own text."""
    known = set(state.seen) | {item["id"] for item in state.queue}
    for entry in feed.entries:
        if entry.id in known or len(state.queue) >= MAX_QUEUE:
            continue
        known.add(entry.id)
        result.new_entries += 1
        if entry.link:
            state.queue.append(
                {
                    "id": entry.id,
                    "link": entry.link,
                    "title": entry.title,
                    "author": entry.author,
                    "published": entry.published,
                    "attempts": 0,
                }
            )
            continue
        body = entry.content or entry.summary
        source = f"{state.url}#entry={entry.id}"
        if body:
            hints = _hints(asdict(entry), state, None)
            result.documents.append(RawDocument(source, body.encode("utf-8"), "html", hints))
        else:
            reason = "the feed entry has neither a link nor any text"
            result.rejections.append(Rejection(source, reason, "feed"))
        _mark_seen(state, entry.id)


def _fetch_queued(
    fetcher: Fetcher, state: FeedState, result: PollResult, max_new: int, max_attempts: int
) -> None:
    waiting: list[dict[str, Any]] = []
    for position, item in enumerate(state.queue):
        if position >= max_new:
            waiting.append(item)
            continue
        link = str(item.get("link"))
        fetched = fetcher.fetch(link)
        hints = _hints(item, state, None)
        raw = fetched if isinstance(fetched, Rejection) else fetched.to_raw_document(hints)
        if isinstance(raw, RawDocument):
            result.documents.append(raw)
            _mark_seen(state, item["id"])
            continue
        attempts = int(item.get("attempts") or 0) + 1
        if isinstance(raw, FetchRejection) and raw.transient and attempts < max_attempts:
            log.info("%s: %s; will try again on the next poll", link, raw.reason)
            waiting.append({**item, "attempts": attempts})
            continue
        reason = raw.reason if attempts == 1 else f"{raw.reason} (gave up after {attempts} polls)"
        result.rejections.append(Rejection(link, reason, raw.stage))
        _mark_seen(state, item["id"])
    state.queue = waiting
    result.deferred = len(waiting)


def _mark_seen(state: FeedState, entry_id: str) -> None:
    state.seen.append(entry_id)
    if len(state.seen) > MAX_SEEN:
        del state.seen[: len(state.seen) - MAX_SEEN]
