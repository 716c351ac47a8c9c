"""Reported speech: statements attributed without quotation marks.

Over one parsed article, from the dependency parse alone:

- a reporting verb with a clausal complement: "Ushakov said [a temporary truce is a respite]",
  "Trump told reporters [that he was ready]", "the Kremlin claimed [its forces had retaken Sudzha]";
- the clause first, the attribution after it: "[The van was diverted], another source said.";
- what a verb of promising or urging governs: "Putin vowed [to press on]", "accused Kyiv [of stalling]";
- "according to X, [...]", "[...], according to X";
- the passive with its agent: "It was reported by Reuters [that the talks had stalled]",
  "[The meeting] was first reported by the Kyiv Post", "[the plan proposed by the council]";
- a relative clause that leaves its object out: "[a budget that residents oppose]";
- a name given by no one in particular: "[the contests known as Super Tuesday]";
- beliefs, plans and judgements as well as speech: "X suspects [...]", "hopes [to ...]",
  "sees [Y as a threat]", "focused on [...]", "voted for [...]"; any verb whose subject is someone
  and which takes a that-clause;
- stances and nouns that carry an attribution: "Republicans were critical of [...]", "Trump's claim
  [that ...]", "took a swipe at [Bush]", "her call for [a ban]"; with no holder named, only a
  noun's complement clause, infinitive or "for"/"about"/"against" ("fears [that costs will rise]");
- a name and a colon opening a paragraph: "Peskov: [the talks will go on]".

Each finding carries its cue (the verb or phrase) and its subject as written; the caller resolves
the subject to a speaker as it does for direct quotes. A clause that is mostly inside quotation
marks is left to the direct-quote finder, and a statement reported inside another one ("X said
that Y claimed ...") is not taken apart: only the outer attribution is kept.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

# Verbs that report what someone said, wrote or holds to be true, when they take a clause.
CLAUSE_VERBS = {
    "say", "tell", "add", "note", "state", "write", "claim", "warn", "insist", "explain", "respond",
    "reply", "announce", "declare", "argue", "stress", "emphasize", "emphasise", "suggest",
    "acknowledge", "admit", "confirm", "deny", "reveal", "report", "remark", "tweet", "post",
    "comment", "conclude", "predict", "promise", "vow", "threaten", "complain", "recall",
    "concede", "observe", "testify", "assert", "maintain", "indicate", "boast", "caution",
    "contend", "allege", "pledge", "reiterate", "assure", "inform", "remind", "signal",
    "agree", "believe", "think", "hope", "fear", "expect", "estimate", "know", "learn",
    "show", "find", "reckon", "guarantee", "swear", "lament", "joke", "quip",
    "answer", "hint", "speculate", "worry", "doubt", "feel", "underline", "underscore",
    "proclaim", "demand", "urge", "propose", "recommend", "ask", "wonder", "question", "rule",
    # cognition and stance: PolNeAR-style attribution covers beliefs and judgements, not only speech
    "assume", "suppose", "imagine", "suspect", "realize", "realise", "understand", "recognize",
    "recognise", "remember", "figure", "determine", "judge", "calculate", "forecast", "anticipate",
    "envision", "imply", "insinuate", "charge", "concur", "counter", "retort", "grumble", "mutter",
    "shout", "yell", "scream", "exclaim", "brag", "gripe", "plead", "opine", "posit", "theorize",
    "theorise", "muse", "recount", "disclose", "divulge", "confess", "profess", "affirm", "attest",
    "advise", "see", "read", "decide", "project", "reaffirm", "foresee", "foretell", "debate",
    "convince", "persuade",
}  # fmt: skip
# Verbs of asking: the question they put is the content ("asked [whether he would run]").
QUESTION_VERBS = {"ask", "wonder", "question"}
# Verbs whose infinitive complement is the content: "vowed to press on", "urged Kyiv to accept".
INFINITIVE_VERBS = {
    "promise", "vow", "pledge", "threaten", "urge", "ask", "call", "demand", "refuse", "decline",
    "offer", "agree", "propose", "tell", "warn", "want", "plan", "intend", "hope", "seek",
    "expect", "decide", "encourage", "challenge", "invite", "vote", "move", "press", "pressure",
    "aim", "prefer", "wish", "resolve", "swear", "order", "instruct", "advise", "beg", "plead", "like",
    "love", "commit",
}  # fmt: skip
# Verbs whose prepositional object is the content: "accused Kyiv of stalling", "called for talks",
# "talked about the economy", "pointed to the polls".
PREPOSITION_VERBS = {
    "accuse": {"of"}, "call": {"for"}, "warn": {"of", "about", "against"}, "blame": {"for", "on"},
    "criticize": {"for"}, "criticise": {"for"}, "talk": {"about"}, "speak": {"about", "of", "on"},
    "refer": {"to"}, "point": {"to"}, "respond": {"to"}, "comment": {"on"}, "complain": {"about", "of"},
    "argue": {"for", "against"}, "push": {"for"}, "advocate": {"for"}, "testify": {"about", "on"},
    "worry": {"about"}, "boast": {"about", "of"}, "joke": {"about"}, "agree": {"on", "with"},
    "insist": {"on"}, "praise": {"for"}, "attack": {"for", "over"}, "lash": {"at"}, "hint": {"at"},
    "elaborate": {"on"}, "reflect": {"on"}, "weigh": {"in"}, "rail": {"against"},
    "campaign": {"for", "against"},
    "focus": {"on"}, "concentrate": {"on"}, "vote": {"for", "against"}, "thank": {"for"},
    "congratulate": {"on", "for"}, "apologize": {"for"}, "apologise": {"for"}, "ask": {"about", "for"},
    "cheer": {"for"}, "pray": {"for"}, "root": {"for"}, "rally": {"behind", "for", "against"},
    "lobby": {"for", "against"}, "plead": {"for"}, "appeal": {"for"}, "hope": {"for"}, "wish": {"for"},
    "care": {"about"}, "think": {"about", "of"}, "write": {"about", "of"}, "tweet": {"about"},
    "post": {"about"}, "disagree": {"with", "on", "about"}, "side": {"with"}, "object": {"to"},
    "allude": {"to"}, "dwell": {"on"}, "harp": {"on"}, "brag": {"about"}, "question": {"about"},
    "express": {"about"}, "fret": {"about"}, "muse": {"about"}, "vouch": {"for"},
    "stand": {"by", "with"},
}  # fmt: skip
# Verbs of speaking or of taking a stand whose direct object is what was said, cited or backed:
# "cited the report", "endorsed Trump", "criticized the plan for its cost".
OBJECT_VERBS = {
    "cite", "mention", "announce", "endorse", "criticize", "criticise", "praise", "denounce", "condemn",
    "blast", "slam", "attack", "mock", "dismiss", "reject", "question", "discuss", "propose", "defend",
    "oppose", "support", "back", "embrace", "highlight", "tout", "applaud", "welcome", "decry", "deny",
    "confirm", "acknowledge", "recall", "repeat", "reiterate", "list", "describe", "note", "tweet",
    "predict", "demand", "request", "recommend", "reveal", "admit", "concede", "dispute", "challenge",
    "echo", "champion", "lambaste", "ridicule", "prefer", "favor", "favour", "estimate", "promise", "pledge",
    "express", "voice", "offer", "suggest", "rule", "rebuke", "chide", "fault", "hail", "laud", "assail",
    "show", "want",
    "thank", "congratulate", "share", "target", "blame", "accuse", "charge", "reference", "quote",
    "retweet", "detail", "disavow", "bemoan", "lambast", "lament", "protest", "promote", "unveil",
    "outline", "float", "ignore", "answer", "deride", "disparage", "insult",
    "scold", "salute", "commend",
    "articulate", "rebut", "trumpet", "reaffirm", "utter", "rebuff", "herald",
    "portray", "brand", "view", "interpret", "debate", "mull", "foresee", "sponsor",
}  # fmt: skip
# Verbs whose object is whom they speak to ("told reporters", "urged Kyiv"), not what they say.
RECIPIENT_VERBS = {
    "tell", "inform", "remind", "assure", "advise", "warn", "ask", "show", "encourage", "invite", "challenge",
    "press", "pressure", "instruct", "beg", "order", "urge", "thank", "congratulate", "say", "add",
    "convince", "persuade",
}  # fmt: skip
# A verb that reports a clause or a plan reports its noun object too ("stressed [bipartisan support]",
# "sought [Republican suggestions]"); not "read" (a sign reads), "find", "maintain", "believe", "declare",
# whose objects are seldom a statement, nor "commit", "move", "figure" (moved to act, but moved the table).
NOUN_OBJECT_VERBS = OBJECT_VERBS | (CLAUSE_VERBS | INFINITIVE_VERBS) - RECIPIENT_VERBS - {
    "read", "find", "maintain", "believe", "declare", "commit", "move", "figure",
}  # fmt: skip
OBJECT_PREPOSITIONS = {"for", "as", "over"}
EXAMPLE_PREPOSITIONS = {"including"}
# What ends a statement a verb governs: punctuation, a coordinated verb, another clause of the writer's.
STATEMENT_END_DEPS = {"punct", "cc", "conj", "parataxis", "mark", "dep"}
TRAILING_DEPS = {"conj", "parataxis", "ccomp", "advcl"}
NOT_CONTENT_ENTITIES = {"DATE", "TIME", "GPE", "LOC", "FAC", "CARDINAL", "EVENT"}
DELIMITERS = {",", "—", "–", "”", '"', "''"}  # around a mid-sentence attribution
ASIDE_DASHES = {"—", "–", "―", "--"}
ASIDE_MAX_TOKENS = 15
DASHES = {",", "—", "–"}
BRACKETS = {")": "(", "]": "["}  # closing -> opening
QUESTION_WORDS = {"how", "why", "what", "whether", "where", "when"}
DATELINE_MARKS = {"—", "―", "–", "-", "--", "(", ":"}
# Verbs of a name or reputation given by no one in particular: "the contests known as Super Tuesday".
KNOWN_AS_VERBS = {"know"}
# Verbs that name what they report on and what it is: "called the plan “premature”", "described X as Y".
NAMING_VERBS = {
    "call", "describe", "label", "term", "brand", "characterize", "characterise", "dub",
    "see", "view", "consider", "regard", "portray", "paint", "cast", "deem", "name",
}  # fmt: skip
# How a thing is seen, after a verb of naming: "most voters view [him favorably]".
JUDGING_ADVERBS = {"favorably", "unfavorably", "favourably", "unfavourably", "positively", "negatively"}
SPEECH_ACTS = (CLAUSE_VERBS | NAMING_VERBS | set(PREPOSITION_VERBS)) - {
    "know", "learn", "find", "see", "show", "read", "feel", "understand", "remember", "decide", "rule",
}  # fmt: skip
REPORTING_VERBS = CLAUSE_VERBS | INFINITIVE_VERBS | set(PREPOSITION_VERBS) | NAMING_VERBS | OBJECT_VERBS
# Verbs that report without their preposition ("talk" reports only as "talk about").
REPORTING_ALONE = CLAUSE_VERBS | NAMING_VERBS | OBJECT_VERBS | INFINITIVE_VERBS
# Someone's own words, put out by them: "issued a statement calling ...".
OWN_WORDS = {
    "statement", "letter", "memo", "tweet", "post", "email", "speech", "remarks", "op-ed", "editorial",
    "column", "testimony", "briefing", "message", "note", "release",
}  # fmt: skip
OCCASIONS = {  # where someone speaks: "said at a news conference announcing ..."
    "conference", "rally", "event", "hearing", "meeting", "appearance", "session", "speech", "interview",
}  # fmt: skip
# What a finding is "in": "in a CNN poll", "in the report", "in a statement".
SOURCE_NOUNS = {
    "poll", "survey", "study", "report", "statement", "interview", "speech", "letter", "memo", "op-ed",
    "editorial", "column", "filing", "lawsuit", "complaint", "tweet", "post", "ad", "advertisement",
    "video", "analysis", "assessment", "testimony", "remarks", "book", "essay", "briefing", "email",
}  # fmt: skip
# Verbs whose passive subject is what was said or judged ("was reported by"), not whom it was said to
PASSIVE_VERBS = (OBJECT_VERBS | NAMING_VERBS | set(PREPOSITION_VERBS) | {"report", "disclose"}) - {
    "tell", "ask", "urge", "remind", "inform", "invite", "encourage", "challenge", "press", "pressure",
}  # fmt: skip
NOT_CONTENT_PRONOUNS = {"it", "that", "this", "which", "who", "what"}
PERSONAL_OBJECTS = {"me", "him", "her", "us", "them", "you"}
NOT_STANCE = {"be", "have", "do", "get", "make", "let", "go", "come", "seem", "appear", "look", "sound"}
# Stances held rather than said: "Ministers have been critical of [...]", "confident [that ...]".
STANCE_ADJECTIVES = {
    "critical", "supportive", "skeptical", "sceptical", "confident", "optimistic", "pessimistic",
    "upbeat", "worried", "concerned", "afraid", "fearful", "tired", "sure", "certain", "convinced",
    "aware", "appreciative", "proud", "happy", "unhappy", "angry", "furious", "eager", "wary", "hopeful",
    "doubtful", "adamant", "open", "opposed", "determined", "willing", "reluctant", "unwilling",
    "dismissive", "sympathetic", "hostile", "enthusiastic", "keen", "frustrated", "disappointed",
    "pleased", "satisfied", "dissatisfied", "upset", "outraged", "nervous", "anxious", "insistent",
    "grateful", "thankful", "ambivalent", "unsure", "uncertain", "undecided", "comfortable",
    "uncomfortable", "excited", "fond", "suspicious", "mindful", "cognizant", "bullish", "bearish",
}  # fmt: skip
OPINION_PREPOSITIONS = {"about", "on", "of", "over", "toward", "towards"}
STANCE_PREPOSITIONS = {"of", "about", "on", "with", "that", "toward", "towards", "over", "to"}
# Nouns that carry an attribution of their own: "Trump's claim that ...", "took a swipe at Bush",
# "his call for a ban", "her support for the bill", "made the case that ...".
NOMINAL_CUES = {
    "claim", "assertion", "argument", "belief", "view", "call", "demand", "promise", "pledge", "vow",
    "warning", "criticism", "attack", "swipe", "jab", "dig", "shot", "case", "accusation", "allegation",
    "charge", "suggestion", "proposal", "plan", "announcement", "remark", "comment",
    "endorsement", "support", "opposition", "praise", "insistence", "hope", "fear", "concern",
    "admission", "denial", "prediction", "assessment", "estimate", "pitch", "appeal",
    "request", "threat", "complaint", "defense", "defence", "confidence",
    "doubt", "expectation", "assurance", "disagreement", "frustration", "disappointment",
    "insinuation", "contention", "conclusion", "finding", "stance", "push",
    "objection", "condemnation", "rebuke", "apology", "acknowledgement", "acknowledgment", "declaration",
    "opinion", "advice", "boast", "dismissal", "decision", "refusal", "determination", "desire", "wish",
    "plea", "question",
}  # fmt: skip
# Nouns of backing that a verb of winning holds, with the backers after them: "has the support of X".
BACKING_NOUNS = {"support", "backing", "endorsement"}
WINNING_VERBS = {
    "have", "win", "draw", "enjoy", "get", "receive", "earn", "gain", "lock", "attract", "command",
}  # fmt: skip
# Nouns of blame (or acclaim) that a verb of meeting holds, with the subject as their target: "[The
# plan] drew sharp criticism from unions", "[The mayor] came under fire".
BLAME_NOUNS = {"criticism", "fire", "condemnation", "scrutiny", "ridicule", "praise", "flak"}
MEETING_VERBS = {"draw", "face", "receive", "earn", "win", "come", "meet"}
# "in support of [X]", "in opposition to [X]": a stand taken by the subject of the verb the phrase hangs on.
STAND_PHRASES = {
    "support": "of", "favor": "of", "favour": "of", "opposition": "to", "defense": "of", "defence": "of",
}  # fmt: skip
# Verbs that only carry such a noun: "made the case", "took a swipe", "issued a warning".
LIGHT_VERBS = {
    "make", "take", "issue", "express", "voice", "launch", "deliver", "give", "offer", "repeat", "renew",
    "reiterate", "level", "lodge", "file", "release", "send", "have", "share", "announce", "lay", "put",
    "raise",
}  # fmt: skip
# ... and those that only do so as the subject of "is": "The idea is that ...", "His message was that ...".
COPULA_CUES = NOMINAL_CUES | {
    "idea", "message", "point", "thinking", "theory", "view", "reasoning", "hope", "position", "feeling",
    "sense", "worry", "assumption", "premise", "thesis", "answer", "response", "explanation", "excuse",
    "rationale", "justification", "logic", "suspicion", "guess", "impression", "argument", "line",
    "joke", "refrain", "mantra", "slogan", "motto",
}  # fmt: skip
# ... and those that only do so as a light verb's object: "made no mention of", "made the observation that".
LIGHT_VERB_CUES = {"mention", "observation", "statement", "remark", "comparison", "analogy", "point"}
CUE_NOUNS = COPULA_CUES | LIGHT_VERB_CUES
NOUN_PREPOSITIONS = {"for", "of", "against", "at", "on", "about", "to", "over", "with"}
UNHELD_PREPOSITIONS = {"for", "about", "against"}  # "calls [for a ban]" says what, with no holder named
# Nouns whose "to" names whom they are addressed to, not what they say: "her appeal to donors".
ADDRESSED_NOUNS = {
    "pitch", "appeal", "plea", "request", "promise", "pledge", "vow", "apology", "warning", "advice",
    "assurance", "remark", "comment", "call", "message", "letter", "complaint", "announcement",
}  # fmt: skip
# What "on" names after a verb of speaking when it is how or where one spoke, not about what.
CIRCUMSTANCE_NOUNS = {
    "condition", "behalf", "background", "camera", "phone", "telephone", "air", "radio", "television",
    "show", "podcast", "channel", "network", "stage", "floor", "panel", "livestream",
}  # fmt: skip
MIN_CONTENT_TOKENS = 3
MARKUP = {"<", ">", "/>", "</"}
# what opens a condition the statement is made under ("if elected, he would ...")
CONDITIONS = {"if", "unless", "once", "when", "whenever", "until", "no", "regardless", "whether", "should"}
TAG = re.compile(r"<[^<>\n]{1,300}>")
MOSTLY_QUOTED = 0.9
# Page furniture before a colon: "Update:", "Editor's note:", "Published time: March 12, 2013".
NOT_SPEAKERS = {
    "update", "watch", "read", "note", "related", "video", "photos", "breaking", "editor", "also",
    "published", "edited", "updated", "posted", "modified", "time", "date", "tags", "caption", "credit",
}  # fmt: skip
SUBJECTS = {"nsubj", "nsubjpass"}
STANCE_PRONOUNS = {"he", "she", "they", "i", "we", "you", "who"}
# Heads of an unnamed holder of a view: "critics fear ...", "voters bet ...".
HOLDER_NOUNS = {
    "official", "aide", "adviser", "advisor", "analyst", "expert", "critic", "supporter", "voter",
    "lawmaker", "leader", "strategist", "source", "spokesman", "spokeswoman", "spokesperson", "observer",
    "people", "candidate", "campaign", "democrat", "republican", "conservative", "liberal", "economist",
}  # fmt: skip
# Verbs that report only with their particle: "pointed out that ...", "walked back the remark".
PHRASAL_VERBS = {
    "point": {"out"}, "lay": {"out"}, "spell": {"out"}, "bring": {"up"}, "talk": {"up", "down"},
    "walk": {"back"}, "play": {"down", "up"}, "hit": {"back"}, "fire": {"back"}, "shoot": {"down"},
    "single": {"out"}, "rule": {"out"}, "call": {"out"}, "chime": {"in"}, "sign": {"off"},
    "write": {"off"}, "brush": {"off", "aside"}, "wave": {"off", "away"}, "put": {"forward"},
    "set": {"out", "forth"}, "lash": {"out"}, "speak": {"out", "up"}, "open": {"up"},
}  # fmt: skip
# Words that stand for a whole statement after "say": "said so", "said yes", "say the same of X".
STATEMENT_WORDS = {"so", "yes", "no", "same", "opposite", "otherwise", "that"}
# Verbs that put a judgement on their subject: "[the plan appears to be stalling]".
SEEMING_VERBS = {"seem", "appear", "sound"}
RELATIVE_TAGS = {"WDT", "WP", "WP$"}
# What a speaker goes on to say in a participle after the statement: not ambiguous like "saying",
# which may be the reported subject's own words ("said the mayor left, saying she was done").
AFTERTHOUGHTS = {"add", "note", "stress", "insist", "explain", "emphasize", "acknowledge", "concede"}
# Verbs only someone does: a thing that seems to be "saying" was the parser's misreading.
SAYING = {"say", "tell", "add", "insist", "claim", "argue", "explain", "state", "declare", "assert"}
# Things that cannot state or hold a view, though war and disaster reports give them the verbs of those who
# can: "drones targeting Moscow", "missiles attacked Kyiv", "the storm threatened to cut power".
THINGS = {
    "missile", "drone", "rocket", "bomb", "shell", "artillery", "warplane", "jet", "helicopter", "tank",
    "munition", "projectile", "warhead", "storm", "hurricane", "typhoon", "cyclone", "tornado", "earthquake",
    "quake", "flood", "wildfire", "blaze", "avalanche", "landslide", "tsunami",
}  # fmt: skip
# What is felt or heard when the earth shakes or a bomb goes off: "residents felt the quake" is no stance.
SENSED_EVENTS = THINGS | {"tremor", "aftershock", "explosion", "blast", "shaking", "shock", "impact"}
PERCEPTION_VERBS = {"feel", "hear", "see", "watch", "notice"}
# Verbs whose left-out object is a thing seen, known, written or liked ("the worst slump the world had
# seen", "anyone she wants"), not a stand taken on it.
UNSTATED_OBJECT_VERBS = PERCEPTION_VERBS | {
    "know", "learn", "find", "recognize", "recognise", "understand", "remember", "read", "write", "want",
    "like", "love",
}  # fmt: skip
# Nouns a relative clause may hang on that say when, how or why, not what was named.
CIRCUMSTANTIAL_HEADS = {"time", "day", "week", "month", "year", "night", "moment", "way", "reason", "place"}
# What firefighters and ships respond to: "31 engines responded to the blaze" is no reply.
EMERGENCIES = SENSED_EVENTS | {"fire", "scene", "emergency", "alarm", "crash", "accident", "distress"}
# Verbs with a physical sense besides the stance one: "the army attacked the town" is not a stance on it.
FORCE_VERBS = {"attack", "target", "strike", "hit", "assail", "blast"}
# What a force attacks with when its attack is a deed, not words.
WEAPONS = THINGS | {
    "rock", "stone", "brick", "bottle", "flare", "firebomb", "molotov", "petrol", "gun", "rifle",
    "pistol", "knife", "machete", "axe", "bat", "club", "stick", "grenade", "gas", "bullet", "cannon",
    "baton", "fist", "explosive", "weapon",
}  # fmt: skip
# What a team, a player or a firm posts when it posts a result rather than a message.
RESULTS = {
    "record", "win", "victory", "loss", "lead", "score", "point", "average", "ops", "era", "thumping",
    "rout", "shutout", "upset", "yard", "goal", "gain", "profit", "deficit", "surplus", "revenue",
    "earnings", "growth", "decline", "increase", "drop", "rise", "time", "result", "number", "figure",
}  # fmt: skip
# Whose attacks are deeds whatever they aim at: "an arsonist attacked the church", "the gunman targeted".
OFFENDERS = {
    "arsonist", "gunman", "attacker", "assailant", "bomber", "shooter", "robber", "thief", "burglar",
    "hijacker", "pirate", "militant", "insurgent", "terrorist", "sniper", "mob", "rioter", "looter",
}  # fmt: skip
# What a force attacks when it attacks a place; "Clinton attacked Trump" is an attack in words.
PLACE_ENTITIES = {"GPE", "LOC", "FAC"}
PLACE_NOUNS = {
    "town", "city", "village", "base", "airport", "airfield", "refinery", "plant", "depot", "school",
    "hospital", "building", "port", "bridge", "position", "infrastructure", "facility", "convoy", "ship",
    "vessel", "region", "area", "district", "territory", "border", "embassy", "headquarters", "compound",
}  # fmt: skip


@dataclass
class Reported:
    """A reported statement, before speaker resolution."""

    start: int  # the content's characters
    end: int
    cue: Token | Span
    subject: Token | Span | None


def _content(tokens: list[Token], minimum: int = MIN_CONTENT_TOKENS) -> tuple[int, int] | None:
    """The characters of a run of tokens, without a leading "that"/comma and trailing punctuation, and
    up to an "according to": that names a source, it is not what was said."""
    cut = next((n for n in range(1, len(tokens) - 1) if _according(tokens[n])), None)
    if cut is not None:
        tokens = tokens[:cut]
    while tokens and (
        tokens[0].is_punct
        or tokens[0].dep_ == "mark"
        and tokens[0].lower_ in {"that", "whether", "if"}
        and not _condition_opens(tokens)
    ):
        tokens = tokens[1:]
    while tokens and (
        tokens[-1].is_punct and tokens[-1].text not in "?!" and not _closes(tokens[-1], tokens)
        or tokens[-1].is_space
        or tokens[-1].dep_ == "cc"
    ):
        tokens = tokens[:-1]  # nor a coordinator left dangling where the next clause was cut off
    if len([t for t in tokens if not t.is_punct]) < minimum:
        return None
    if any(t.text in MARKUP or "=" in t.text for t in tokens):
        return None  # the remains of an embed's markup (<tweet author="...">), not anyone's words
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)


def _condition_opens(tokens: list[Token]) -> bool:
    """ "said [if elected, he would ...]": the "if" of a condition, set off by a comma before the
    rest of the statement, stays; the "if" of "asked [if] he would run" does not."""
    after = tokens[0].head.right_edge.i + 1  # right after the clause the "if" opens
    return tokens[0].lower_ == "if" and after < tokens[-1].i and tokens[0].doc[after].text == ","


def _according(token: Token) -> bool:
    doc = token.doc
    return token.lower_ == "according" and token.i + 1 < len(doc) and doc[token.i + 1].lower_ == "to"


def _closes(mark: Token, tokens: list[Token]) -> bool:
    """A closing bracket whose opening one the content holds ("Senator Hall (D-Ore.)") stays."""
    opening = BRACKETS.get(mark.text)
    if opening is None:
        return False
    return sum(t.text == opening for t in tokens) > sum(t.text == mark.text for t in tokens[:-1])


def _subtree(token: Token) -> list[Token]:
    doc = token.doc
    return list(doc[token.left_edge.i : token.right_edge.i + 1])


def _subject(verb: Token) -> Token | Span | None:
    """The verb's subject; a participle or a conjoined verb ("and said") borrows its head's."""
    if _asked_participle(verb):
        return None
    if (noun := _noun_before_conjoined(verb)) is not None:
        return noun
    current = verb
    for _ in range(4):
        for child in current.children:  # the passive's agent speaks: "was criticized by the mayor"
            if child.dep_ == "agent":
                objects = [c for c in child.children if c.dep_ == "pobj"]
                if objects:
                    return objects[0]
        for child in current.children:
            if child.dep_ == "nsubjpass" and current is verb and _asked_of(verb):
                return None  # "the mayor is expected to speak", "was asked to name ...": not by them
            if child.dep_ in SUBJECTS and (speaker := _after_dateline(child)) is not None:
                return speaker
            if child.dep_ in SUBJECTS and child.ent_type_ in {"DATE", "TIME"}:
                return _after_time(child, current)  # "Twelve hours into the inquiry police said"
            if child.dep_ in SUBJECTS and (holder := office_holder(child)) is not None:
                return holder
            if child.dep_ in SUBJECTS and not _expletive(child) and not is_dateline(child):
                if child.tag_ not in RELATIVE_TAGS or current is verb and verb.dep_ == "relcl":
                    return child  # a relative "who" is kept: the resolver reads what it stands for
        if current is verb and verb.pos_ == "VERB":  # "Nearly 4 in 10 say ...": the share hung on the verb
            shares = [c for c in verb.children if c.dep_ == "nummod" and c.i < verb.i]
            if shares:
                return shares[0]
        if current.dep_ == "acl" and current.tag_ == "VBG" and current.head.pos_ in {"NOUN", "PROPN"}:
            if lemma(current) in SAYING and (doer := _said_by_doer(current.head)) is not None:
                return doer  # "the official downplayed the unrest saying ..."
            if (issuer := _issuer(current.head)) is not None:
                return issuer  # "the council issued a statement calling ...": the council calls
            return current.head  # "staff members suggesting ...", "results showing ..."
        if _afterthought(current):
            current = current.head.head  # "said [the road will stay shut], adding that ...": the sheriff adds
            continue
        if (governor := _infinitive_on_object(current)) is not None:
            current = governor  # "took pains to say ...", "went out of his way to say ...": the taker says
            continue
        if current.dep_ == "pcomp" and current.tag_ == "VBG" and current.head.dep_ == "prep":
            # "Instead of answering the question, the senator said ...": the gerund's subject is
            # that of the verb its phrase hangs on
            passive = [c for c in current.head.head.children if c.dep_ == "nsubjpass"]
            if current.head.lower_ == "as" and passive:
                return passive[0]  # "the mayor was quoted by the paper as saying ...": the mayor says
            if current.head.head.pos_ in {"VERB", "AUX"} and current.head.head.i != current.head.i:
                current = current.head.head
                continue
        to = any(c.dep_ == "aux" and c.lower_ == "to" for c in current.children)
        infinitive = current.dep_ == "dep" and to
        if infinitive and current.head.pos_ in {"VERB", "AUX"}:  # "could offer no details other than to say"
            current = current.head
            continue
        if current.dep_ not in {"conj", "advcl", "xcomp", "relcl", "acomp"} or current.head.i == current.i:
            break
        if _finite_after_bare(current):
            current = _bare_chain_start(current.head).head  # "said the plan would fail and [warned] ...": Lee
            continue
        current = current.head
    if current.dep_ == "ROOT" and current.tag_ in {"VBZ", "VBD", "VBP"}:
        return _sibling_subject(current) or name_right_before(current)
    if current.dep_ == "ROOT":
        return _conjunct_subject(current, verb)
    return None


def _conjunct_subject(root: Token, verb: Token) -> Token | None:
    """ "Hastily politicizing the tragedy, Trump cast the blame on his rivals, and emphasized ...": the
    parser hung both verbs on the participle that opens the sentence; the verb without a subject
    shares the one of the verb coordinated before it."""
    earlier = [c for c in root.children if c.dep_ == "conj" and c.i < verb.i]
    for conj in reversed(earlier):
        subject = next((c for c in conj.children if c.dep_ == "nsubj"), None)
        if subject is not None and _someone(subject):
            return subject
    return None


def office_holder(subject: Token) -> Token | None:
    """ "Director of National Intelligence James Clapper told ...": the parser made the title the subject
    and hung the name under its "of"; the person named after the office holds it. Not "the son of
    Rep. Lund", where the subject is someone else: a title is capitalised and the office comes between."""
    if not subject.text[:1].isupper() or subject.ent_type_ == "PERSON" or subject.tag_ not in {"NN", "NNP"}:
        return None  # one office, one holder: not "Supporters of ..."
    for of in subject.children:
        if of.dep_ != "prep" or of.lower_ != "of":
            continue
        for name in of.children:
            entity = next((e for e in name.doc.ents if e.start <= name.i < e.end), None)
            if name.dep_ != "pobj" or entity is None or entity.label_ != "PERSON":
                continue
            office = name.doc[of.i + 1 : entity.start]
            named = any(t.text[:1].isupper() for t in office)  # "of State", "of the House", not "of the late"
            if named and not any(t.ent_type_ == "PERSON" for t in office):
                return name
    return None


