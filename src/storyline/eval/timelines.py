"""``storyline eval timeline``: entity timelines on SemEval-2015 Task 4 (TimeLine), scored the task's way.

The task (Minard et al., SemEval 2015): given news documents and a target entity, list the events
the entity takes part in, anchor each in time and order them. A gold timeline line is
``<position>\\t<date>\\t<doc>-<sentence>-<token>`` (more mentions on one line are one event told by
several documents); position 0 and ``XXXX-XX-XX`` mean not ordered and not anchored.

Scoring follows the task's evaluation tool as its page describes it (the tool itself, a wrapper
round the TempEval-3 relation scorer, is not public in a form we could read): each timeline becomes
a TimeML graph, every anchor a TIMEX3, every event SIMULTANEOUS with its anchor, events of one
position SIMULTANEOUS, events of consecutive positions BEFORE; then temporal awareness (UzZaman &
Allen 2011) as TempEval-3 computes it. A graph's relations are read in order (equalities first),
dropping those its earlier ones already imply (its reduced graph); one that contradicts them is
kept and counted, as the TempEval-3 timegraph keeps violated relations. Precision is the share of
the system's reduced relations that the gold graph implies (or states), recall the reverse, and
both are micro-averaged over the timelines. Our reading where the page is silent: position-0
events take part in no ordering; event ids compare without case; ``2008-03-XX`` is ``2008-03``.

Our system works from the raw tokens and the document creation time only (Track A): spaCy through
``storyline.annotate``, the story's entities through ``storyline.crosscheck.analyse_story`` and its
dated sentences through ``build_timeline``. The trial data is CC BY 3.0 (FBK, VUA, EHU), read from
``../shared/data`` at run time.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

DEFAULT_ROOT = Path(__file__).resolve().parents[3].parent / "shared" / "data" / "semeval2015-task4-timeline"
CORPUS = "Corpus-trial-data_task4"  # Track A input: tokens and the creation time (its event markables unused)
GOLD = "TimeLines_trial_data_task4_v1.2"
UNANCHORED = "XXXX-XX-XX"
# Micro F1 (%) on the three test corpora, best run per track: the task paper's abstract (Track A) and
# Navarro-Colorado & Saquete 2015, arXiv:1506.03257 (GPLSIUA, the best Track B / SubTrack B runs).
PUBLISHED_F1 = {
    "Track A best (raw text, 13 runs of 4 teams)": 7.85,
    "Track B best (gold events), GPLSIUA": 25.36,
    "SubTrack B best (gold events, ordering only), GPLSIUA": 23.15,
}

# ---------------------------------------------------------------------------------------------- data

ATTACH_LEFT = {",", ".", ";", ":", "!", "?", "%", ")", "]", "}", "'s", "'re", "'ve", "'ll", "'d", "n't", "'m"}
ATTACH_RIGHT = {"(", "[", "{", "$", "#"}


@dataclass(frozen=True)
class Token:
    start: int  # character offsets into the document text
    end: int
    sentence: int  # the corpus's sentence number, as gold event ids use it
    text: str


@dataclass
class TimelineDocument:
    doc_id: str
    name: str
    dct: str  # document creation time, ISO date
    text: str  # tokens joined back into text, one paragraph per sentence
    tokens: list[Token]


def read_cat(path: Path) -> TimelineDocument:
    """A CAT XML document: its tokens (offsets into the rebuilt text) and creation time; nothing else."""
    root = ET.parse(path).getroot()
    dct = next(
        (m.get("value", "") for m in root.iter("TIMEX3") if m.get("functionInDocument") == "CREATION_TIME"),
        "",
    )
    pieces: list[str] = []
    tokens: list[Token] = []
    offset, previous, sentence = 0, None, None
    for element in sorted(root.iter("token"), key=lambda t: int(t.get("t_id", 0))):
        text, number = element.text or "", int(element.get("sentence", 0))
        if sentence is not None and number != sentence:
            gap = "\n\n"  # a sentence per paragraph keeps spaCy's sentences inside the corpus's ones
        elif previous is None or text in ATTACH_LEFT or previous in ATTACH_RIGHT:
            gap = ""
        else:
            gap = " "
        pieces.append(gap + text)
        offset += len(gap)
        tokens.append(Token(offset, offset + len(text), number, text))
        offset += len(text)
        previous, sentence = text, number
    return TimelineDocument(
        root.get("doc_id", path.stem), root.get("doc_name", path.stem), dct[:10], "".join(pieces), tokens
    )


def load_corpus(root: Path = DEFAULT_ROOT) -> list[TimelineDocument]:
    paths = sorted((root / CORPUS).glob("*.xml"))
    if not paths:
        raise FileNotFoundError(f"no TimeLine corpus at {root / CORPUS}")
    return [read_cat(path) for path in paths]


@dataclass
class TimelineEvent:
    position: int  # 0: not ordered
    date: str  # TIMEX3 value, or XXXX-XX-XX
    mentions: tuple[str, ...]  # "<doc>-<sentence>-<token>", one event told by each


@dataclass
class Timeline:
    entity: str
    events: list[TimelineEvent] = field(default_factory=list)


def parse_timeline(text: str) -> Timeline:
    lines = [line for line in text.splitlines() if line.strip()]
    if not lines:
        raise ValueError("empty timeline file: its first line names the target entity")
    events = []
    for line in lines[1:]:
        position, date, *mentions = line.strip().split("\t")
        events.append(
            TimelineEvent(int(position), date.strip(), tuple(m.strip() for m in mentions if m.strip()))
        )
    return Timeline(lines[0].strip(), events)


def format_timeline(timeline: Timeline) -> str:
    """The task's file format, to compare by eye or to feed the official tool."""
    rows = [f"{e.position}\t{e.date}\t" + "\t".join(e.mentions) for e in timeline.events]
    return "\n".join([timeline.entity, *rows]) + "\n"


