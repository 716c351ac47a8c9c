"""The report in Markdown: stories, their articles, who said what with citations, entities."""

from __future__ import annotations

from typing import Any

from storyline.export.view import story_views


def _inline(text: str) -> str:
    """One line of Markdown-safe text: no line breaks, no accidental emphasis or links."""
    text = " ".join(text.split())
    for char in "\\`*_[]<>|":
        text = text.replace(char, "\\" + char)
    return text


def render_markdown(export: dict[str, Any]) -> str:
    lines = [
        "# Storyline report",
        "",
        f"{len(export['articles'])} articles, {len(export['stories'])} stories, "
        f"{len(export['quotes'])} quotes.",
        "",
    ]
    for story in story_views(export):
        dates = story.first_published or "undated"
        if story.last_published and story.last_published != story.first_published:
            dates += f" to {story.last_published}"
        lines += [f"## {_inline(story.title)}", "", f"Story `{story.id}`, {dates}.", "", "### Articles", ""]
        for article in story.articles:
            published = article.published or "date unknown"
            lines.append(
                f"- **{_inline(article.label)}**: {_inline(article.title)} ({published}) `{article.source}`"
            )
        if story.timeline:
            lines += ["", "### Timeline", ""]
            for entry in story.timeline:
                when = entry.date + (" (estimated)" if entry.estimated else "")
                when += " (background)" if entry.background else ""
                cited = ", ".join(label for _, label in entry.sources)
                lines.append(f"- **{when}**: {_inline(entry.text)} [{_inline(cited)}]")
        if story.claims:
            lines += ["", "### Claims", ""]
            for claim in story.claims:
                versions = "; ".join(
                    f"{_inline(source.label)}: “{_inline(source.text)}” (chars {source.start}–{source.end})"
                    for source in claim.sources
                )
                lines.append(f"- **{claim.status}**: {_inline(claim.text)} [{versions}]")
        if story.positions:
            lines += ["", "### Positions", ""]
            for position in story.positions:
                cited = ", ".join(dict.fromkeys(source.label for source in position.sources))
                lines.append(
                    f"- **{_inline(position.actor)}** {position.stance}s: {_inline(position.text)} "
                    f"[{_inline(cited)}]"
                )
        if story.coverage:
            lines += ["", "### Coverage", ""]
            for item in story.coverage:
                only = "; ".join(_inline(thing["text"]) for thing in item.unique) or "nothing"
                missing = "; ".join(_inline(thing["text"]) for thing in item.missing) or "nothing"
                lines.append(f"- **{_inline(item.label)}**: only here: {only}. Missing: {missing}.")
        lines += ["", "### Who said what", ""]
        for speaker in story.speakers:
            lines.append(f"**{_inline(speaker.name)}**")
            lines.append("")
            for quote in speaker.quotes:
                cite = f"[{_inline(quote.article_label)}, chars {quote.start}–{quote.end}]"
                same = [
                    o.article_label for o in story.groups.get(quote.group_id or "", []) if o.id != quote.id
                ]
                also = f" (same statement also in {_inline(', '.join(same))})" if same else ""
                lines.append(
                    f"- “{_inline(quote.text)}” ({quote.kind}, {quote.cue or 'no cue'}) {cite}{also}"
                )
            lines.append("")
        for quote in story.unattributed:
            lines.append(f"- “{_inline(quote.text)}” (speaker not found) [{_inline(quote.article_label)}]")
        lines += [
            "### Entities",
            "",
            "| name | type | also written | described as | mentions |",
            "|---|---|---|---|---|",
        ]
        for entity in story.entities:
            aliases = ", ".join(entity["aliases"])
            name, count = _inline(entity["name"]), len(entity["mentions"])
            described = _inline("; ".join(entity["descriptions"]))
            lines.append(f"| {name} | {entity['type']} | {_inline(aliases)} | {described} | {count} |")
        lines.append("")
    if export.get("rejected"):
        lines += ["## Rejected inputs", ""]
        lines += [f"- `{item['source']}`: {_inline(item['reason'])}" for item in export["rejected"]]
    return "\n".join(lines) + "\n"