def _noun_before_conjoined(verb: Token) -> Token | None:
    """ "The town still has power and officials say ...": the parser joined "officials" to the objects
    before it and "say" to "has"; a noun right after "and" and right before a verb that has no subject
    of its own is that verb's subject."""
    if verb.dep_ != "conj" or verb.i < 2 or any(c.dep_ in SUBJECTS for c in verb.children):
        return None
    noun, joint = verb.doc[verb.i - 1], verb.doc[verb.i - 2]
    if noun.pos_ not in {"NOUN", "PROPN"} or noun.head.i == verb.i or joint.lower_ not in {"and", "but"}:
        return None
    return noun


def _after_time(subject: Token, verb: Token) -> Token | None:
    """A time does not speak: the parser took "Twelve hours into the inquiry police" for one subject,
    and the speaker is the noun that ends it, right before the verb, or the person named there."""
    last = subject.right_edge
    if last.i == verb.i - 1 and last.pos_ in {"NOUN", "PROPN"} and last.ent_type_ not in {"DATE", "TIME"}:
        return last
    return name_right_before(verb)


def _issuer(noun: Token) -> Token | None:
    """Who put out the words that ``noun`` names, where they are someone's own (a statement, a letter,
    a tweet; not a poll or a study, whose findings are their own): the subject of the verb it is the
    object of."""
    verb = noun.head
    if noun.dep_ == "pobj" and noun.lemma_.lower() in OCCASIONS and verb.dep_ == "prep":
        verb = verb.head  # "she said at a news conference announcing ...": she announces
    elif noun.lemma_.lower() not in OWN_WORDS or noun.dep_ != "dobj":
        return None
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    return subject if subject is not None and _someone(subject) else None