def load_gold(root: Path = DEFAULT_ROOT) -> dict[str, Timeline]:
    """Gold timelines by target entity."""
    paths = sorted((root / GOLD).glob("*.txt"))
    if not paths:
        raise FileNotFoundError(f"no gold timelines at {root / GOLD}")
    timelines = [parse_timeline(path.read_text(encoding="utf-8")) for path in paths]
    return {t.entity: t for t in timelines}


# -------------------------------------------------------------------- temporal awareness (the scorer)

Relation = tuple[str, str, str]  # (x, y, BEFORE | SIMULTANEOUS)


def _anchor_node(date: str) -> str | None:
    """The TIMEX3 node of a date, None when it names no time ('XXXX-XX-XX', 'XXX-XX-XX')."""
    value = re.sub(r"(-XX)+$", "", date.strip())
    return f"timex:{value}" if re.search(r"\d", value) else None


def timeline_relations(timeline: Timeline, anchors: bool = True) -> list[Relation]:
    """The TimeML graph of a timeline, equalities first; ``anchors=False`` is the ordering-only variant."""
    by_position: dict[int, list[str]] = {}
    anchor_links: list[Relation] = []
    for event in timeline.events:
        ids = [m.lower() for m in event.mentions]
        node = _anchor_node(event.date)
        if anchors and node:
            anchor_links += [(i, node, "SIMULTANEOUS") for i in ids]
        if event.position > 0:
            by_position.setdefault(event.position, []).extend(ids)
    same = [(ids[0], other, "SIMULTANEOUS") for ids in by_position.values() for other in ids[1:]]
    ordered = [by_position[p] for p in sorted(by_position)]
    before = [
        (x, y, "BEFORE")
        for earlier, later in zip(ordered, ordered[1:], strict=False)
        for x in earlier
        for y in later
    ]
    relations = [r for r in dict.fromkeys(anchor_links + same + before) if r[0] != r[1]]
    return relations