def _said_by_doer(noun: Token) -> Token | None:
    """The subject of the verb whose object ``noun`` is, when the noun itself cannot speak: the parser
    hangs "saying" on the object in "the official downplayed the unrest saying ..."."""
    if _someone(noun) or noun.lemma_.lower() in SOURCE_NOUNS or noun.dep_ != "dobj":
        return None
    subject = next((c for c in noun.head.children if c.dep_ == "nsubj"), None)
    return subject if subject is not None and _someone(subject) else None


def name_right_before(verb: Token) -> Token | None:
    """ "Saturday at the convention Sen. Ann Lund (D-MA) said ...": a finite verb the parser left without
    a subject in a sentence it could not read is said by the person named right before it (the party
    and state in parentheses aside)."""
    doc = verb.doc
    index = verb.i - 1
    while index > 0 and doc[index].tag_ == "RB" and doc[index].dep_ == "advmod" and doc[index].head == verb:
        index -= 1  # "Ann Lund also said"
    if index > 0 and doc[index].text == ")":
        opening = next((t.i for t in reversed(doc[max(0, index - 8) : index]) if t.text == "("), None)
        index = opening - 1 if opening is not None else -1
    return doc[index] if index >= 0 and doc[index].ent_type_ == "PERSON" else None


def _afterthought(verb: Token) -> bool:
    """ "adding that ...", set off by a comma at the end of a reported clause the parser hung it on:
    the one who reported the clause goes on, not the clause's own subject (a road, a suspect)."""
    clause = verb.head
    return (
        verb.dep_ == "advcl"
        and verb.tag_ == "VBG"
        and lemma(verb) in AFTERTHOUGHTS
        and verb.i > 0
        and verb.doc[verb.i - 1].text == ","
        and clause.dep_ == "ccomp"
        and clause.i < verb.i
        and _is_reporting(clause.head, CLAUSE_VERBS)
    )


def _finite_after_bare(verb: Token) -> bool:
    """A finite verb the parser coordinated with the bare verb of a reported clause ("said the plan
    would fail and warned ..."): a finite verb does not go on a bare one, it goes on the verb of
    saying, whose subject it shares; so does one after a chain of them ("would sit down and tell
    him ... and [tells] the crowd")."""
    head = _bare_chain_start(verb.head)
    return (
        verb.dep_ == "conj"
        and verb.tag_ in {"VBD", "VBZ"}
        and head.tag_ == "VB"
        and head.dep_ == "ccomp"
        and not any(c.dep_ in SUBJECTS for c in verb.children)
    )


def _bare_chain_start(verb: Token) -> Token:
    """The first of the bare verbs coordinated in a chain ("would [sit] down and tell him ...")."""
    while verb.dep_ == "conj" and verb.tag_ == "VB" and verb.head.i < verb.i:
        verb = verb.head
    return verb


def _asked_of(verb: Token) -> bool:
    """A passive verb of asking or expecting with an infinitive ("was urged to resign") or a question
    ("was asked whether ..."): its subject is the one asked, not the one who asks."""
    passive = any(c.dep_ == "auxpass" for c in verb.children)
    if passive and lemma(verb) in QUESTION_VERBS and _question(verb) is not None:
        return True
    return passive and lemma(verb) in INFINITIVE_VERBS and any(c.dep_ == "xcomp" for c in verb.children)


def _question(verb: Token) -> Token | None:
    """The question a verb of asking puts: "asked [if he would run]", "asked her [how she felt]"."""
    for child in verb.children:
        if child.dep_ in {"ccomp", "advcl"} and child.i > verb.i and _introduced_clause(child):
            return child
    return None


def _asked_participle(verb: Token) -> bool:
    """ "Asked whether he would run, the mayor said ...": the participle's subject is the one asked;
    who asked is not said."""
    if lemma(verb) not in QUESTION_VERBS or verb.tag_ != "VBN" or verb.dep_ not in {"advcl", "acl"}:
        return False
    return not any(c.dep_ in SUBJECTS for c in verb.children)  # "X was asked": X stays the speaker


def _sibling_subject(verb: Token) -> Token | None:
    """ "The governor offered the farmer a job, then says ...": a finite verb the parser left without its
    subject takes the one of the verb before it in the sentence (a coordination it split)."""
    earlier = [t for t in verb.sent if t.i < verb.i and t.dep_ == "nsubj" and t.head.pos_ == "VERB"]
    if not earlier or earlier[-1].head.head.i != verb.i:  # that verb must hang on this one
        return None
    subject = earlier[-1]
    return None if _expletive(subject) or subject.tag_ in RELATIVE_TAGS else subject


def is_dateline(token: Token) -> bool:
    """ "PHILADELPHIA — The committee said ...", "DENVER, May 2 (UPI) — ...": the place in capitals
    that opens a wire report, which the parser may take for a subject of the sentence's verb."""
    return _dateline_end(token) is not None


def _dateline_end(token: Token) -> int | None:
    """The index of the mark that closes a dateline opening with ``token``'s name, if it opens one: the
    place, in capitals or with the agency after it ("New York (AFP) –"), may be followed by the date
    and the agency in parentheses before that mark."""
    doc = token.doc
    start, end = token.i, token.i + 1
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    if start != token.sent.start and not doc[start - 1].is_space:
        return None
    capitals = all(t.text.isupper() for t in doc[start:end]) and len(doc[start:end].text) > 1
    if not capitals and not (token.ent_type_ == "GPE" and end < len(doc) and doc[end].text == "("):
        return None
    brackets = 0
    for word in doc[end : end + 11]:  # " —", " (Reuters) -", ", May 2 (UPI) —"
        if not brackets and word.text in DATELINE_MARKS and word.text != "(":
            return word.i
        brackets += {"(": 1, ")": -1}.get(word.text, 0)
        if not (brackets or word.text in {",", ")"} or word.ent_type_ == "DATE"):
            return None
    return None


def _own_speaker(verb: Token) -> Token | None:
    """The verb's own subject, past a dateline the parser took for one ("New York (AFP) - Ann Lund is
    not sure ...": Lund, set beside it as a second subject or as its apposition)."""
    for child in verb.children:
        if child.dep_ not in SUBJECTS:
            continue
        if not is_dateline(child):
            return child
        if (speaker := _after_dateline(child)) is not None:
            return speaker
    return None


def _after_dateline(subject: Token) -> Token | None:
    """ "DENVER, May 2 (UPI) — Former minister Ann Kaplan told ...": the parser may make the one
    who speaks an apposition of the dateline it took for the subject."""
    end = _dateline_end(subject)
    if end is None:
        return None
    beside = [c for c in subject.children if c.dep_ == "appos" and c.i > end]
    named = [c for c in beside if c.ent_type_ in {"PERSON", "ORG"}]  # "Oscar-winning actress Ann Lund"
    return next(iter(named or beside), None)


def _expletive(subject: Token) -> bool:
    """ "There", and the "it" of "it was reported that" or "it is clear that", stand for no one."""
    if subject.lower_ == "there":
        return True
    if subject.lower_ != "it":
        return False
    verb = subject.head
    passive = any(c.dep_ == "auxpass" for c in verb.children)
    return subject.dep_ == "nsubjpass" or verb.lemma_ == "be" or passive


def lemma(token: Token) -> str:
    """The lowercase lemma, mended where the small model slips ("hoped" -> "hop")."""
    found = token.lemma_.lower()
    return "hope" if found == "hop" and token.lower_.startswith(("hope", "hoping")) else found


def _is_reporting(token: Token, lemmas: set[str]) -> bool:
    return token.pos_ in {"VERB", "AUX"} and lemma(token) in lemmas


def _stance_clause(verb: Token) -> bool:
    """A verb outside the lists whose subject is someone and which takes a that-clause."""
    if verb.pos_ != "VERB" or verb.lemma_.lower() in NOT_STANCE or not any(c.isalpha() for c in verb.text):
        return False  # a dash the tagger took for a verb ("WASHINGTON ― The council said ...") is none
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None or _expletive(subject):
        return False
    clauses = [c for c in verb.children if c.dep_ == "ccomp" and c.i > verb.i and _own_subject(c)]
    return _someone(subject) and bool(clauses)


def _someone(subject: Token) -> bool:
    """A subject that can hold a view: a named person or body, a personal pronoun, "critics"."""
    if subject.ent_type_ in {"PERSON", "ORG", "NORP", "GPE"} or subject.lower_ in STANCE_PRONOUNS:
        return True
    return subject.pos_ == "NOUN" and subject.lemma_.lower() in HOLDER_NOUNS


def _own_subject(clause: Token) -> bool:
    """A finite clause with a subject of its own ("bet [the party will split]"), not "helped [make it]"."""
    return any(c.dep_ in SUBJECTS for c in clause.children)


def _second_report(verb: Token, clause: Token) -> Token | None:
    """A speech verb the parser coordinated inside the reported clause although it goes with the
    reporting verb: same tense, no subject of its own ("He says he respects her and calls her ...")."""
    for conj in _conjuncts(clause):
        if conj.tag_ != verb.tag_ or any(c.dep_ in SUBJECTS for c in conj.children):
            continue
        if _speech_act(conj):
            return conj
    return None


def _conjuncts(verb: Token) -> list[Token]:
    """The verbs coordinated after ``verb``, through a chain ("sit down [and tell] him [and tells] ...")."""
    found: list[Token] = []
    current = verb
    while True:
        following = [c for c in current.children if c.dep_ == "conj" and c.i > current.i]
        if not following:
            return found
        found.extend(following)
        current = following[-1]


def _speaker_again(verb: Token, clause: Token) -> Token | None:
    """ "Tom Hale said [the dam is the danger], and he railed against the board": a clause coordinated after a
    comma inside the statement whose subject is the speaker's pronoun again goes on with the
    writer's account of the speaker, not with what was said."""
    subject = _subject(verb)
    if subject is None or isinstance(subject, Span):
        return None
    if subject.pos_ == "PRON":
        pronouns = {subject.lower_}
    elif subject.ent_type_ == "PERSON":
        pronouns = {"he", "she"}
    else:
        return None
    doc = verb.doc
    for conj in clause.children:
        if conj.dep_ != "conj" or conj.i < clause.i:
            continue
        before = doc[conj.left_edge.i - 1]
        if before.dep_ != "cc" or before.i < 1 or doc[before.i - 1].text != ",":
            continue
        if any(c.dep_ == "mark" for c in conj.children):
            continue  # "but that he did all he could": a second complement of the same verb
        subjects = [c for c in conj.children if c.dep_ in SUBJECTS]
        if subjects and subjects[0].lower_ in pronouns:
            return conj
    return None


def _speech_act(verb: Token) -> bool:
    """A verb that reports speech here: one that does so by itself ("telling", "calling"), or a verb
    that does with its preposition only ("pushing [for] reform", not "pushing turnout to a record")."""
    word = lemma(verb)
    if word not in SPEECH_ACTS:
        return False
    if word in REPORTING_ALONE:
        return True
    return any(c.dep_ == "prep" and c.lower_ in PREPOSITION_VERBS[word] for c in verb.children)


def _before_next_report(tokens: list[Token]) -> list[Token]:
    """ "said [he saw no need], telling reporters that ...": a participle of speech set off by a comma
    inside the clause starts a statement of its own, so the first one ends before it."""
    for n, token in enumerate(tokens):
        if n < 2 or token.tag_ != "VBG" or token.dep_ not in {"advcl", "conj", "acl", "xcomp"}:
            continue
        if not _speech_act(token) or any(c.dep_ in SUBJECTS for c in token.children):
            continue
        if token.left_edge.i == token.i and token.doc[token.i - 1].text in DELIMITERS:
            return tokens[:n]
    return tokens


def _clause_after(verb: Token) -> tuple[int, int] | None:
    """The complement clause of "said [that ...]"."""
    question = _question(verb) if lemma(verb) in QUESTION_VERBS else None
    for child in verb.children:
        if child.dep_ == "ccomp" and child.i > verb.i or question is not None and child.i == question.i:
            end = _governed_end(verb, child.right_edge.i)
            back = _speaker_again(verb, child)
            if back is not None:  # "said [A], and he railed against B": B is told of the speaker
                end = min(end, back.left_edge.i - 1)
            second = _second_report(verb, child)
            if second is not None:  # "says [he respects her] and calls her ...": two statements
                end = min(end, second.left_edge.i - 1)
                while end > child.i and verb.doc[end].dep_ in {"cc", "punct"}:
                    end -= 1
            end = max([end] + [c.right_edge.i for c in _second_complements(verb, end)])
            end = _head_conjunct_end(verb, end)
            return _content(_before_next_report(list(verb.doc[_clause_start(verb, child) : end + 1])))
    return _stray_complement(verb) or _clause_hung_above(verb)


def _head_conjunct_end(verb: Token, end: int) -> int:
    """ "weighed in, saying [he was rooting for X but would now root for Y]": the parser hung the
    second half of the clause on the verb the participle hangs on. A subjectless conjunct right
    after the clause, with no comma between, goes on with the clause."""
    doc = verb.doc
    if verb.tag_ != "VBG" or verb.dep_ != "advcl" or end + 2 >= len(doc) or doc[end + 1].dep_ != "cc":
        return end
    for conj in verb.head.children:
        if conj.dep_ == "conj" and conj.left_edge.i == end + 2 and not _own_subject(conj):
            return conj.right_edge.i
    return end


def _clause_start(verb: Token, clause: Token) -> int:
    """Where the statement of "said [...]" opens, when the parser hung its first words on the verb:
    a phrase set off between the verb's comma and its clause ("says, [win or lose, he stays]"), or the
    clause's own subject (see ``_subject_taken_by``)."""
    doc = verb.doc
    start = clause.left_edge.i
    first = doc[start]
    between = doc[verb.i + 1 : start]
    if _subject_taken_by(verb, clause, between):
        return verb.i + 1
    condition = _condition_before(verb, clause)
    if condition is not None:
        return condition
    if start <= verb.i + 2 or doc[verb.i + 1].text != "," or first.lower_ == "that" and first.dep_ == "mark":
        return start
    return verb.i + 2


def _infinitive_on_object(verb: Token) -> Token | None:
    """The verb whose object an infinitive hangs on ("took [pains] to say", "went out of his [way] to
    say"), when nobody else is named as the one to do it ("gave her the chance to say" is hers)."""
    noun = verb.head
    infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
    if verb.dep_ not in {"acl", "relcl"} or not infinitive:
        return None
    if noun.dep_ == "pobj" and noun.head.dep_ == "prep":
        noun = noun.head
        while noun.head.dep_ == "prep" and noun.head.i != noun.i:  # "out of his way"
            noun = noun.head
    governor = noun.head
    if noun.dep_ not in {"dobj", "prep"} or governor.pos_ not in {"VERB", "AUX"} or governor.i == noun.i:
        return None
    if any(c.dep_ == "dative" for c in governor.children):
        return None
    return governor


def _condition_before(verb: Token, clause: Token) -> int | None:
    """ "says [no matter what action Obama takes, his word does not trump ...]", "said [if elected,
    he would ...]": a condition the parser hung on the verb, between it and the clause, with a comma
    before the clause, is part of what was said. Where it opens, else None."""
    doc = verb.doc
    words = clause.left_edge.i
    while words < clause.i and doc[words].is_punct:
        words += 1  # the parser may hang the comma and the opening mark on the clause
    comma = words - 1
    while comma > verb.i and doc[comma].is_quote:
        comma -= 1  # ', “his word does not ...'
    if comma <= verb.i + 1 or doc[comma].text != ",":
        return None
    phrases = [t for t in doc[verb.i + 1 : comma] if t.head.i == verb.i]
    if len(phrases) != 1 or phrases[0].dep_ not in {"advcl", "advmod"}:
        return None
    first = phrases[0].left_edge.i
    if first != verb.i + 1 and not (doc[verb.i + 1].lower_ == "that" and first == verb.i + 2):
        return None  # only right after the verb, or after its "that"
    return first if doc[first].lower_ in CONDITIONS else None


def _subject_taken_by(verb: Token, clause: Token, between: Span) -> bool:
    """ "said [about half of the deficit reflected ...]": a clause without a subject whose subject the
    parser hung on the verb as a phrase of its own, right between the two."""
    if not len(between) or _own_subject(clause) or clause.tag_ not in {"VBD", "VBZ", "VBP", "MD"}:
        return False
    if clause.doc[clause.left_edge.i].dep_ == "mark":
        return False  # "said at the hearing [that ...]": the clause opens after the phrase
    if any(t.is_punct or t.ent_type_ in {"DATE", "TIME"} for t in between):
        return False
    phrases = [t for t in between if t.head == verb]
    return bool(phrases) and all(t.dep_ in {"prep", "npadvmod", "dobj", "advmod"} for t in phrases) and any(
        t.pos_ in {"NOUN", "PROPN", "PRON", "NUM"} for t in between
    )


def _second_complements(verb: Token, end: int) -> list[Token]:
    """ "said [A], but [that B]": a clause opening with the conjunction "that" that the parser
    coordinated with the verb is a second complement of the same verb, so the statement runs over it."""
    found = []
    for conj in verb.children:
        first = verb.doc[conj.left_edge.i]
        if conj.dep_ == "conj" and conj.i > end and first.lower_ == "that" and first.dep_ == "mark":
            found.append(conj)
    return found


def _stray_complement(verb: Token) -> tuple[int, int] | None:
    """ "said during a news conference [that he may wait]": the parser hung the complement clause on
    the last noun as a relative clause. A relative clause does not open with the conjunction "that"
    (its "that" is a pronoun, the subject or object), so one that does is the verb's complement."""
    for prep in verb.children:
        if prep.dep_ != "prep" or prep.i < verb.i:
            continue
        for clause in prep.subtree:
            if clause.dep_ != "relcl" or clause.i <= prep.i:
                continue
            first = clause.doc[clause.left_edge.i]
            if first.lower_ == "that" and first.dep_ == "mark" and first.head == clause:
                return _content(list(clause.doc[first.i : clause.right_edge.i + 1]))
    return None


def _clause_hung_above(verb: Token) -> tuple[int, int] | None:
    """ "days after Trump told the paper [he was not ready]": the parser made the complement clause the
    head of the subordinate clause of speech. A head clause whose subject comes right after what the
    verb governs, with no comma between, is what was said."""
    clause = verb.head
    if verb.dep_ != "advcl" or clause.i <= verb.i or clause.pos_ not in {"VERB", "AUX"}:
        return None
    subjects = [c for c in clause.children if c.dep_ in SUBJECTS]
    if len(subjects) != 1 or subjects[0].left_edge.i != verb.right_edge.i + 1:
        return None
    if any(t.is_punct for t in verb.doc[verb.i : verb.right_edge.i + 1]):
        return None  # "while they promised it for months, though, [that] never came": a clause of its own
    return _content(list(verb.doc[verb.right_edge.i + 1 : clause.right_edge.i + 1]))


def _clause_before(verb: Token) -> tuple[int, int] | None:
    """ "[The van was diverted], another source said": the clause before a trailing attribution."""
    sentence = verb.sent
    own = _subtree(verb)
    if own[-1].i < sentence.end - 2:
        return _parenthetical(verb, own)
    aside = _aside(verb)
    if aside and (span := _parenthetical(verb, aside)) is not None:
        return span
    after = [c for c in verb.children if c.dep_ in {"ccomp", "dobj", "xcomp"} and c.i > verb.i]
    if any(not _recipient(verb, c) for c in after):
        return None  # the attribution does not close the sentence, or it governs its own content
    if after and not any(c.dep_ in SUBJECTS for c in verb.children):
        return None  # "[...],” the founder of X tells News": the teller was lost in the clause before
    ccomp = [c for c in verb.children if c.dep_ == "ccomp" and c.i < verb.i]
    if ccomp:
        return _content(_subtree(ccomp[0]))
    if verb.dep_ not in TRAILING_DEPS or verb.head.i > verb.i:
        return None
    if not any(c.dep_ in SUBJECTS for c in verb.children):
        return None  # "Russia's conditions and demands": a noun slip, not "..., officials said"
    if verb.dep_ == "ccomp" and _introduced_clause(verb):
        return None  # "asked her [how she was feeling]": the clause is what the verb before it reports
    set_off = verb.doc[own[0].i - 1].is_punct
    if verb.dep_ == "ccomp" and _is_reporting(verb.head, REPORTING_VERBS) and not set_off:
        return None  # "said [she had not decided]": not "[X said], she decided"
    tokens = list(verb.doc[sentence.start : own[0].i])
    if not any(t.pos_ in {"VERB", "AUX"} for t in tokens):
        return None
    if tokens and tokens[-1].dep_ == "cc":
        return None  # "A said X, and some complained of Y": a clause of its own, not what they complained
    return _content(tokens)