class PointGraph:
    """Interval relations as point constraints: each node's start < end, SIMULTANEOUS merges both ends,
    X BEFORE Y is end(X) < start(Y). With only = and < a relation is implied exactly when the merged
    points say so (=) or a path of < joins them, so closure is union-find plus reachability."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}
        self.after: dict[str, set[str]] = {}  # point class -> classes known to be later

    def copy(self) -> PointGraph:
        twin = PointGraph()
        twin.parent = dict(self.parent)
        twin.after = {k: set(v) for k, v in self.after.items()}
        return twin

    def _find(self, point: str) -> str:
        while self.parent.get(point, point) != point:
            point = self.parent[point]
        return point

    def _node(self, node: str) -> tuple[str, str]:
        start, end = node + "<s", node + "<e"
        if start not in self.parent:
            self.parent[start], self.parent[end] = start, end
            self.after[start] = {end}
            self.after[end] = set()
        return self._find(start), self._find(end)

    def knows(self, node: str) -> bool:
        return node + "<s" in self.parent

    def _later(self, a: str, b: str) -> bool:
        """A path of < from class a to class b."""
        seen, stack = {a}, [a]
        while stack:
            for nxt in self.after.get(stack.pop(), ()):
                if nxt == b:
                    return True
                if nxt not in seen:
                    seen.add(nxt)
                    stack.append(nxt)
        return False

    def implies(self, x: str, y: str, rel: str) -> bool:
        if not (self.knows(x) and self.knows(y)):
            return False
        (xs, xe), (ys, ye) = self._node(x), self._node(y)
        if rel == "SIMULTANEOUS":
            return xs == ys and xe == ye
        if rel == "AFTER":
            return self._later(ye, xs)
        return self._later(xe, ys)

    def _merge(self, a: str, b: str) -> None:
        a, b = self._find(a), self._find(b)
        if a != b:
            self.parent[b] = a
            self.after[a] |= self.after.pop(b)
            for later in self.after.values():
                if b in later:
                    later.discard(b)
                    later.add(a)

    def _consistent(self) -> bool:
        """No class later than itself: the < graph over merged points has no cycle."""
        state: dict[str, int] = {}
        for root in self.after:
            if state.get(root):
                continue
            stack = [(root, iter(self.after[root]))]
            state[root] = 1
            while stack:
                node, children = stack[-1]
                child = next(children, None)
                if child is None:
                    state[node] = 2
                    stack.pop()
                elif state.get(child) == 1:
                    return False
                elif not state.get(child):
                    state[child] = 1
                    stack.append((child, iter(self.after[child])))
        return True

    def add(self, x: str, y: str, rel: str) -> str:
        """'redundant' if already implied, 'violated' if it contradicts (graph unchanged), else 'added'."""
        self._node(x), self._node(y)
        if self.implies(x, y, rel):
            return "redundant"
        trial = self.copy()
        (xs, xe), (ys, ye) = trial._node(x), trial._node(y)
        if rel == "SIMULTANEOUS":
            trial._merge(xs, ys)
            trial._merge(xe, ye)
        else:
            trial.after[trial._find(xe)].add(trial._find(ys))
        if not trial._consistent():
            return "violated"
        self.parent, self.after = trial.parent, trial.after
        return "added"


@dataclass
class ReducedGraph:
    relations: list[Relation]  # the reduced graph, violated relations included
    stated: set[Relation]  # every relation as written, both directions
    graph: PointGraph


def reduce_graph(relations: Iterable[Relation]) -> ReducedGraph:
    graph, kept, stated = PointGraph(), [], set()
    for x, y, rel in relations:
        stated |= {(x, y, rel), (y, x, _inverse(rel))}
        if graph.add(x, y, rel) != "redundant":
            kept.append((x, y, rel))
    return ReducedGraph(kept, stated, graph)


def _inverse(rel: str) -> str:
    return {"BEFORE": "AFTER", "AFTER": "BEFORE"}.get(rel, rel)


@dataclass
class AwarenessCounts:
    precision_matched: int = 0
    system_total: int = 0
    recall_matched: int = 0
    gold_total: int = 0

    def add(self, other: AwarenessCounts) -> None:
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))

    @property
    def precision(self) -> float:
        return self.precision_matched / self.system_total if self.system_total else 0.0

    @property
    def recall(self) -> float:
        return self.recall_matched / self.gold_total if self.gold_total else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def _matched(reduced: ReducedGraph, other: ReducedGraph) -> int:
    return sum(r in other.stated or other.graph.implies(*r) for r in reduced.relations)


def score_timeline(gold: Timeline, system: Timeline | None, anchors: bool = True) -> AwarenessCounts:
    """Temporal awareness of one system timeline against its gold one (an absent system is empty)."""
    gold_graph = reduce_graph(timeline_relations(gold, anchors))
    system_graph = reduce_graph(timeline_relations(system, anchors) if system else [])
    return AwarenessCounts(
        precision_matched=_matched(system_graph, gold_graph),
        system_total=len(system_graph.relations),
        recall_matched=_matched(gold_graph, system_graph),
        gold_total=len(gold_graph.relations),
    )


def score_timelines(
    gold: dict[str, Timeline], system: dict[str, Timeline], anchors: bool = True
) -> tuple[AwarenessCounts, dict[str, AwarenessCounts]]:
    """Micro-averaged counts over every gold entity, and the counts of each."""
    total, per_entity = AwarenessCounts(), {}
    for entity, timeline in gold.items():
        per_entity[entity] = score_timeline(timeline, system.get(entity), anchors)
        total.add(per_entity[entity])
    return total, per_entity


# ------------------------------------------------------------------------------- our system (Track A)

SUBJECTS = {"nsubj", "nsubjpass", "csubj", "expl"}
ARGUMENTS = SUBJECTS | {"dobj", "obj", "dative", "attr", "oprd"}
NAME_PARTS = {"compound", "appos", "flat", "nmod", "amod", "nummod"}
MODALS = {"will", "would", "could", "may", "might", "should", "can", "must", "shall", "'ll"}
PRONOUNS = {"he", "him", "his", "she", "her"}
# Nouns that name an event (what the task annotates beside verbs) when the target is their argument.
EVENT_NOUNS = frozenset(
    """launch release sale sales announcement introduction decision dispute lawsuit suit case trial ruling
    verdict appeal deal agreement acquisition purchase merger order pre-order pre-orders delivery development
    death resignation departure return leave appointment keynote presentation conference event speech
    interview statement claim claims breach settlement update upgrade recall shipment debut unveiling
    demand growth decline rise fall increase drop loss profit success failure availability shortage
    investigation complaint criticism praise partnership expansion change move plan plans""".split()
)


@dataclass(frozen=True)
class SystemEvent:
    mention: str  # "<doc>-<sentence>-<token>"
    date: str  # TIMEX3 calendar value or XXXX-XX-XX
    doc_order: tuple[int, int, int]  # document, sentence, token: the reading order


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"['’]s?\b|[^\w\s'’-]", " ", text)).strip().lower()


def _name_forms(target: str, analyses: Sequence[Any]) -> set[str]:
    """The target's own name, its multi-word tails ("Apple Corps" for "Beatles Apple Corps") and the
    aliases ``analyse_story`` resolved to the same entity ("Jobs" for "Steve Jobs")."""
    words = _norm(target).split()
    forms = {" ".join(words[i:]) for i in range(len(words) - 1)} | {_norm(target)}
    for analysis in analyses:
        for entity in analysis.entities:
            names = {_norm(entity.name), *(_norm(a) for a in entity.aliases)}
            if _norm(target) in names:
                forms |= {n for n in names if n and (len(n.split()) > 1 or entity.type == "PERSON")}
    return {f for f in forms if f}


def _name_pattern(form: str) -> str:
    """A name as written: any case, one capitalised word inside ("iTunes Music Store" for "iTunes
    store"), a plural ("iPods")."""
    words = [f"(?i:{re.escape(w)})" for w in form.split()]
    words[-1] += "(?:e?s)?" if form[-1].isalpha() else ""
    return r"(?<![\w-])" + r"\W+(?:[A-Z][\w-]*\W+)?".join(words) + r"(?![\w-])"


def _target_spans(text: str, forms: set[str], person: bool) -> list[tuple[int, int]]:
    """Every written occurrence of one of the target's names (spaCy's small model misses most products),
    and, after the first, "the store" for "iTunes store": a definite description by the name's head noun."""
    spans: list[tuple[int, int]] = []
    for form in sorted(forms, key=len, reverse=True):
        for found in re.finditer(_name_pattern(form), text):
            if not any(s <= found.start() < e for s, e in spans):
                spans.append((found.start(), found.end()))
    head = max(forms, key=len).split()[-1]
    if spans and not person and len(max(forms, key=len).split()) > 1 and head.isalpha():
        first = min(start for start, _ in spans)
        for found in re.finditer(rf"(?i:\bthe)\s+{re.escape(head)}\b", text[first:]):
            start = first + found.start() + 4
            if not any(s <= start < e for s, e in spans):
                spans.append((start, first + found.end()))
    return spans


def _with_conjuncts(verb) -> list:
    """A verb and the verbs that share its subject: "unveiled X and announced Y", "plans to sell",
    "announced it, saying ...", "promoted it by saying ..."."""
    found, queue = [], [verb]
    while queue:
        current = queue.pop()
        found.append(current)
        for child in current.children:
            shares_subject = not any(c.dep_ in SUBJECTS for c in child.children)
            participle = child.tag_ == "VBG" and shares_subject
            if child.pos_ != "VERB" and child.dep_ != "prep":
                continue
            if (
                child.dep_ == "xcomp"
                or (child.dep_ == "conj" and shares_subject)
                or (child.dep_ == "advcl" and participle)
            ):
                queue.append(child)
            elif child.dep_ == "prep":
                queue += [c for c in child.children if c.dep_ == "pcomp" and c.tag_ == "VBG"]
    return found


def _is_event(tok) -> bool:
    if tok.pos_ == "VERB" or (tok.pos_ == "AUX" and tok.lemma_ == "have" and tok.dep_ == "ROOT"):
        return tok.lemma_ != "be"
    return tok.pos_ == "NOUN" and tok.lower_ in EVENT_NOUNS


def event_heads(mention) -> list:
    """The events a mention (its root token) takes part in: the verb it is subject or object of (with the
    verbs sharing that subject and an event noun as object: "filed a lawsuit"), the noun event it is the
    argument of ("launch of the iPhone", "Jobs' death", "iPod sales") and clauses on the name itself
    ("Jobs, born in San Francisco"). A name that only modifies another name ("iPod nano") is another
    entity and takes part in nothing here."""
    head = mention
    while head.dep_ in NAME_PARTS and head.head is not head and head.head.pos_ in ("PROPN", "NOUN"):
        if head.dep_ == "compound" and head.head.pos_ == "PROPN":
            return []
        if head.dep_ == "compound" and head.head.lower_ in EVENT_NOUNS:
            return [head.head]
        head = head.head
    found = [c for c in head.children if c.dep_ in ("acl", "relcl") and _is_event(c)]
    if head.dep_ in ARGUMENTS or head.dep_ == "poss":
        governor = head.head
    elif head.dep_ == "pobj":
        governor = head.head.head  # through the preposition ("by Apple", "of the iPhone")
    else:
        governor = None
    if governor is not None and _is_event(governor):
        verbs = _with_conjuncts(governor) if governor.pos_ != "NOUN" else [governor]
        objects = [c for v in verbs for c in v.children if c.dep_ == "dobj" and c.lower_ in EVENT_NOUNS]
        found += verbs + objects
    return [tok for tok in found if _is_event(tok)]


def _past(verb) -> bool:
    aux = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    return verb.tag_ == "VBD" or (
        verb.tag_ == "VBN" and any(a.tag_ == "VBD" or a.lower_ in ("has", "have") for a in aux)
    )


def _tense_anchor(verb, dct: str, news_day: str | None) -> str:
    """A clause without a date. Past events of a report happened on its news day (the last recent day the
    text named: "on Friday", then "he said"), the present holds on the creation day, and what looks
    ahead, is hypothetical, past perfect or a bare noun has no date we can read."""
    aux = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    if verb.pos_ == "NOUN" or aux & MODALS or "had" in aux or (verb.tag_ == "VB" and not aux):
        return UNANCHORED
    return (news_day or dct) if _past(verb) else dct


def news_day(times: list, before: int, dct: str) -> str | None:
    """The last day named before offset ``before`` within the week up to the creation day: the day the
    report's events happened on, where it says so."""
    from datetime import date, timedelta

    from storyline.crosscheck.timeline import calendar_value

    try:
        created = date.fromisoformat(dct)
    except ValueError:
        return None
    days = [calendar_value(t.value) for t in times if t.start < before]
    recent = [
        d
        for d in days
        if d and len(d) == 10 and created - timedelta(days=7) <= date.fromisoformat(d) <= created
    ]
    return recent[-1] if recent else None


def _date_for(verb, times: list, refined: dict[tuple[int, str], str], dct: str) -> str:
    """The date of the time expression in the verb's sentence that belongs to it (inside its clause, else
    the nearest), made finer where ``build_timeline`` merged that sentence into a day's event."""
    from storyline.crosscheck.timeline import calendar_value

    sentence = verb.sent
    dated = [
        t for t in times if sentence.start_char <= t.start < sentence.end_char and calendar_value(t.value)
    ]
    if not dated:
        return _tense_anchor(verb, dct, news_day(times, sentence.start_char, dct))
    subtree = range(verb.left_edge.idx, verb.right_edge.idx + len(verb.right_edge))
    inside = [t for t in dated if t.start in subtree]
    best = min(inside or dated, key=lambda t: abs(t.start - verb.idx))
    value = calendar_value(best.value) or UNANCHORED
    return refined.get((sentence.start_char, value), value)


def _refinements(timeline: list, document: TimelineDocument, times: list) -> dict[tuple[int, str], str]:
    """(sentence start, coarse value) -> the finer day ``build_timeline`` merged that sentence into
    ("earlier this month" told beside "on Tuesday" in another report)."""
    from storyline.crosscheck.timeline import calendar_value

    finer: dict[tuple[int, str], str] = {}
    for entry in timeline:
        for source in entry.sources:
            if source.article_id != document.doc_id:
                continue
            for time in times:
                value = calendar_value(time.value)
                if value and source.start <= time.start < source.end and entry.date.startswith(value):
                    finer[(source.start, value)] = entry.date
    return finer


def _pronoun_spans(doc, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """He, him, his standing for the target person: the last person named, in this sentence or the one
    before, was the target, or a pronoun already read as the target (the small model has no coreference;
    this is the common newswire case: "Jobs ... He started Apple ... he was fired")."""
    targets = set(spans)
    people = [(e.start_char, e.end_char) for e in doc.ents if e.label_ == "PERSON"]
    marks = sorted({*targets, *people} | {(t.idx, t.idx + len(t)) for t in doc if t.lower_ in PRONOUNS})
    found: list[tuple[int, int]] = []
    last: tuple[int, bool] | None = None  # (sentence start of the last person mention, is it the target)
    for start, end in marks:
        token = doc.char_span(start, end, alignment_mode="expand")
        if token is None:
            continue
        sentence = token[0].sent
        if token.text.lower() in PRONOUNS and (start, end) not in targets:
            previous = doc[sentence.start - 1].sent.start_char if sentence.start > 0 else sentence.start_char
            if last is not None and last[1] and last[0] >= previous:
                found.append((start, end))
                last = (sentence.start_char, True)
            continue
        if any(s <= start < e for s, e in targets) or any(s <= start < e for s, e in people):
            last = (sentence.start_char, any(s <= start < e for s, e in targets))
    return found


def _corpus_token(document: TimelineDocument, offset: int) -> Token | None:
    return next((t for t in document.tokens if t.start <= offset < t.end), None)


def _event_text(document: TimelineDocument, verb) -> str:
    """The event's corpus token, joined to its particle as the task writes phrasal verbs ("step_down")."""
    words = [_corpus_token(document, t.idx) for t in (verb, *(c for c in verb.children if c.dep_ == "prt"))]
    return "_".join(dict.fromkeys(w.text for w in words if w is not None))


def order_events(entity: str, events: list[SystemEvent]) -> Timeline:
    """Positions by date (a year before the days inside it), one position per date: the text gives no order
    within a day that we can read, and the graph makes same-anchor events simultaneous anyway. Undated
    events stand unordered at position 0, as the task's own timelines put them."""
    from storyline.crosscheck.timeline import start_day

    dates = sorted({e.date for e in events if e.date != UNANCHORED}, key=lambda d: (start_day(d), len(d)))
    position = {date: index for index, date in enumerate(dates, start=1)}
    ordered = sorted(events, key=lambda e: (position.get(e.date, 0), e.doc_order))
    return Timeline(entity, [TimelineEvent(position.get(e.date, 0), e.date, (e.mention,)) for e in ordered])


def system_timelines(
    documents: Sequence[TimelineDocument], targets: Iterable[str], nlp=None
) -> dict[str, Timeline]:
    """Our timeline of each target entity over the documents."""
    from storyline.annotate import annotate_doc, load_nlp, parse_texts
    from storyline.crosscheck import analyse_story
    from storyline.model import Article, Story

    nlp = nlp or load_nlp()
    articles = [Article(id=d.doc_id, source=d.name, text=d.text, published=d.dct) for d in documents]
    docs = list(parse_texts(nlp, (a.text for a in articles)))
    notes = {a.id: annotate_doc(a, doc, quotes=False) for a, doc in zip(articles, docs, strict=True)}
    story = Story(id="timeline-corpus", title="", article_ids=[a.id for a in articles])
    analysis = analyse_story(story, articles, notes)
    result = {}
    for target in targets:
        forms = _name_forms(target, [analysis])
        person = any(e.type == "PERSON" and _norm(target) in {_norm(e.name)} for e in analysis.entities)
        events: dict[str, SystemEvent] = {}
        for order, (document, doc) in enumerate(zip(documents, docs, strict=True)):
            spans = _target_spans(document.text, forms, person)
            if person:
                spans += _pronoun_spans(doc, spans)
            refined = _refinements(analysis.timeline, document, notes[document.doc_id].times)
            for start, end in spans:
                mention = doc.char_span(start, end, alignment_mode="expand")
                if mention is None:
                    continue
                for verb in event_heads(mention.root):
                    token = _corpus_token(document, verb.idx)
                    if token is None or token.sentence < 2:  # the title and the dateline tell no event
                        continue
                    key = f"{document.doc_id}-{token.sentence}-{_event_text(document, verb)}"
                    date = _date_for(verb, notes[document.doc_id].times, refined, document.dct)
                    events.setdefault(key, SystemEvent(key, date, (order, token.sentence, token.start)))
        result[target] = order_events(target, list(events.values()))
    return result


# ------------------------------------------------------------------------------------ run and report


@dataclass
class TimelineEvalResult:
    documents: int
    scores: AwarenessCounts  # ordering and time anchors: the task's main measure
    ordering_only: AwarenessCounts
    per_entity: dict[str, AwarenessCounts]
    gold_events: dict[str, int]  # event mentions per gold timeline
    system_events: dict[str, int]
    timelines: dict[str, Timeline] = field(default_factory=dict)  # ours, in the task's format

    def as_dict(self) -> dict[str, Any]:
        def row(c: AwarenessCounts) -> dict[str, Any]:
            return {
                **vars(c),
                "precision": round(c.precision, 4),
                "recall": round(c.recall, 4),
                "f1": round(c.f1, 4),
            }

        return {
            "documents": self.documents,
            "micro": row(self.scores),
            "ordering_only": row(self.ordering_only),
            "entities": {
                name: {
                    **row(c),
                    "gold_events": self.gold_events[name],
                    "system_events": self.system_events[name],
                }
                for name, c in self.per_entity.items()
            },
            "published_f1_percent": PUBLISHED_F1,
        }


def run_timeline_eval(data_root: Path = DEFAULT_ROOT, nlp=None) -> TimelineEvalResult:
    """Our timelines for the trial data's target entities, scored against its gold timelines."""
    gold = load_gold(data_root)
    documents = load_corpus(data_root)
    system = system_timelines(documents, list(gold), nlp)
    scores, per_entity = score_timelines(gold, system)
    ordering_only, _ = score_timelines(gold, system, anchors=False)
    return TimelineEvalResult(
        documents=len(documents),
        scores=scores,
        ordering_only=ordering_only,
        per_entity=per_entity,
        gold_events={name: sum(len(e.mentions) for e in t.events) for name, t in gold.items()},
        system_events={name: sum(len(e.mentions) for e in system[name].events) for name in gold},
        timelines=system,
    )


def format_report(result: TimelineEvalResult) -> str:
    lines = [
        f"SemEval-2015 Task 4 TimeLine, trial data ({result.documents} documents, {len(result.per_entity)} "
        "target entities), Track A (raw text): temporal awareness over each timeline's TimeML graph",
        f"{'entity':<24} {'gold ev':>7} {'our ev':>7} {'rel P':>9} {'rel R':>9} {'F1':>6}",
    ]
    for name, counts in result.per_entity.items():
        lines.append(
            f"{name:<24} {result.gold_events[name]:>7} {result.system_events[name]:>7} "
            f"{counts.precision_matched:>3}/{counts.system_total:<5} "
            f"{counts.recall_matched:>3}/{counts.gold_total:<5} "
            f"{counts.f1:6.3f}"
        )
    for label, c in (
        ("micro (anchors + order)", result.scores),
        ("micro (order only)", result.ordering_only),
    ):
        lines.append(f"{label:<24} {'':>15} P {c.precision:.3f}  R {c.recall:.3f}  F1 {c.f1:.3f}")
    published = "; ".join(f"{name} {f1:.2f}" for name, f1 in PUBLISHED_F1.items())
    lines.append(f"published micro F1 (%), test corpora, not this trial set: {published}")
    return "\n".join(lines)