def _recipient(verb: Token, phrase: Token) -> bool:
    """ "[...], a spokesman told [The Boston Globe]", "[...], he told [her]": whom a verb of telling
    addresses, not what it reports."""
    if lemma(verb) not in RECIPIENT_VERBS or phrase.dep_ != "dobj":
        return False
    if phrase.pos_ == "PRON":
        return phrase.lower_ in PERSONAL_OBJECTS
    return phrase.pos_ == "PROPN" or phrase.ent_type_ in {"PERSON", "ORG", "NORP"}


def _introduced_clause(verb: Token) -> bool:
    """A clause opened by "that", "if", "whether" or a wh-word: a complement, never a trailing
    attribution ("[...], he feels" has none)."""
    opening = verb.left_edge
    return opening.tag_ in RELATIVE_TAGS | {"WRB"} or any(
        c.dep_ == "mark" and c.lower_ in {"that", "if", "whether"} for c in verb.children
    )


def _as_noted(verb: Token) -> tuple[int, int] | None:
    """ "As the paper reported, [the talks had stalled]", "[...], as she noted.": an aside that attributes
    the clause it hangs on; the content is that clause without the aside."""
    if verb.dep_ != "advcl" or not any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children):
        return None
    if not any(c.dep_ in SUBJECTS for c in verb.children) or any(
        c.dep_ in {"ccomp", "dobj", "xcomp"} and c.i > verb.i for c in verb.children
    ):
        return None  # "as he said it would": the aside has its own content
    aside = _subtree(verb)
    clause = [t for t in _subtree(verb.head) if not aside[0].i <= t.i <= aside[-1].i]
    if verb.i < verb.head.i:
        clause = [t for t in clause if t.i > aside[-1].i]
    else:
        clause = [t for t in clause if t.i < aside[0].i]
    return _content(clause)


def _statement_word(verb: Token) -> tuple[int, int] | None:
    """ "Half said [so]", "72 percent said [yes]", "a third said [the same of Cruz]": a word that stands
    for the statement. "said that" counts only where "that" ends the clause, not where it opens one."""
    if lemma(verb) != "say":
        return None
    for child in verb.children:
        if child.i <= verb.i or child.lower_ not in STATEMENT_WORDS or child.dep_ in {"mark", "det"}:
            continue
        after = verb.doc[child.right_edge.i + 1] if child.right_edge.i + 1 < len(verb.doc) else None
        opens_clause = child.n_lefts or child.n_rights or after is not None and not after.is_punct
        if child.lower_ == "that" and opens_clause:
            continue
        return _content(_subtree(child), minimum=1)
    return None


def _gerund_clause(verb: Token) -> tuple[int, int] | None:
    """ "He said [legalizing it could put ...]": the parser hangs the clause on its first word, a
    gerund it took for the verb's complement."""
    if any(c.dep_ in {"ccomp", "dobj"} for c in verb.children):
        return None
    for child in verb.children:
        if child.dep_ == "xcomp" and child.i == verb.i + 1 and child.tag_ == "VBG":
            if any(c.dep_ == "ccomp" for c in child.children):
                return _content(_subtree(child))
    return None


def _phrasal(verb: Token) -> bool:
    """A verb and particle that report together ("pointed out", "walked back") though neither alone does."""
    if verb.pos_ != "VERB":
        return False
    particles = PHRASAL_VERBS.get(verb.lemma_.lower(), set())
    # the parser takes "back" in "walked back the remark" for an adverb: right after the verb, it is one
    return any(
        c.lower_ in particles and (c.dep_ == "prt" or c.dep_ == "advmod" and c.i == verb.i + 1)
        for c in verb.children
    )


def _gerund_object(verb: Token) -> tuple[int, int] | None:
    """ "proposed [taxing carbon emissions]", "ruled out [cutting benefits]": a gerund right after the verb
    (or its particle) is its object, which the parser makes a clause."""
    if any(c.dep_ in {"dobj", "ccomp"} for c in verb.children):
        return None
    for child in verb.children:
        bare = child.left_edge.i == child.i  # nothing of its own before it: no subject, no "to"
        if child.dep_ == "xcomp" and child.tag_ == "VBG" and child.i > verb.i and bare:
            if child.i - verb.i > 2:
                return None  # "proposed on Monday, citing ...": a participle of the writer's
            end = _governed_end(verb, child.right_edge.i)
            return _content(list(verb.doc[child.i : end + 1]), minimum=2)
    return None


def _phrasal_object(verb: Token) -> tuple[int, int] | None:
    gerund = _gerund_object(verb)
    if gerund is not None:
        return gerund
    objects = [c for c in verb.children if c.dep_ == "dobj" and c.i > verb.i]
    if not objects or objects[0].pos_ == "PRON" and not any(objects[0].children):
        return None
    end = _governed_end(verb, objects[0].right_edge.i)
    return _content(list(verb.doc[objects[0].left_edge.i : end + 1]), minimum=1)


def _judged_clause(verb: Token) -> tuple[int, int] | None:
    """The clause of "it appears [that ...]", "it seemed [as though ...]", without its marks."""
    for child in verb.children:
        if child.i > verb.i and child.dep_ in {"ccomp", "advcl"} and child.pos_ in {"VERB", "AUX"}:
            marks = [c for c in child.children if c.dep_ == "mark" and c.i < child.i]
            if child.dep_ == "advcl" and not marks:
                continue  # "it seemed, when the polls closed, ...": not what seemed
            start = max([child.left_edge.i] + [m.i + 1 for m in marks])
            return _content(list(verb.doc[start : child.right_edge.i + 1]))
    return None


def _made_clear(doc: Doc) -> list[Reported]:
    """ "The ministry made (it) clear [that talks would resume]": a statement put as a plain fact. The
    parser hangs the clause on "made" or on "clear", as a complement or an adverbial clause."""
    found = []
    for clear in doc:
        made = _making(clear)
        if made is None:
            continue
        clauses = [
            t
            for t in (*clear.children, *made.children, clear.head)
            if t.i > clear.i and t.dep_ in {"ccomp", "advcl"} and t.pos_ in {"VERB", "AUX"}
        ]
        if not clauses:
            continue
        clause = clauses[0]
        start = max(clause.left_edge.i, clear.i + 1)  # "clear" itself may hang on the clause
        between = doc[clear.i + 1 : start]  # only "to reporters" may come between
        if any(t.dep_ not in {"prep", "pobj", "det", "advmod"} for t in between):
            continue
        span = _content(list(doc[start : clause.right_edge.i + 1]))
        if span is not None:
            found.append(Reported(*span, cue=doc[made.i : clear.i + 1], subject=_subject(made)))
    return found


def _making(clear: Token) -> Token | None:
    """The "made" of "made (it, very) clear"; "clear" may hang on the clause it introduces."""
    if clear.lower_ != "clear":
        return None
    doc = clear.doc
    made = clear.head if clear.head.lemma_ == "make" else None
    if made is None:
        made = next((t for t in doc[max(clear.i - 3, 0) : clear.i] if t.lemma_ == "make"), None)
    if made is None or made.i > clear.i:
        return None
    return made if all(t.pos_ in {"PRON", "ADV"} for t in doc[made.i + 1 : clear.i]) else None


def _seeming(doc: Doc) -> list[Reported]:
    """ "[The statistics appear to be fabricated]", "[the speaker seemed closer to an endorsement]": the
    writer's judgement, the subject with what is said of it; a person is its source only as the one
    who seems to think or do it."""
    found = []
    for verb in doc:
        if verb.pos_ not in {"VERB", "AUX"} or verb.lemma_.lower() not in SEEMING_VERBS:
            continue
        subject = next((c for c in verb.children if c.dep_ in SUBJECTS), None)
        if subject is not None and subject.lower_ == "it":
            judged = _judged_clause(verb)  # "it seems [the mayor will win]"
            if judged is not None:
                found.append(Reported(*judged, cue=verb, subject=None))
                continue
        said = [c for c in verb.children if c.dep_ in {"xcomp", "acomp", "attr", "oprd"} and c.i > verb.i]
        if subject is None or not said or _expletive(subject) or subject.lower_ == "what":
            continue  # "What seems striking is ...": what seems so comes after the verb "is"
        # "[a voter who seemed confused]": a relative subject stands for the noun, inside the clause
        span = _content(list(doc[subject.left_edge.i : said[-1].right_edge.i + 1]))
        # "[The senator seemed to concede the point]": what a person seems to think or do is theirs;
        # "[Washington appears weak]" is the writer's view of a country, not the country's
        person = _someone(subject) and subject.ent_type_ not in {"ORG", "GPE"}
        if span is not None:
            found.append(Reported(*span, cue=verb, subject=subject if person else None))
    return found


def _aside(verb: Token) -> list[Token]:
    """ ", he said, " set off by delimiters mid-sentence, even when the parser hung the rest of the
    sentence on the verb ("It was no different, he said, from other fights")."""
    doc, sentence = verb.doc, verb.sent
    subjects = [c for c in verb.children if c.dep_ in SUBJECTS and c.i < verb.i]
    if not subjects or verb.i + 1 >= sentence.end - 1:
        return []
    subject = subjects[0]
    first = subject.left_edge.i
    if first <= sentence.start or doc[first - 1].text not in DASHES or doc[verb.i + 1].text not in DASHES:
        return []  # after a closing quotation mark the aside is a direct quote's attribution
    if any(t.dep_ not in {"advmod", "aux", "neg"} for t in doc[subject.right_edge.i + 1 : verb.i]):
        return []  # only the subject, and "also" or "has", between the first delimiter and the verb
    return list(doc[first - 1 : verb.i + 2])


def _parenthetical(verb: Token, own: list[Token]) -> tuple[int, int] | None:
    """ "Replacing her, he said, would be acrimonious": an attribution set off by commas mid-sentence.

    The content is the sentence around it, given whole: a quote is one span of characters.
    """
    doc, sentence = verb.doc, verb.sent
    words = [t for t in own if not t.is_punct or t.i == verb.i]  # the subtree holds its commas
    before, after = words[0].i - 1, words[-1].i + 1
    if before <= sentence.start or after >= sentence.end - 1:
        return None
    if doc[before].text not in DELIMITERS or doc[after].text not in DELIMITERS:
        return None
    # "The files, the paper said, included memos": the parser may make the aside's verb the root
    root_aside = verb.dep_ == "ROOT" and any(c.dep_ == "ccomp" and c.i < verb.i for c in verb.children)
    if verb.dep_ not in TRAILING_DEPS and not root_aside:
        return None
    if not any(c.dep_ in SUBJECTS for c in verb.children):
        return None
    if any(c.dep_ in {"ccomp", "dobj", "xcomp"} and c.i > verb.i for c in verb.children):
        return None
    outside = list(doc[sentence.start : before]) + list(doc[after + 1 : sentence.end])
    if not any(t.pos_ in {"VERB", "AUX"} for t in outside):
        return None
    if any(_is_reporting(a, REPORTING_VERBS) and _subject(a) is not None for a in verb.head.ancestors):
        # "Kim said the plan failed - no surprise, she added, given ...": inside another statement,
        # the aside's words are the phrase it interrupts, not the sentence with the outer speaker's cue
        return _content(_subtree(verb.head))
    return _content(list(sentence))


def _infinitive(verb: Token) -> tuple[int, int] | None:
    word = lemma(verb)
    if word in INFINITIVE_VERBS:
        for child in verb.children:
            # "vowed [to press on]"; "wants [voters to know ...]" parses as a clause with its own subject
            if child.dep_ in {"xcomp", "ccomp"} and child.i > verb.i and any(
                c.lower_ == "to" and c.dep_ == "aux" for c in child.children
            ):
                # "called on [Congress to act]": who is called on goes with what they are to do
                objects = [
                    c
                    for c in verb.children
                    if c.i < child.i and (c.dep_ == "dobj" or c.dep_ == "prep" and c.lower_ in {"on", "upon"})
                ]
                start = objects[0].left_edge.i if objects else child.left_edge.i
                if objects and objects[0].dep_ == "prep":
                    start = objects[0].i + 1
                # "[the council is expected to vote in May]": of whom it is expected goes with it
                asked = [c for c in verb.children if c.dep_ == "nsubjpass" and c.i < verb.i]
                if asked and asked[0].pos_ not in {"PRON", "DET"} and asked[0].tag_ not in RELATIVE_TAGS:
                    start = asked[0].left_edge.i
                # "vowed [to act unless ...]": the phrases after the infinitive still belong to it
                last = _governed_end(verb, child.right_edge.i)
                return _content(list(verb.doc[start : last + 1]))
    prepositions = PREPOSITION_VERBS.get(word)
    if prepositions:
        for child in verb.children:
            if child.dep_ == "prep" and child.lower_ in prepositions and child.i > verb.i:
                pobjs = [c for c in child.children if c.dep_ == "pobj"]
                if any(c.ent_type_ in NOT_CONTENT_ENTITIES for c in pobjs):
                    continue  # "spoke on Monday", "spoke in Ohio": when or where, not what
                if child.lower_ == "on" and any(c.lemma_.lower() in CIRCUMSTANCE_NOUNS for c in pobjs):
                    continue  # "spoke on condition of anonymity", "on his behalf", "on the radio"
                objects = [c for c in verb.children if c.dep_ == "dobj" and c.i < child.i]
                start = objects[0].left_edge.i if objects else child.i + 1
                end = _governed_end(verb, child.right_edge.i)
                return _content(list(verb.doc[start : end + 1]), minimum=1)
        for child in verb.children:  # "called for [the US to step up]": the parser makes "for" a mark
            marks = [c for c in child.children if c.dep_ == "mark" and c.lower_ in prepositions]
            if child.dep_ in {"advcl", "ccomp"} and marks and _right_after(verb, marks[0]):
                return _content(list(verb.doc[marks[0].i + 1 : child.right_edge.i + 1]))
    return None


def _right_after(verb: Token, word: Token) -> bool:
    """The word follows the verb, with at most a day or time between ("called Wednesday for ...")."""
    between = verb.doc[verb.i + 1 : word.i]
    return all(t.ent_type_ in {"DATE", "TIME"} and not t.is_punct for t in between)


def _object(verb: Token) -> tuple[int, int] | None:
    """ "endorsed [Trump]", "criticized [the plan for its cost]": a stand taken on what is named; "said
    [the same thing]", "says [racist things]": what was said, named by a noun."""
    if verb.lemma_.lower() not in NOUN_OBJECT_VERBS | {"say"}:
        return None
    gerund = _gerund_object(verb)
    if gerund is not None:
        return gerund
    objects = [c for c in verb.children if c.dep_ == "dobj" and c.i > verb.i]
    bare = objects and objects[0].pos_ == "PRON" and not any(objects[0].children)
    if not objects or bare and objects[0].lower_ not in PERSONAL_OBJECTS:
        return None  # "denied it": what "it" is lies elsewhere; "praised him" names whom, "any of X" what
    if lemma(verb) == "say" and objects[0].pos_ not in {"NOUN", "PROPN"}:
        return None  # "said him", "said this": whom or what a pronoun stands for lies elsewhere
    end = _governed_end(verb, objects[0].right_edge.i)
    return _content(list(verb.doc[objects[0].left_edge.i : end + 1]), minimum=1)


def _relative_gap(verb: Token) -> tuple[int, int] | None:
    """ "[a budget that residents oppose]", "[the figures the senator points to]": a relative clause with
    a subject of its own and no object after its verb leaves the object out; what the verb names is the
    noun the clause hangs on, given with the clause (the corpus marks the noun or the relative pronoun)."""
    if verb.dep_ != "relcl" or verb.pos_ != "VERB":
        return None
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None or subject.tag_ in RELATIVE_TAGS or subject.lower_ == "that":
        return None  # "who opposes the budget": the relative pronoun is the subject, not what is opposed
    if any(c.dep_ in {"dobj", "ccomp", "xcomp", "dative", "oprd"} and c.i > verb.i for c in verb.children):
        return None  # the verb names its own object
    if not _leaves_object_out(verb):
        return None
    noun = verb.head
    if noun.ent_type_ in {"DATE", "TIME"} or noun.lemma_.lower() in CIRCUMSTANTIAL_HEADS:
        return None  # "the day she endorsed", "the way he described"
    end = noun.right_edge.i
    if noun.dep_ == "nsubj" and noun.head.lemma_ == "be":  # "[The only regret he voiced was X]"
        end = noun.head.right_edge.i
    return _content(list(verb.doc[noun.left_edge.i : end + 1]), minimum=1)


def _leaves_object_out(verb: Token) -> bool:
    """A verb that names what it reports, with the object missing: "[X] they oppose", or its preposition
    left at the end ("[X] he points to")."""
    word = lemma(verb)
    if word in UNSTATED_OBJECT_VERBS:
        return False
    if word == "say":
        return True  # "[the things] he has said about them": what was said
    stranded = [c for c in verb.children if c.dep_ == "prep" and c.i > verb.i and not any(c.children)]
    if stranded:
        return stranded[0].lower_ in PREPOSITION_VERBS.get(word, set())
    return word in NOUN_OBJECT_VERBS


def _when(phrase: Token) -> bool:
    """ "on Tuesday", "last week": when it was said, not what."""
    if phrase.dep_ in {"npadvmod", "tmod"}:
        return True
    objects = [c for c in phrase.children if c.dep_ == "pobj"] if phrase.dep_ == "prep" else []
    return any(o.ent_type_ in {"DATE", "TIME"} for o in objects)


def _governed_end(verb: Token, end: int) -> int:
    """Where what the verb governs ends: past its object, over the phrases that still belong to the
    statement ("charged [the mayor with misusing city funds]", "described [the dinner as ...]"),
    up to a new clause, a coordinated verb or a comma."""
    for child in sorted(verb.children, key=lambda c: c.i):
        if child.i <= end:
            continue
        if _when(child) and not _set_off(child):
            continue  # "blasted X on Monday [over his stance]": the date sits inside, what follows counts
        if _bare_conjunct(verb, child):
            end = max(end, _own_clause_end(child))
            continue
        listed = (_goes_on(verb, c) and c.left_edge.i == child.i + 1 for c in verb.children)
        if child.text == "," and any(listed):
            continue  # "pledged to cut taxes[, fix the roads] and ...": a list of what was pledged
        if _joins_bare_conjunct(verb, child):
            continue  # "said she hoped to win[, and] then would run again": the statement goes on
        if _second_object(verb, child, end):
            end = max(end, child.right_edge.i)
            continue
        if _examples(child) or _verb_list(child):
            end = max(end, child.right_edge.i)
            continue
        if _another_speaker(child):  # "half said A, and a third said B": B is a statement of its own
            break
        if child.dep_ in STATEMENT_END_DEPS or _set_off(child):
            break
        end = max(end, child.right_edge.i)
    return _past_aside(verb.doc, _question_joined(verb.doc, end))


def _past_aside(doc: Doc, end: int) -> int:
    """ "pledged to ban all Muslims [— 1.6 billion members of a religion —] from entering the U.S.":
    the parser hangs an aside between dashes (or commas), and what follows it, on a noun further
    up; the statement goes on over both. Only a noun phrase between the marks, and a phrase after."""
    if end + 3 >= len(doc):
        return end
    opening = doc[end + 1].text
    marks = ASIDE_DASHES if opening in ASIDE_DASHES else {","} if opening == "," else None
    if marks is None:
        return end
    sentence_end = doc[end].sent.end
    window = doc[end + 2 : min(sentence_end, end + 2 + ASIDE_MAX_TOKENS)]
    closing = next((t for t in window if t.text in marks), None)
    if closing is None or closing.i + 1 >= sentence_end:
        return end
    aside = doc[end + 2 : closing.i]
    after = doc[closing.i + 1]
    if not any(t.pos_ in {"NOUN", "PROPN"} for t in aside) or any(t.pos_ in {"VERB", "AUX"} for t in aside):
        return end
    if after.dep_ not in {"prep", "advmod", "dobj", "pobj", "conj"} or after.right_edge.i >= sentence_end:
        return end
    return after.right_edge.i


def _second_object(verb: Token, child: Token, end: int) -> bool:
    """ "will discuss his new book[, and Hillary Clinton's campaign]": the parser hangs the second of
    two coordinated objects on the verb, as if it were a second verb. A noun with no subject of its
    own, after "and" / "or" right behind what the verb governs so far, is more of what was named
    (the "and" is its way in)."""
    doc = verb.doc
    if child.dep_ == "cc":
        conjuncts = (c for c in verb.children if c.dep_ == "conj")
        return child.i == end + 1 and any(_second_object(verb, c, end) for c in conjuncts)
    if child.dep_ != "conj" or child.pos_ not in {"NOUN", "PROPN"}:
        return False
    if any(c.dep_ in SUBJECTS for c in child.children) or child.left_edge.i < 1:
        return False
    joined = doc[child.left_edge.i - 1]
    # the "and" right after the object, or already taken in (``end`` then stands on it)
    return joined.dep_ == "cc" and joined.head.i == verb.i and joined.i in (end, end + 1)


def _question_joined(doc: Doc, end: int) -> int:
    """ "talk about housing [and how it is changing the city]": a question coordinated with what was
    said is said too, though the parser hangs it on a verb further up."""
    if end + 2 >= len(doc) or doc[end + 1].lower_ not in {"and", "or"}:
        return end
    question = doc[end + 2]
    clause = question.head
    if question.lower_ not in QUESTION_WORDS or clause.i <= end + 2 or clause.pos_ not in {"VERB", "AUX"}:
        return end
    return _own_clause_end(clause)


def _goes_on(verb: Token, child: Token) -> bool:
    """A phrase after a comma that still belongs to what the verb governs: the next item of a list
    ("pledged to cut taxes, [fix the roads] and ..."), or examples."""
    return _bare_conjunct(verb, child) or _examples(child) or _verb_list(child)


def _verb_list(phrase: Token) -> bool:
    """ "by cutting fees, [freezing rents and changing the code]", "pledged to cut fees, [freeze rents
    and change the code]": the parser hangs the later items of a list of gerunds or bare verbs on
    the verb; one that goes on with "and" + a verb of its form still lists."""
    return (
        phrase.tag_ in {"VBG", "VB"}
        and phrase.dep_ in {"advcl", "conj", "xcomp"}
        and not _speech_act(phrase)
        and not any(c.dep_ in SUBJECTS for c in phrase.children)
        and any(c.dep_ == "cc" for c in phrase.children)
        and any(c.dep_ == "conj" and c.tag_ == phrase.tag_ for c in phrase.children)
    )


def _examples(phrase: Token) -> bool:
    """ "the influence of donors, [including the one backing his rival]": examples of what went before;
    "showed Smith ahead, [followed by Jones at 17 percent]": the rest of a ranking."""
    if phrase.lower_ == "followed" and any(c.dep_ == "agent" for c in phrase.children):
        return True
    return phrase.dep_ == "prep" and phrase.lower_ in EXAMPLE_PREPOSITIONS


def _set_off(phrase: Token) -> bool:
    """A phrase after a punctuation mark, which is not the hyphen inside a word ("re-election" splits
    into three tokens that the parser may hang on the verb one by one)."""
    doc = phrase.doc
    before = doc[phrase.left_edge.i - 1]
    if not before.is_punct:
        return False
    return not (before.text == "-" and not before.whitespace_ and not doc[before.i - 1].whitespace_)


def _joins_bare_conjunct(verb: Token, child: Token) -> bool:
    """A comma and "and", or "and" alone, before a bare conjunct of the verb (see ``_bare_conjunct``)."""
    doc = verb.doc
    comma_and = child.text == "," and child.i + 1 < len(doc) and doc[child.i + 1].dep_ == "cc"
    gap = 1 if child.dep_ == "cc" else 2 if comma_and else 0
    if not gap:
        return False
    return any(_bare_conjunct(verb, c) and c.left_edge.i == child.i + gap for c in verb.children)


def _own_clause_end(verb: Token) -> int:
    """Where a verb's own words end: before a clause coordinated to it with a subject of its own
    ("fix the roads [and he promised ...]")."""
    end = verb.i
    for child in sorted(verb.children, key=lambda c: c.i):
        if child.i > verb.i and child.dep_ == "conj" and _own_subject(child):
            break
        end = max(end, child.right_edge.i)
    return end


def _another_speaker(clause: Token) -> bool:
    """A speech verb with a subject of its own, set beside the statement as a second complement (a
    coordinated one already ends the statement)."""
    return (
        clause.dep_ == "ccomp"
        and _speech_act(clause)
        and any(c.dep_ in SUBJECTS for c in clause.children)
    )


def _bare_conjunct(verb: Token, child: Token) -> bool:
    """ "touted plans to invest in roads, [expand benefits and cut fees]": a bare verb coordinated with a
    finite reporting verb cannot be a second report by the same subject; it goes on the content."""
    return (
        child.dep_ == "conj"
        and child.tag_ == "VB"
        and verb.tag_ in {"VBD", "VBZ", "VBP", "VBG"}
        and not any(c.dep_ in SUBJECTS for c in child.children)
    )


def _passive(verb: Token) -> tuple[int, int] | None:
    """ "The meeting was first reported by the Kyiv Post", "The mayor was criticized by ...": the
    passive subject is what the agent reported, praised or attacked."""
    if lemma(verb) not in PASSIVE_VERBS:
        return None
    subjects = [c for c in verb.children if c.dep_ == "nsubjpass" and c.i < verb.i]
    said_as = any(c.dep_ == "prep" and c.lower_ == "as" for c in verb.children)
    # with no agent, only "was condemned [as X]" says what was said of the subject
    if not subjects or not (said_as or any(c.dep_ == "agent" for c in verb.children)):
        return None
    if any(_is_reporting(g, CLAUSE_VERBS) for c in verb.children if c.lower_ == "as" for g in c.children):
        return None  # "the governor was quoted as saying ...": the subject speaks, it is not what was said
    if subjects[0].pos_ == "PRON" and subjects[0].lower_ in NOT_CONTENT_PRONOUNS:
        return None  # "it was reported by": what "it" is lies elsewhere; "he was backed by" is about him
    end = subjects[0].right_edge.i
    complements = [c for c in verb.children if c.dep_ == "prep" and c.lower_ in OBJECT_PREPOSITIONS | {"as"}]
    tokens = list(verb.doc[subjects[0].left_edge.i : end + 1])
    if complements:  # "Trump and Cruz are seen by voters as ...": the subject and what it is seen as
        tokens = list(verb.doc[subjects[0].left_edge.i : max(c.right_edge.i for c in complements) + 1])
    return _content(tokens, minimum=1)


def _participle_with_agent(verb: Token) -> tuple[int, int] | None:
    """ "[the plan proposed by the council]", "[a measure praised by unions]": a participle with its agent
    after a noun says who proposed or praised what the noun names, as a passive clause would."""
    if verb.dep_ != "acl" or verb.tag_ != "VBN" or lemma(verb) not in PASSIVE_VERBS - UNSTATED_OBJECT_VERBS:
        return None  # "the memo seen by Reuters", "a letter written by her aide": no stand on it
    agents = [c for c in verb.children if c.dep_ == "agent" and any(o.dep_ == "pobj" for o in c.children)]
    noun = verb.head
    if not agents or noun.pos_ not in {"NOUN", "PROPN"} or noun.i > verb.i:
        return None
    return _content(list(verb.doc[noun.left_edge.i : noun.right_edge.i + 1]), minimum=1)


def _known_as(verb: Token) -> tuple[int, int] | None:
    """ "[the contests known as Super Tuesday]", "[the senator is known as a dealmaker]": a name or a
    reputation given to something, by nobody in particular; what is named with what it is known as."""
    if lemma(verb) not in KNOWN_AS_VERBS or verb.tag_ != "VBN":
        return None
    named_as = [c for c in verb.children if c.dep_ == "prep" and c.lower_ == "as" and c.i > verb.i]
    if not named_as:
        return None
    if verb.dep_ == "acl" and verb.head.pos_ in {"NOUN", "PROPN", "PRON"} and verb.head.i < verb.i:
        start = verb.head.left_edge.i
    else:
        subjects = [c for c in verb.children if c.dep_ == "nsubjpass" and c.i < verb.i]
        if not subjects or subjects[0].lower_ in NOT_CONTENT_PRONOUNS:
            return None
        start = subjects[0].left_edge.i
    return _content(list(verb.doc[start : named_as[0].right_edge.i + 1]), minimum=2)


def _naming(verb: Token) -> tuple[int, int] | None:
    """ "called [the truce “a first step”]", "calling [the envoy a liar]", "sees [X as Y]": what
    is named and what it is called, however the parser splits the two (object, predicate, clause)."""
    if lemma(verb) not in NAMING_VERBS:
        return None
    parts = [
        c
        for c in verb.children
        if c.i > verb.i
        and (
            c.dep_ in {"dobj", "oprd", "xcomp", "ccomp", "attr"}
            or (c.dep_ == "prep" and c.lower_ == "as")
            or (c.dep_ == "advmod" and c.lower_ in JUDGING_ADVERBS)  # "view [him favorably]"
        )
    ]
    clause = len(parts) == 1 and parts[0].dep_ in {"ccomp", "xcomp"} and parts[0].left_edge.i < parts[0].i
    if len(parts) < 2 and not clause:  # "considers [himself an immigrant]" parses as one clause
        return None
    start = min(c.left_edge.i for c in parts)
    end = _governed_end(verb, max(c.right_edge.i for c in parts))
    return _content(list(verb.doc[start : end + 1]), minimum=2)


def _after_colon(verb: Token, paragraphs: list[tuple[int, int]]) -> tuple[int, int] | None:
    """ "Cruz continued: the questions ..." — speech after a colon, without quotation marks."""
    doc = verb.doc
    following = verb.i + 1
    while following < len(doc) and following - verb.i <= 3 and doc[following].text != ":":
        if doc[following].is_punct or doc[following].pos_ == "VERB":
            return None
        following += 1  # "said in a statement:" is beyond this rule; "added later:" is not
    if following >= len(doc) or doc[following].text != ":":
        return None
    start = doc[following].idx + 1
    paragraph = next(((s, e) for s, e in paragraphs if s <= start < e), None)
    if paragraph is None:
        return None
    rest = doc.char_span(start, paragraph[1], alignment_mode="contract")
    if rest is None or not len(rest):
        return None
    if all(t.is_punct or t.like_num or t.ent_type_ in {"DATE", "TIME"} for t in rest):
        return None  # "Posted on: 3:35 pm, December 23, 2012": a page's date line
    return _content(list(rest))


def _according_to(doc: Doc) -> list[Reported]:
    found = []
    for token in doc:
        if not _according(token):
            continue
        objects = [c for c in doc[token.i + 1].children if c.dep_ == "pobj"]
        if not objects:
            continue
        sentence = token.sent
        phrase_end = max(token.i + 1, objects[0].right_edge.i) + 1
        before = list(doc[sentence.start : token.i])
        after = list(doc[phrase_end : sentence.end])
        tokens = after if len(after) >= len(before) else before
        content = _content(tokens)
        if content:
            found.append(Reported(*content, cue=doc[token.i : token.i + 2], subject=objects[0]))
    return found


def _stances(doc: Doc) -> list[Reported]:
    """ "Ministers have been critical of [the fuel tax]", "He is confident [that he will win]"."""
    found = []
    for token in doc:
        if token.pos_ != "ADJ" or token.dep_ != "acomp":
            continue
        subject = _own_speaker(token.head)
        if subject is None or _expletive(subject) or subject.lower_ in {"it", "this", "that"}:
            continue
        # an adjective outside the list still takes a stand when someone is it about something:
        # "Fiorina was upfront about [her distaste]", "they were outspoken on [trade]"
        listed = token.lower_ in STANCE_ADJECTIVES
        if not listed and not _someone(subject):
            continue
        prepositions = STANCE_PREPOSITIONS if listed else OPINION_PREPOSITIONS
        content = None
        for child in token.children:
            if child.i < token.i:
                continue
            if not listed and child.dep_ != "prep":
                continue
            if child.dep_ == "prep" and child.lower_ in prepositions:
                content = _content(list(doc[child.i + 1 : child.right_edge.i + 1]), minimum=1)
            elif child.dep_ in {"ccomp", "xcomp"}:
                content = _content(_subtree(child))
            if content:
                break
        if content:
            found.append(Reported(*content, cue=token, subject=subject))
    return found


def _nominal(doc: Doc) -> list[Reported]:
    """ "Trump's claim [that ...]", "took a swipe at [Bush]", "her call for [a ban]": a noun that says who
    holds what; kept only where the text names the holder (a possessive, or the light verb's subject)."""
    found = []
    for token in doc:
        word = token.lemma_.lower()
        if token.pos_ != "NOUN" or word not in CUE_NOUNS or token.tag_ not in {"NN", "NNS"}:
            continue
        holder: Token | Span | None = next(
            (c for c in token.children if c.dep_ == "poss" and c.lower_ != "its"), None
        )
        head = token.head
        light = token.dep_ == "dobj" and head.lemma_.lower() in LIGHT_VERBS  # "took swipes at"
        copula = _what_it_is(token) if token.tag_ == "NN" else None
        if copula is not None:  # "One view is [that ...]", "His argument was [that ...]"
            found.append(Reported(*copula, cue=token, subject=holder))
            continue
        # a plural needs its holder named: "his attacks on", not "attacks on the city"
        nominal = word in NOMINAL_CUES and (token.tag_ == "NN" or light or holder is not None)
        if not (nominal or word in LIGHT_VERB_CUES and light):
            if word in NOMINAL_CUES:
                found.extend(_unheld(token))  # "fears that [...]"
            continue
        if holder is None and light:
            holder = _subject(head)
        if not isinstance(holder, Token) or holder.pos_ not in {"PROPN", "PRON", "NOUN"}:
            found.extend(_unheld(token))  # "the claim that [...]": a statement, though nobody is named
            continue
        if holder.lower_ in {"it", "that"}:
            continue
        content = None
        children = [c for c in token.children if c.i > token.i]
        if light:  # "took a swipe | at Bush": the parser hangs the phrase on the verb
            children += [c for c in head.children if c.dep_ == "prep" and c.i == token.right_edge.i + 1]
        for child in children:
            if child.dep_ in {"acl", "ccomp", "relcl"} and any(
                c.dep_ == "mark" and c.lower_ == "that" for c in child.children
            ):
                content = _content(_subtree(child))  # "the claim that ...", not "the claim that he made"
            elif child.dep_ in {"acl", "xcomp"} and any(
                c.dep_ == "aux" and c.lower_ == "to" for c in child.children
            ):
                content = _content(_subtree(child))  # "his promise to cut taxes"
            elif child.dep_ == "prep" and child.lower_ in NOUN_PREPOSITIONS:
                if child.lower_ == "to" and word in ADDRESSED_NOUNS:
                    continue  # "his pitch to older voters": whom it was made to
                if child.lower_ == "of" and token.lemma_.lower() in {"support", "opposition", "endorsement"}:
                    continue  # "the support of women" names who supports
                if any(c.ent_type_ in {"DATE", "TIME"} for c in child.children if c.dep_ == "pobj"):
                    continue  # "released a statement on Monday": when, not what
                content = _content(list(doc[child.i + 1 : child.right_edge.i + 1]), minimum=1)
            if content:
                break
        if content:
            found.append(Reported(*content, cue=token, subject=holder))
    return found


def _unheld(noun: Token) -> list[Reported]:
    """A cue noun with no holder named, as an attribution: what it holds, voiced by whoever voices it."""
    clause = _noun_complement(noun)
    return [] if clause is None else [Reported(*clause, cue=noun, subject=_voiced_by(noun))]


def _noun_complement(noun: Token) -> tuple[int, int] | None:
    """What a cue noun holds, where nobody is named as its holder: a that-clause ("fears [that costs will
    rise]"), an infinitive ("plans [to spend more]") or what it is for, about or against ("questions
    [about his health]"). Not a relative clause ("the claim that he made"), which has a gap; not a court's
    "case", nor backing, which unnamed is a tally ("support for the bill", "enough support to pass"); nor
    a claim the sentence is about ("The claim that X drew scorn")."""
    if noun.lemma_.lower() in BACKING_NOUNS | {"case"} or noun.dep_ in SUBJECTS:
        return None
    for child in noun.children:
        if child.i < noun.i:
            continue
        if child.dep_ == "prep" and child.lower_ in UNHELD_PREPOSITIONS and _has_object(child):
            return _content(list(noun.doc[child.i + 1 : child.right_edge.i + 1]), minimum=1)
        if child.dep_ not in {"acl", "ccomp", "relcl"}:
            continue
        marked = any(c.dep_ == "mark" and c.lower_ == "that" for c in child.children)
        infinitive = child.dep_ == "acl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in child.children)
        if marked and _own_subject(child) or infinitive:
            return _content(_subtree(child))
    return None


def _voiced_by(noun: Token) -> Token | None:
    """Who voiced a cue noun that names no holder: someone who is the subject of the verb it is the object
    of ("the mayor repeated accusations that ...", "stirred anger with an assertion that ...")."""
    verb = noun.head
    if noun.dep_ == "pobj" and verb.dep_ == "prep":
        verb = verb.head
    elif noun.dep_ != "dobj":
        return None
    if verb.pos_ != "VERB":
        return None
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    return subject if subject is not None and _someone(subject) else None


def _has_object(preposition: Token) -> bool:
    return any(c.dep_ == "pobj" for c in preposition.children)


def _backing_won(doc: Doc) -> list[Reported]:
    """ "[The mayor] has the support of the unions", "[She] drew support from older voters": the backers
    are named after the noun, and what they back is the subject of the verb that holds it."""
    found = []
    for noun in doc:
        if noun.lemma_.lower() not in BACKING_NOUNS or noun.dep_ != "dobj" or noun.pos_ != "NOUN":
            continue
        verb = noun.head
        if verb.lemma_.lower() not in WINNING_VERBS:
            continue
        prepositions = [c for c in noun.children if c.dep_ == "prep" and c.lower_ in {"of", "from", "among"}]
        prepositions += [c for c in verb.children if c.dep_ == "prep" and c.lower_ in {"from", "among"}]
        backers = [o for p in prepositions for o in p.children if o.dep_ == "pobj"]
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if not backers or subject is None or subject.tag_ in RELATIVE_TAGS or _expletive(subject):
            continue
        content = _content(_subtree(subject), minimum=1)
        if content:
            found.append(Reported(*content, cue=noun, subject=backers[0]))
    return found


def _blame_met(doc: Doc) -> list[Reported]:
    """ "[The plan] drew sharp criticism from unions", "[She] came under fire": what was criticised
    is the subject of the verb that meets the blame, and the critics follow "from" when named."""
    found = []
    for noun in doc:
        if noun.lemma_.lower() not in BLAME_NOUNS or noun.pos_ != "NOUN":
            continue
        verb = noun.head
        if noun.dep_ == "pobj" and verb.lower_ == "under":
            verb = verb.head
        elif noun.dep_ != "dobj":
            continue
        if verb.lemma_.lower() not in MEETING_VERBS or verb.pos_ != "VERB":
            continue
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subject is None or _expletive(subject) or subject.left_edge.tag_ in RELATIVE_TAGS:
            continue  # "whose conduct came under scrutiny": what it was lies outside the clause
        sources = [c for c in (*noun.children, *verb.children) if c.dep_ == "prep" and c.lower_ == "from"]
        critics = [o for p in sources for o in p.children if o.dep_ == "pobj"]
        content = _content(_subtree(subject), minimum=1)
        if content:
            found.append(Reported(*content, cue=noun, subject=critics[0] if critics else None))
    return found


def _in_support_of(doc: Doc) -> list[Reported]:
    """ "The union came out [in support of the levy]", "voted in favor of [joining]": the phrase says
    what the subject of its verb stands for or against."""
    found = []
    for noun in doc:
        linking = STAND_PHRASES.get(noun.lower_)
        if linking is None or noun.dep_ != "pobj" or noun.head.lower_ != "in" or noun.head.dep_ != "prep":
            continue
        if any(c.dep_ in {"det", "poss", "amod"} for c in noun.children):
            continue  # "in the support of", "in his defense": not the fixed phrase
        link = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ == linking), None)
        target = next((c for c in link.children if c.dep_ in {"pobj", "pcomp"}), None) if link else None
        verb = noun.head.head
        if target is None or verb.pos_ not in {"VERB", "AUX"}:
            continue
        content = _content(list(doc[target.left_edge.i : target.right_edge.i + 1]), minimum=1)
        if content:
            found.append(Reported(*content, cue=noun, subject=_subject(verb)))
    return found


def _what_it_is(noun: Token) -> tuple[int, int] | None:
    """The clause a cue noun is said to be: "The idea is [that donors can still give]"."""
    verb = noun.head
    if noun.dep_ != "nsubj" or verb.lemma_ != "be" or verb.i < noun.i:
        return None
    for child in verb.children:
        if child.dep_ in {"ccomp", "attr"} and child.i > verb.i and (
            child.dep_ == "ccomp" or any(c.dep_ == "mark" for c in child.children)
        ):
            return _content(_subtree(child))
    after = verb.i + 1
    if after < len(verb.doc) and verb.doc[after].text == ":":  # "The message was: [...]"
        return _content(list(verb.doc[after + 1 : verb.sent.end]))
    return None


def _in_a_source(doc: Doc) -> list[Reported]:
    """ "In a CNN poll released Monday, [Clinton led by 5 points]": a finding given with its source.

    Only where no reporting verb governs the clause (that one would carry the attribution).
    """
    found = []
    for token in doc:
        if token.lower_ != "in" or token.dep_ != "prep" or token.head.pos_ not in {"VERB", "AUX"}:
            continue
        head = token.head
        objects = [  # "in a statement", "in his speech": one document, not "in polls" or "in recent speeches"
            c
            for c in token.children
            if c.dep_ == "pobj" and c.lemma_.lower() in SOURCE_NOUNS and c.tag_ == "NN"
            and any(d.dep_ in {"det", "poss"} for d in c.children)
        ]
        if not objects or _is_reporting(head, REPORTING_VERBS):
            continue
        phrase = set(range(token.left_edge.i, token.right_edge.i + 1))
        clause = [t for t in _subtree(head) if t.i not in phrase]
        if token.i < head.i:  # the phrase opens the clause: the content is what follows it
            clause = [t for t in clause if t.i > token.right_edge.i]
        if any(_is_reporting(t, REPORTING_VERBS) for t in clause if t.i > token.i):
            continue  # "wrote in an email, saying that ...": the verb after it carries the attribution
        content = _content(clause)
        if content:
            found.append(Reported(*content, cue=token, subject=objects[0]))
    return found


def _colon(doc: Doc, paragraphs: list[tuple[int, int]]) -> list[Reported]:
    """ "Peskov: the talks will go on." — a name, then a colon, opening a paragraph."""
    found = []
    labels = []
    for n, (start, end) in enumerate(paragraphs):
        label = paragraph_label(doc, start, end, headline=n == 0)
        if label is None:
            continue
        name, colon, long_label = label
        if long_label:  # "Former minister Lavrov in Riyadh: talks must go on"
            found += _after_label(doc, name, colon, end)
        else:
            labels.append((name, colon, end))
    # capital labels opening several paragraphs are a transcript's speakers ("WALLACE:", "TRUMP:"),
    # where a single one is a dateline ("MOSCOW:")
    capitals = Counter(name.text for name, _, _ in labels if name.text.isupper())
    transcript = sum(capitals.values()) > 1
    for name, colon, end in labels:
        if names_a_speaker(name, transcript):
            found += _after_label(doc, name, colon, end)
    return found


def paragraph_label(doc: Doc, start: int, end: int, headline: bool) -> tuple[Span, Token, bool] | None:
    """The words before a colon opening the paragraph at ``start``: a short label ("Peskov", "WALLACE"),
    still to be judged by ``names_a_speaker``, or in a headline the person or body a longer label names
    ("Former minister Lavrov in Riyadh"), with True for the latter."""
    first = doc.char_span(start, min(end, start + 80), alignment_mode="contract")
    colon = next((t for t in first if t.text == ":"), None) if first is not None else None
    if first is None or colon is None:
        return None
    if colon.i - first.start <= 4:
        return doc[first.start : colon.i], colon, False
    speaker = _headline_speaker(doc[first.start : colon.i]) if headline else None
    return (speaker, colon, True) if speaker is not None else None


def _after_label(doc: Doc, name: Span, colon: Token, end: int) -> list[Reported]:
    rest = doc.char_span(colon.idx + 1, end, alignment_mode="contract")
    content = _content(list(rest)) if rest is not None else None
    return [Reported(*content, cue=colon, subject=name)] if content else []


def _headline_speaker(label: Span) -> Span | None:
    """The person or organisation of a headline's longer label before its colon ("Former minister
    Lavrov in Riyadh: ...", "Zelensky To Voters Worried About The Truce: ..."): the first one it names."""
    if len(label) > 10:
        return None
    return next((e for e in label.ents if e.label_ in {"PERSON", "ORG"}), None)


def names_a_speaker(name: Span, repeated: bool = False) -> bool:
    """ "Lavrov", "Clinton camp", "Poll" before a colon; not "Update" or "Editor's note"."""
    if not len(name):
        return False
    named = bool(name.ents) and name.ents[-1].end == name.end and name.ents[-1].label_ in {"PERSON", "ORG"}
    if name[-1].pos_ not in {"PROPN", "NOUN"} and not named:  # the tagger may call a lone name an adjective
        return False
    if any(t.lower_ in NOT_SPEAKERS for t in name) or any(t.like_num or t.is_punct for t in name):
        return False
    if name.text.isupper() and len(name.text) > 3 and not repeated:
        return False  # "MOSCOW:" is a dateline, not Moscow speaking
    return not name.ents or name.ents[-1].label_ in {"PERSON", "ORG", "NORP", "GPE"}


def _quoted_share(start: int, end: int, quoted: list[tuple[int, int]], text: str) -> float:
    covered = sum(max(0, min(end, e) - max(start, s)) for s, e in quoted)
    letters = sum(1 for c in text[start:end] if not c.isspace())
    return covered / letters if letters else 1.0


def find_reported(
    doc: Doc, text: str, quoted: list[tuple[int, int]], paragraphs: list[tuple[int, int]]
) -> list[Reported]:
    """Reported statements of one parsed article; ``quoted`` holds the spans inside quotation marks."""
    found: list[Reported] = []
    tags = [(m.start(), m.end()) for m in TAG.finditer(text)]
    for token in doc:
        if tags and any(s <= token.idx < e for s, e in tags):
            continue  # '<tweet author="...">': an embed's markup, not a verb
        if _phrasal(token) and not any(s <= token.idx < e for s, e in quoted):
            span = _as_noted(token) or _clause_after(token) or _clause_before(token) or _phrasal_object(token)
            if span is not None:
                found.append(Reported(*span, cue=token, subject=_subject(token)))
                continue  # else as the verb alone: "spoke out [about ...]"
        if not _is_reporting(token, REPORTING_VERBS):
            if _stance_clause(token) and not any(s <= token.idx < e for s, e in quoted):
                span = _clause_after(token)
                if span is not None:
                    found.append(Reported(*span, cue=token, subject=_subject(token)))
            continue
        if any(s <= token.idx < e for s, e in quoted):
            continue  # a verb inside a quotation is the quoted speaker's, not an attribution
        if _imperative(token):
            continue  # "See the full results below": the writer addressing the reader
        if _modifier(token):
            continue  # "271 pledged delegates": a participle describing a noun, not a report
        span = None
        if lemma(token) in CLAUSE_VERBS:
            span = _as_noted(token) or _clause_after(token) or _gerund_clause(token) or _clause_before(token)
            span = span or _statement_word(token)
        span = span or _infinitive(token) or _naming(token) or _after_colon(token, paragraphs)
        span = span or _object(token) or _relative_gap(token)
        named = True
        if span is None:
            span = _passive(token) or _participle_with_agent(token) or _known_as(token)
            # "the plan was condemned as ...": without an agent the sentence does not say by whom
            named = any(c.dep_ == "agent" for c in token.children)
        if span is not None:
            found.append(Reported(*span, cue=token, subject=_subject(token) if named else None))
    found += _according_to(doc) + _colon(doc, paragraphs) + _in_a_source(doc)
    found += _backing_won(doc) + _blame_met(doc) + _in_support_of(doc)
    held = _stances(doc) + _nominal(doc) + _seeming(doc) + _made_clear(doc)
    found += [r for r in held if not any(s <= _cue_start(r) < e for s, e in quoted)]
    # a clause that is all quotation is the direct quote itself; one with some words of the writer's
    # around a quoted phrase ("the businessman “can’t win”") is reported speech holding a mixed quote
    kept = [r for r in found if _quoted_share(r.start, r.end, quoted, text) < MOSTLY_QUOTED]
    return _outermost([r for r in kept if not _physical(r)])


def _literal(noun: Token, things: set[str]) -> bool:
    """One of ``things`` in its own sense: not "a flood of donations", "a storm of criticism"."""
    figure = any(c.dep_ == "prep" and c.lower_ == "of" for c in noun.children)
    return noun.lemma_.lower() in things and not figure


def _physical(item: Reported) -> bool:
    """A weapon or a storm as the subject, a quake that was felt, or a force verb aimed at a place: a deed
    or a sensation, not a statement."""
    subject = item.subject
    head = subject.root if isinstance(subject, Span) else subject
    if head is not None and head.pos_ == "NOUN" and _literal(head, THINGS):
        return True
    if not isinstance(item.cue, Token):
        return False
    if lemma(item.cue) == "respond":
        to = [o for c in item.cue.children if c.lower_ == "to" for o in c.children if o.dep_ == "pobj"]
        if any(_literal(o, EMERGENCIES) or any(_literal(m, EMERGENCIES) for m in o.children) for o in to):
            return True
    if lemma(item.cue) in PERCEPTION_VERBS:
        sensed = [c for c in item.cue.children if c.dep_ == "dobj"]
        return any(_literal(o, SENSED_EVENTS) for o in sensed)
    if lemma(item.cue) == "post":  # "posted a record profit", "posting a .919 OPS": a result, not a post
        return any(c.dep_ == "dobj" and c.lemma_.lower() in RESULTS for c in item.cue.children)
    if lemma(item.cue) == "claim":  # "the blast that claimed the lives of six": it killed, said nothing
        return any(c.dep_ == "dobj" and c.lemma_.lower() in {"life", "lives"} for c in item.cue.children)
    if lemma(item.cue) not in FORCE_VERBS:
        return False
    if head is not None and head.pos_ == "NOUN" and head.lemma_.lower() in OFFENDERS:
        return True
    armed = (o for c in item.cue.children if c.lower_ == "with" for o in c.children if o.dep_ == "pobj")
    if any(o.lemma_.lower() in WEAPONS for o in armed):
        return True  # "attacked police with rocks and flares": "attacked Lund with a new ad" stays words
    if head is not None and (head.ent_type_ == "PERSON" or head.lower_ in {"he", "she", "i"}):
        return False  # a person who attacks a state attacks in words; a name is sometimes taken for a place
    aimed = [c for c in item.cue.children if c.dep_ == "dobj"] or (
        [item.cue.head] if item.cue.dep_ == "acl" else []  # "the town attacked by drones"
    )
    return any(o.ent_type_ in PLACE_ENTITIES or o.lemma_.lower() in PLACE_NOUNS for o in aimed)


def _imperative(verb: Token) -> bool:
    """A bare verb opening its sentence with no subject ("See photos below", "Read more")."""
    opening = all(t.pos_ in {"ADV", "INTJ", "PUNCT"} for t in verb.doc[verb.sent.start : verb.i])
    return (
        verb.tag_ in {"VB", "VBP"}  # a present-tense verb with no subject is a bare one the tagger misread
        and verb.dep_ == "ROOT"
        and opening
        and not any(c.dep_ in {"nsubj", "nsubjpass", "expl", "aux"} for c in verb.children)
    )


def _modifier(verb: Token) -> bool:
    """A past participle between a determiner, number or possessive and the noun the parser made
    its object ("271 [pledged] delegates", "the convention's [pledged] delegates")."""
    doc = verb.doc
    if verb.tag_ not in {"VBN", "VBD"} or verb.i < 1 or verb.i + 1 >= len(doc):
        return False
    noun = doc[verb.i + 1]
    before = doc[verb.i - 1]
    return (
        noun.head.i == verb.i
        and noun.pos_ in {"NOUN", "PROPN"}
        and (before.pos_ in {"DET", "NUM"} or before.tag_ in {"PRP$", "POS"})
    )


def _cue_start(item: Reported) -> int:
    return item.cue.idx if isinstance(item.cue, Token) else item.cue.start_char


def _outermost(found: list[Reported]) -> list[Reported]:
    """Drop a statement whose cue sits inside another one's content ("X said that Y claimed ...")."""
    kept = []
    for item in found:
        cue = _cue_start(item)
        outer = [o for o in found if o is not item and o.start <= cue < o.end]
        if outer and not all(_holds_longer(item, o) for o in outer):
            continue
        kept.append(item)
    return sorted(kept, key=lambda r: r.start)


def _holds_longer(item: Reported, other: Reported) -> bool:
    """Two statements that each hold the other's cue: the longer one stands, not neither."""
    return item.start <= _cue_start(other) < item.end and item.end - item.start > other.end - other.start
