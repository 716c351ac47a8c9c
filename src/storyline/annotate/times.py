"""Time expressions normalised to TimeML TIMEX3 values against the publication date.

Our own rules come first for what news writes most and general parsers get wrong: a bare
weekday is the most recent such day on or before publication ("Wednesday" in a Thursday
article is the day before, "Thursday" is that day), "last August" is the August before the
anchor's month, "this week" is an ISO week. dateparser handles the rest, and only on spans
spaCy already marked as dates: on free text it misfires.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from datetime import date, datetime, timedelta

from dateparser.date import DateDataParser
from dateutil.easter import easter
from spacy.tokens import Doc

from storyline.model import TimeExpression

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
NUMBERS: dict[str, int | str] = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "fifteen": 15,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "hundred": 100,
    "several": "X",
    "few": "X",
    "many": "X",
    "some": "X",
}
UNITS = {
    "minute": ("T", "M"),
    "hour": ("T", "H"),
    "day": ("", "D"),
    "week": ("", "W"),
    "month": ("", "M"),
    "year": ("", "Y"),
    "decade": ("", "DE"),
    "century": ("", "CE"),
}
PARTS_OF_DAY = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "overnight": "NI"}
MONTH_NAME = (
    r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?"
    r"|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
LEADING = re.compile(
    r"^(?:the|on|in|at|by|since|until|from|of|during|early|late|earlier|later|mid|around|almost|nearly"
    r"|about|just|roughly|some|more than|less than|over|only|sometime|(?:the\s+)?(?:beginning|start|end"
    r"|middle|close|turn|rest|remainder)\s+of)\s+",
    re.I,
)
# Expressions spaCy's small model leaves untagged but news leans on.
EXTRA = re.compile(
    r"\b(?:(?:last|next|this)\s+)?"
    r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
    r"(?:\s+(?:morning|afternoon|evening|night))?\b|\b(?:now|currently|recently|today|yesterday|tomorrow|tonight)\b"
    r"|\bthe (?:near |distant )?future\b|\bthe past\b(?!\s+(?:\w+\s+)?(?:days?|weeks?|months?|years?|decades?"
    r"|quarters?|centur(?:y|ies)|hours?|minutes?)\b)"
    r"|\b(?:(?:last|next|this)\s+)?(?:Thanksgiving(?:\s+Day)?|Christmas(?:\s+(?:Day|Eve))?|New\s+Year['’]s\s+(?:Day|Eve)"
    r"|Easter(?:\s+(?:Sunday|Monday|week))?|Good\s+Friday|Election\s+Day|Independence\s+Day|Labor\s+Day"
    r"|Memorial\s+Day|Veterans\s+Day|Halloween|Valentine['’]s\s+Day)\b",
    re.I,
)


def _nth_weekday(year: int, month: int, weekday: int, nth: int) -> date:
    """The nth (1-based; -1 for the last) given weekday of a month: Thanksgiving is the 4th Thursday."""
    if nth < 0:
        last = date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)
        return last - timedelta(days=(last.weekday() - weekday) % 7)
    first = date(year, month, 1)
    return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (nth - 1))


# Holidays news dates events by ("found on Thanksgiving Day"), as the day in a given year.
HOLIDAYS: dict[str, Callable[[int], date]] = {
    "thanksgiving": lambda y: _nth_weekday(y, 11, 3, 4),
    "christmas": lambda y: date(y, 12, 25),
    "christmas eve": lambda y: date(y, 12, 24),
    "new year's day": lambda y: date(y, 1, 1),
    "new year's eve": lambda y: date(y, 12, 31),
    "easter": easter,
    "easter monday": lambda y: easter(y) + timedelta(days=1),
    "good friday": lambda y: easter(y) - timedelta(days=2),
    "election day": lambda y: _nth_weekday(y, 11, 0, 1) + timedelta(days=1),  # the Tuesday after 1st Monday
    "independence day": lambda y: date(y, 7, 4),
    "labor day": lambda y: _nth_weekday(y, 9, 0, 1),
    "memorial day": lambda y: _nth_weekday(y, 5, 0, -1),
    "veterans day": lambda y: date(y, 11, 11),
    "halloween": lambda y: date(y, 10, 31),
    "valentine's day": lambda y: date(y, 2, 14),
}


def _holiday(lowered: str, anchor: date, direction: str | None) -> str | None:
    """'Thanksgiving Day' -> the nearest Thanksgiving, or the one on the side the tense says;
    'Easter week' -> the ISO week of Easter."""
    found = re.fullmatch(r"(?:(last|next|this)\s+)?(.+?)(\s+week)?", lowered.replace("’", "'"))
    if found is None:
        return None
    name = found.group(2)
    if name not in HOLIDAYS:
        name = re.sub(r"\s+(?:day|sunday)$", "", name)  # "Thanksgiving Day", "Easter Sunday"
    if name not in HOLIDAYS:
        return None
    modifier = found.group(1)
    direction = {"last": "past", "next": "future"}.get(modifier or "", direction)
    year = anchor.year if modifier == "this" else _year_of(anchor, direction, HOLIDAYS[name])
    day = HOLIDAYS[name](year)
    return _week(day) if found.group(3) else day.isoformat()


def _month(word: str) -> int:
    """'Feb.' / 'february' / 'Sept' -> 2 / 2 / 9."""
    return MONTHS.index(word.lower()[:3]) + 1


def _week(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def _number(word: str) -> int | str | None:
    word = word.lower()
    if word.isdigit():
        return int(word)
    return NUMBERS.get(word)


def duration(text: str) -> str | None:
    """'30-day' -> 'P30D', 'three years' -> 'P3Y', '24 hours' -> 'PT24H', 'weeks' -> 'PXW'."""
    found = re.search(
        r"(?:(\d+|[a-z]+)[\s-])?(minute|hour|day|week|month|year|decade|centur)(?:y|ies|s)?\b", text, re.I
    )
    if not found:
        return None
    count = _number(found.group(1)) if found.group(1) else "X"
    if count is None:
        return None
    unit = found.group(2).lower()
    unit = "century" if unit.startswith("centur") else unit
    time_part, letter = UNITS[unit]
    return f"P{time_part}{count}{letter}"


def _weekday(text: str, anchor: date) -> tuple[str, str] | None:
    found = re.fullmatch(
        r"(?:(last|next|this|early on|late on)\s+)?(monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
        r"(?:['’]s)?(?:\s+(morning|afternoon|evening|night))?",
        text,
        re.I,
    )
    if not found:
        return None
    modifier = (found.group(1) or "").lower()
    target = WEEKDAYS.index(found.group(2).lower())
    back = (anchor.weekday() - target) % 7  # news speaks of the current week, up to publication
    day = anchor - timedelta(days=back)
    if modifier == "next":
        day = anchor + timedelta(days=(target - anchor.weekday()) % 7 or 7)
    elif modifier == "last" and back == 0:
        day -= timedelta(days=7)
    part = found.group(3)
    if part:
        return f"{day.isoformat()}T{PARTS_OF_DAY[part.lower()]}", "TIME"
    return day.isoformat(), "DATE"


def _relative(text: str, anchor: date) -> str | None:
    lowered = text.lower()
    simple = {
        "today": anchor.isoformat(),
        "yesterday": (anchor - timedelta(days=1)).isoformat(),
        "tomorrow": (anchor + timedelta(days=1)).isoformat(),
        "tonight": f"{anchor.isoformat()}TNI",
        "this week": _week(anchor),
        "last week": _week(anchor - timedelta(days=7)),
        "next week": _week(anchor + timedelta(days=7)),
        "this month": f"{anchor:%Y-%m}",
        "last month": f"{(anchor.replace(day=1) - timedelta(days=1)):%Y-%m}",
        "next month": f"{(anchor.replace(day=28) + timedelta(days=4)):%Y-%m}",
        "this year": f"{anchor.year}",
        "last year": f"{anchor.year - 1}",
        "next year": f"{anchor.year + 1}",
        "this weekend": f"{_week(anchor)}-WE",
        "last weekend": f"{_week(anchor - timedelta(days=7))}-WE",
    }
    return simple.get(lowered)


def _month_reference(text: str, anchor: date) -> str | None:
    """'last August' -> the August before the anchor; a bare 'January' -> its most recent one."""
    found = re.fullmatch(rf"(?:(last|next|this)\s+)?{MONTH_NAME}", text, re.I)
    if not found:
        return None
    modifier = (found.group(1) or "").lower()
    month = _month(found.group(2))
    year = anchor.year
    if modifier == "last":
        year = year if month < anchor.month else year - 1
    elif modifier == "next":
        year = year if month > anchor.month else year + 1
    elif modifier != "this" and month > anchor.month:
        year -= 1
    return f"{year}-{month:02d}"


SPELLED_ORDINALS = {word: n for n, word in enumerate(
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth fourteenth"
    " fifteenth sixteenth seventeenth eighteenth nineteenth twentieth".split(), start=1)}  # fmt: skip
SPELLED_ORDINAL = re.compile(
    r"\b(?:(twenty|thirty)[\s-])?(" + "|".join(SPELLED_ORDINALS) + r"|thirtieth)\b", re.I
)


def _ordinal_digits(text: str) -> str:
    """Broadcast transcripts spell the day out: 'March eighth' -> 'March 8'."""

    def digits(found: re.Match[str]) -> str:
        tens = {"twenty": 20, "thirty": 30}.get((found.group(1) or "").lower(), 0)
        unit = found.group(2).lower()
        return str(30 if unit == "thirtieth" else tens + SPELLED_ORDINALS[unit])

    return SPELLED_ORDINAL.sub(digits, text)


def _day_of_month(text: str, anchor: date | None, direction: str | None = None) -> str | None:
    """'Feb. 28', 'February 28', '28 February', with or without a year; 'Feb. 2022' -> '2022-02'."""
    if re.search(MONTH_NAME, text, re.I):
        text = _ordinal_digits(text)
    for pattern in (
        rf"{MONTH_NAME}\s+(\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(\d{{4}}))?",
        rf"(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{MONTH_NAME},?(?:\s+(\d{{4}}))?",
    ):
        found = re.fullmatch(pattern, text, re.I)
        if not found:
            continue
        first, second, year_text = found.groups()
        month_word, day_text = (first, second) if not first.isdigit() else (second, first)
        month = _month(month_word)
        day = int(day_text)
        if year_text:
            year = int(year_text)
        elif anchor is None:
            return None
        else:
            year = _year_of(anchor, direction, functools.partial(_day_in_year, month, day))
        if _safe_date(year, month, day) is None:
            return None
        return f"{year}-{month:02d}-{day:02d}"
    found = re.fullmatch(rf"{MONTH_NAME},?\s+(\d{{4}})", text, re.I)
    if found:
        month = _month(found.group(1))
        return f"{found.group(2)}-{month:02d}"
    return None


DIRECTION_SLACK = timedelta(days=45)


def _year_of(anchor: date, direction: str | None, day_in: Callable[[int], date | None]) -> int:
    """The year that puts a yearless date nearest the anchor, unless the sentence's tense says
    the other side and the date is more than two months off: "the Oct. 23 slaying" read in May is
    last October's, "payable Dec. 7" in a past-tense sentence of late October still this year's."""
    years = (anchor.year - 1, anchor.year, anchor.year + 1)
    nearest = min(years, key=lambda y: abs((day_in(y) or anchor) - anchor))
    if direction == "future":
        return min((y for y in years if (day_in(y) or date.min) >= anchor - DIRECTION_SLACK), default=nearest)
    if direction == "past":
        return max((y for y in years if (day_in(y) or date.max) <= anchor + DIRECTION_SLACK), default=nearest)
    return nearest


def _day_in_year(month: int, day: int, year: int) -> date | None:
    return _safe_date(year, month, day)


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


@functools.lru_cache(maxsize=256)
def _date_parser(anchor: date | None) -> DateDataParser:
    """One parser per anchor: building one loads dateparser's language data, which dwarfs parsing."""
    settings: dict[str, object] = {"PREFER_DATES_FROM": "past", "RETURN_AS_TIMEZONE_AWARE": False}
    if anchor is not None:
        settings["RELATIVE_BASE"] = datetime(anchor.year, anchor.month, anchor.day)
    return DateDataParser(languages=["en"], settings=settings)


def _with_dateparser(text: str, anchor: date | None) -> str | None:
    """Last resort on a span that looks like a date, at the granularity dateparser reports."""
    if anchor is None and not re.search(r"\b\d{4}\b", text):
        return None
    try:
        data = _date_parser(anchor).get_date_data(text)
    except Exception:  # dateparser raises assorted errors on odd input; a time value is never worth a crash
        return None
    if data is None or data.date_obj is None:
        return None
    period = data.period or "day"
    if period == "year":
        return f"{data.date_obj.year}"
    if period == "month":
        return f"{data.date_obj:%Y-%m}"
    if period == "week":
        return _week(data.date_obj.date())
    return data.date_obj.date().isoformat()


# Spans spaCy marks DATE that TimeML does not: ages, bare small numbers, frequency adjectives.
NOT_TIME = re.compile(
    r"^(?:[\w-]+[\s-]years?[\s-]old|\d{1,3}|\d{5,}|(?:quarterly|annual|annually|daily|weekly|monthly|yearly|hourly))$",
    re.I,
)


def is_time_expression(text: str) -> bool:
    return not NOT_TIME.match(text.strip())


ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}
SEASONS = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
CLOCK = re.compile(
    r"(\d{1,2})(?:[:.](\d{2}))?\s*(a\.?m\.?|p\.?m\.?|in the (?:morning|afternoon|evening))", re.I
)


def _quarter(lowered: str, anchor: date) -> str | None:
    """'the third quarter' -> 1989-Q3; 'the quarter' / 'the latest quarter' -> the last full quarter."""
    current = (anchor.month - 1) // 3 + 1
    found = re.fullmatch(r"(?:the\s+)?(first|second|third|fourth|1st|2nd|3rd|4th)[\s-]quarter", lowered)
    if found:
        return f"{anchor.year}-Q{ORDINALS[found.group(1)]}"
    if re.fullmatch(r"(?:the\s+)?(?:current|this)\s+quarter", lowered):
        return f"{anchor.year}-Q{current}"
    if re.fullmatch(r"(?:the\s+)?(?:latest\s+|last\s+|most recent\s+)?quarter", lowered):
        year, quarter = (anchor.year, current - 1) if current > 1 else (anchor.year - 1, 4)
        return f"{year}-Q{quarter}"
    return None


def _part_of_day(lowered: str, anchor: date) -> str | None:
    if lowered in {"overnight", "last night"}:
        night = anchor - timedelta(days=1) if lowered == "last night" else anchor
        return f"{night.isoformat()}TNI"
    if found := re.fullmatch(r"(?:mid[\s-]?)?(morning|afternoon|evening)", lowered):
        return f"{anchor.isoformat()}T{PARTS_OF_DAY[found.group(1)]}"
    found = re.fullmatch(r"(?:this|tonight|today)\s*(morning|afternoon|evening|night)?", lowered)
    if found and (found.group(1) or lowered == "tonight"):
        return f"{anchor.isoformat()}T{PARTS_OF_DAY[found.group(1) or 'night']}"
    return None


def _clock(lowered: str, anchor: date) -> str | None:
    """'9 a.m.' -> 2000-04-03T09:00 on the anchor day; 'noon' -> T12:00."""
    if lowered in {"noon", "midday"}:
        return f"{anchor.isoformat()}T12:00"
    if lowered == "midnight":
        return f"{anchor.isoformat()}T24:00"
    found = CLOCK.search(lowered)
    if not found:
        return None
    hour, minute = int(found.group(1)), int(found.group(2) or 0)
    marker = found.group(3)
    if (marker.startswith("p") or "afternoon" in marker or "evening" in marker) and hour < 12:
        hour += 12
    if marker.startswith("a") and hour == 12:
        hour = 0
    if hour > 24 or minute > 59:
        return None
    return f"{anchor.isoformat()}T{hour:02d}:{minute:02d}"


CLOCK_WORDS = re.compile(rf"{CLOCK.pattern}|\b(?:noon|midday|midnight)\b", re.I)
TIME_ZONE = re.compile(r"\b(?:[ECMP][SD]T|GMT|UTC|local time)\b", re.I)


def _clock_on_day(text: str, anchor: date, future: bool, past: bool) -> str | None:
    """'10 p.m. Wednesday', 'midnight Friday', '5 p.m. EST, Nov. 6': the clock time on the day named."""
    found = CLOCK_WORDS.search(text)
    if found is None:
        return None
    rest = TIME_ZONE.sub("", text[: found.start()] + " " + text[found.end() :])
    rest = re.sub(r"^[\s,]*(?:on\s+)?|[\s,]+$", "", rest)
    if not rest:
        return None
    day, _ = normalise(rest, anchor, future=future, past=past)
    clock = _clock(found.group(0).lower(), anchor)
    if day is None or clock is None or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", day):
        return None
    return day + clock[10:]


def _season(lowered: str, anchor: date) -> str | None:
    found = re.fullmatch(
        r"(?:(last|this|next)\s+)?(?:past\s+|coming\s+)?(spring|summer|fall|autumn|winter)", lowered
    )
    if not found:
        return None
    year = anchor.year + {"last": -1, "next": 1}.get(found.group(1) or "", 0)
    return f"{year}-{SEASONS[found.group(2)]}"


def _ago(lowered: str, anchor: date) -> str | None:
    found = re.fullmatch(r"(\w+)\s+(day|week|month|year)s?\s+ago", lowered)
    if found and found.group(1) in {"few", "several", "many", "some"}:
        return "PAST_REF"
    if not found or not isinstance(count := _number(found.group(1)), int):
        return None
    unit = found.group(2)
    if unit == "day":
        return (anchor - timedelta(days=count)).isoformat()
    if unit == "week":  # TIMEX3 keeps the unit's granularity: "six weeks ago" is a week
        return _week(anchor - timedelta(days=7 * count))
    if unit == "month":
        months = anchor.year * 12 + anchor.month - 1 - count
        return f"{months // 12}-{months % 12 + 1:02d}"
    return f"{anchor.year - count}"


def _looks_like_duration(lowered: str) -> bool:
    """'three years', '30-day', 'weeks' are durations; 'the year', 'last week' are dates."""
    if (
        re.search(r"\b(?:this|last|next|ago|earlier|later|previous|current|coming)\b", lowered)
        and "-" not in lowered
    ):
        return False
    counted = (
        r"(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|several|few|many|some|\w+teen|\w+ty)"
    )
    return bool(
        re.search(rf"\b{counted}[\s-](?:minute|hour|day|week|month|year|decade|centur)", lowered)
        or re.search(r"\b(?:minute|hour|day|week|month|year|decade)s\b", lowered)
    )


VAGUE_PAST = re.compile(
    r"(?:(?:the\s+)?(?:recent|past|last|previous)\s+(?:few\s+|several\s+|couple\s+of\s+)?"
    r"(?:days|weeks|months|quarters|years|decades)|recently|lately|previously|once|formerly|in the past)"
)
VAGUE_FUTURE = re.compile(
    r"(?:the\s+)?(?:coming|upcoming|future)\s+(?:days|weeks|months|quarters|years|decades)|soon"
    r"|(?:the\s+)?near future|(?:a\s+)?later date"
)
# "the next three years", "the past two quarters": a stretch of time, not a date (TimeML DURATION).
COUNTED_STRETCH = re.compile(
    r"(?:the\s+)?(?:next|last|past|previous|first|coming|following)\s+(?:\d+|\w+(?:[\s-]\w+)?)"
    r"(?:\s+(?:to|or)\s+\w+)?\s+(?:seconds?|minutes?|hours?|days?|weeks?|months?|quarters?|years?|decades?"
    r"|centur(?:y|ies))(?:\s+or\s+so)?"
)
SPELLED_UNITS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
                 "nine": 9}  # fmt: skip
SPELLED_TEENS = {"ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
                 "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19}  # fmt: skip
SPELLED_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
                "eighty": 80, "ninety": 90}  # fmt: skip


def _spelled_number(words: str) -> int | None:
    """'ninety-four' -> 94, 'seven' -> 7, 'twenty' -> 20 (0-99)."""
    parts = re.split(r"[\s-]+", words.strip())
    if len(parts) == 1:
        word = parts[0]
        return SPELLED_UNITS.get(word) or SPELLED_TEENS.get(word) or SPELLED_TENS.get(word)
    if len(parts) == 2 and parts[0] in SPELLED_TENS and parts[1] in SPELLED_UNITS:
        return SPELLED_TENS[parts[0]] + SPELLED_UNITS[parts[1]]
    return None


def _spelled_year(lowered: str) -> int | None:
    """Broadcast transcripts spell years out: 'nineteen ninety-four', 'two thousand'."""
    found = re.fullmatch(r"(nineteen|eighteen|twenty)\s+(hundred|[a-z]+(?:[\s-][a-z]+)?)", lowered)
    if found:
        century = SPELLED_TEENS.get(found.group(1)) or SPELLED_TENS[found.group(1)]
        rest = 0 if found.group(2) == "hundred" else _spelled_number(found.group(2))
        return century * 100 + rest if rest is not None else None
    if lowered == "two thousand":
        return 2000
    found = re.fullmatch(r"two thousand(?: and)?\s+([a-z]+(?:[\s-][a-z]+)?)", lowered)
    if found and (rest := _spelled_number(found.group(1))) is not None:
        return 2000 + rest
    return None


def _year_words(lowered: str) -> int | None:
    if re.fullmatch(r"\d{4}", lowered):
        return int(lowered)
    return _spelled_year(lowered)


def _month_with_year(lowered: str, anchor: date | None) -> str | None:
    """'July last year', 'April next year', 'January this year', 'January nineteen ninety-seven'."""
    found = re.fullmatch(rf"{MONTH_NAME}\s*,?\s+(?:of\s+)?(.+)", lowered)
    if not found:
        return None
    month, rest = _month(found.group(1)), found.group(2)
    relative = {"this year": 0, "last year": -1, "next year": 1}
    if rest in relative and anchor is not None:
        return f"{anchor.year + relative[rest]}-{month:02d}"
    year = _year_words(rest)
    return f"{year}-{month:02d}" if year else None


def _season_of_year(lowered: str) -> str | None:
    """'the winter of nineteen ninety-four' -> 1994-WI; 'summer 1996' -> 1996-SU."""
    found = re.fullmatch(r"(spring|summer|fall|autumn|winter)\s+(?:of\s+)?(.+)", lowered)
    if found and (year := _year_words(found.group(2))):
        return f"{year}-{SEASONS[found.group(1)]}"
    return None


def _weekend(lowered: str, anchor: date) -> str | None:
    """'the weekend' read on a Monday to Wednesday is the one just gone; later in the week, the coming one."""
    if lowered not in {"weekend", "the weekend"}:
        return None
    day = anchor - timedelta(days=7) if anchor.weekday() <= 2 else anchor
    return f"{_week(day)}-WE"


# "between 1994 and 1997", "Aug. 26 to Oct. 20", "the quarter ended Sept. 30": two expressions in
# one span, each with its own value (TimeML marks them separately).
RANGE = re.compile(
    r"^(?:between\s+|from\s+)?(.+?)\s+(?:and|to|through|until|till|ended|ending)\s+(.+)$", re.I
)


YEAR_LIST = re.compile(r"(?:\d{4}(?:\s*,\s*|,?\s+(?:and|or)\s+|,?\s+(?:and|or)$|$))+")


def time_parts(text: str) -> list[tuple[int, int]]:
    """Offsets inside ``text`` of the expressions it joins, or the whole when it is one."""
    if YEAR_LIST.fullmatch(text):  # "1994, 1995 and 1997": each year its own expression
        return [found.span() for found in re.finditer(r"\d{4}", text)]
    found = RANGE.match(text)
    datelike = re.compile(r"\d|day\b|today|yesterday|tomorrow|year|quarter|month|" + MONTH_NAME, re.I)
    if found is None or not (datelike.search(found.group(1)) and datelike.search(found.group(2))):
        return [(0, len(text))]
    first, second = found.span(1), found.span(2)
    if re.search(r"\d$", found.group(1)) and re.match(r"\d+\s+[a-z]", found.group(2)):
        return [(0, len(text))]  # "12 to 18 months": one stretch with a shared unit
    if _is_bare_number(found.group(1)) or _is_bare_number(found.group(2)):
        return [(0, len(text))]  # "April 24 and 25": one side leans on the other
    return [first] + [(second[0] + start, second[0] + end) for start, end in time_parts(found.group(2))]


def _is_bare_number(part: str) -> bool:
    return bool(re.fullmatch(r"\d{1,2}", part.strip()))


# "that day", "the following year", "earlier that day": the date the text last named, not publication.
ANAPHORIC = re.compile(
    r"(?:(?:earlier|later)\s+)?(?:that|the same|the following|the next|the previous|the preceding)"
    r"\s+(day|week|month|year)"
)


def _anaphoric(lowered: str, reference: str | None) -> str | None:
    found = ANAPHORIC.fullmatch(lowered)
    if found is None or reference is None:
        return None
    unit = found.group(1)
    step = 0
    if re.search(r"following|next|later|after", lowered) and not lowered.startswith("later"):
        step = 1
    elif re.search(r"previous|preceding|earlier|before", lowered) and not lowered.startswith("earlier"):
        step = -1
    if unit == "year" and re.fullmatch(r"\d{4}.*", reference):
        return str(int(reference[:4]) + step)
    if unit == "day" and re.fullmatch(r"\d{4}-\d{2}-\d{2}", reference):
        return (date.fromisoformat(reference) + timedelta(days=step)).isoformat()
    if unit == "month" and re.fullmatch(r"\d{4}-\d{2}(?:-\d{2})?", reference):
        year, month = int(reference[:4]), int(reference[5:7]) + step
        year, month = year + (month - 1) // 12, (month - 1) % 12 + 1
        return f"{year}-{month:02d}"
    return None


def is_reference_date(value: str | None) -> bool:
    """A value later anaphora can lean on: a calendar year, quarter, month or day."""
    return bool(value and re.fullmatch(r"\d{4}(?:-Q\d|-\d{2}(?:-\d{2})?)?", value))


QUARTER_WORDS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}
QUARTER = re.compile(
    r"(?:its|a|an|the|that|this|same|comparable|corresponding|latest|most recent|fiscal|calendar|\s|-)*"
    r"(?P<before>(?:\d{4}|this year['’]s|last year['’]s|next year['’]s|year[\s-](?:ago|earlier)))?"
    r"(?:\s|-|fiscal|calendar)*(?P<ordinal>first|second|third|fourth|1st|2nd|3rd|4th)?(?:[\s-]|fiscal)*"
    r"(?:quarter|period)(?:\s+(?:of|in)\s+(?P<after>\d{4}|this year|last year|next year))?"
)
# "a year earlier", "the year-ago quarter": a figure set beside the period the text is on, which
# stays the reference for what follows ("the quarter").
COMPARISON = re.compile(r"\byear[\s-](?:ago|earlier|before)|\blast year['’]s|\bprevious year['’]s", re.I)
YEAR_BACK = re.compile(r"(?:a|one)\s+year\s+(?:ago|earlier|before)|year[\s-](?:ago|earlier)")


def _quarter_of(lowered: str, anchor: date, reference: str | None) -> str | None:
    """'the third quarter of 1984', 'the year-earlier quarter', 'that quarter', 'a fourth-quarter'.

    Earnings news counts in quarters: a quarter without a year takes the year the text is on,
    one without a number takes the quarter the text last named.
    """
    found = QUARTER.fullmatch(lowered)
    if found is None:
        return None
    if not found.group("ordinal") and not found.group("before") and not found.group("after"):
        if re.match(r"an?\b", lowered):
            return None  # "a quarter", "more than a quarter of its shares": a length or a fraction
        if re.search(r"\b(?:latest|most recent)\b", lowered):  # the last full quarter, whatever came before
            return _quarter("the latest quarter", anchor)
        if re.search(r"\b(?:current|this)\b", lowered):
            return _quarter("the current quarter", anchor)
    named = re.fullmatch(r"(\d{4})-Q(\d)", reference or "")
    year = anchor.year
    quarter = int(named.group(2)) if named else None
    if found.group("ordinal"):
        quarter = QUARTER_WORDS[found.group("ordinal")]
    elif "period" in lowered and not named:
        return None
    if quarter is None:  # "the year-ago quarter" with no quarter named yet: beside the last full one
        latest = _quarter("the latest quarter", anchor) or ""
        named = re.fullmatch(r"(\d{4})-Q(\d)", latest)
        quarter = int(latest[-1])
    spec = found.group("before") or found.group("after") or ""
    if re.fullmatch(r"\d{4}", spec):
        year = int(spec)
    elif spec.startswith(("last", "year")):
        year = (int(named.group(1)) if named else anchor.year) - 1
    elif spec.startswith("next"):
        year += 1
    elif named and not found.group("ordinal"):
        year = int(named.group(1))
    return f"{year}-Q{quarter}"


HALF = re.compile(
    r"(?:the\s+)?(?:(?P<which>first|second|last|latter|back|front)\s+half"
    r"|(?P<quarters>first|last)\s+two\s+quarters)\s+of\s+(?P<whole>.+)"
)
DECADE_WORD = re.compile(r"(?:the\s+)?(twent|thirt|fort|fift|sixt|sevent|eight|ninet)ies")


# Words the recogniser takes into a span that no rule reads: "an Aug. 10, 1988 filing", "both 1990
# and 1991", "as early as next year's first quarter", "1994, 1995 and".
LOOSE_LEADING = re.compile(
    rf"^(?:an?(?=\s+(?:\d|{MONTH_NAME}))|both|either|at least|at most|as (?:early|late|soon) as"
    r"|no (?:later|earlier) than|sometime in|the day)\s+",
    re.I,
)
LOOSE_TRAILING = re.compile(r"(?:[\s,]+(?:and|or|to|of))+$|,$", re.I)
# A stretch counted out ("a couple of years", "three days later", "centuries") that names no date to
# place: TimeML tags the length, with "later" and "before" as signals outside it.
COUNTED_LENGTH = re.compile(
    r"(?:(?:just|only|about|nearly|almost|more than|less than|over|no more than|roughly|the)\s+)*"
    r"(?:(?:next|coming|following|first|last|final|early|closing|opening)\s+)?"
    r"(?P<count>\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\w+teen|\w+ty(?:-\w+)?"
    r"|(?:\w+\s+)?(?:hundred|thousand)|a couple of|couple of|a few|few|several|many|hundreds of|thousands of"
    r"|dozens of|an additional|another)?"
    r"[\s-]*(?:trading\s+|business\s+|working\s+|full\s+|straight\s+|consecutive\s+)?"
    r"(?P<unit>second|minute|hour|day|week|month|quarter|year|decade|centur)(?P<plural>s|ies|y)?"
    r"(?:\s+and\s+a\s+half)?(?P<signal>\s+(?:later|afterwards?|on|earlier|before))?"
)
LENGTH_UNITS = {**UNITS, "second": ("T", "S"), "quarter": ("", "Q"), "centur": ("", "CE")}


def _counted_length(lowered: str) -> str | None:
    """'a couple of years' -> P2Y, 'hours' -> PTXH, 'three days later' -> P3D; None for 'the day'."""
    found = COUNTED_LENGTH.fullmatch(lowered)
    if found is None:
        return None
    count_word, unit, plural = found.group("count"), found.group("unit"), found.group("plural") or ""
    if count_word is None and plural not in ("s", "ies"):
        return None  # "day", "year": a date word, not a length
    if found.group("signal") in (" earlier", " before") and unit in ("year", "quarter"):
        return None  # "a year earlier" in earnings news names the period compared with
    count: int | str = "X"
    if count_word and "couple" in count_word:
        count = 2
    elif count_word in ("an additional", "another"):
        count = 1
    elif count_word and isinstance(number := _number(count_word) or _spelled_number(count_word), int):
        count = number
    time_part, letter = LENGTH_UNITS[unit]
    return f"P{time_part}{count}{letter}"


SET_UNITS = {"day": "P1D", "night": "P1D", "week": "P1W", "month": "P1M", "quarter": "P1Q", "year": "P1Y"}


def _recurring(lowered: str) -> str | None:
    """'every month' -> P1M, 'each Thursday' -> XXXX-WXX-4, 'each July' -> XXXX-07, 'Tuesday nights'
    -> XXXX-WXX-2TNI: TimeML SETs, which are no date on the timeline."""
    found = re.fullmatch(r"(?:every|each)\s+(?:single\s+)?(.+)", lowered)
    if found and found.group(1) in SET_UNITS:
        return SET_UNITS[found.group(1)]
    if found and re.fullmatch(MONTH_NAME, found.group(1)):
        return f"XXXX-{_month(found.group(1)):02d}"
    day = re.fullmatch(
        r"(?:every\s+|each\s+)?(mon|tues|wednes|thurs|fri|satur|sun)days?(?:\s+(morning|afternoon|evening|night)s?)?",
        found.group(1) if found else lowered,
    )
    if day is None or not (found or re.search(r"days\b|s$", lowered)):
        return None  # a bare "Thursday" is a date; "Thursdays", "each Thursday" recur
    weekday = [w[:3] for w in WEEKDAYS].index(day.group(1)[:3]) + 1
    part = f"T{PARTS_OF_DAY[day.group(2)]}" if day.group(2) else ""
    return f"XXXX-WXX-{weekday}{part}"


def normalise(
    text: str, anchor: date | None, future: bool = False, reference: str | None = None, past: bool = False
) -> tuple[str | None, str]:
    """The TIMEX3 (value, type) of a time expression, given the article's publication date.

    ``future`` says the sentence looks ahead ("will", "next"), so a bare weekday or month is the
    coming one rather than the last. ``reference`` is the date the text last named, which "that
    day" or "the following year" point back to.
    """
    if (recurring := _recurring(re.sub(r"\s+", " ", text.strip().lower()))) is not None:
        return recurring, "SET"
    value, kind = _normalise(text, anchor, future, reference, past)
    if value is not None:
        return value, kind
    loose = LOOSE_TRAILING.sub("", LOOSE_LEADING.sub("", text.strip()))
    if loose and loose != text.strip():
        value, kind = normalise(loose, anchor, future, reference, past)
        if value is not None:
            return value, kind
    if (length := _counted_length(re.sub(r"\s+", " ", text.strip().lower()))) is not None:
        return length, "DURATION"
    return None, kind


def _normalise(
    text: str, anchor: date | None, future: bool, reference: str | None, past: bool
) -> tuple[str | None, str]:
    cleaned = re.sub(r"['’]s$", "", text.strip().rstrip(".,"))
    cleaned = re.sub(r"^(?:mid|early|late)-(?=[a-z])", "", cleaned, flags=re.I)  # "mid-November"
    while LEADING.match(cleaned):
        cleaned = LEADING.sub("", cleaned, count=1)
    lowered = re.sub(r"\s+", " ", cleaned.lower())
    if half := HALF.fullmatch(lowered):  # "the second half of 2024", "the first two quarters of next year"
        whole, _ = normalise(half.group("whole"), anchor, future, reference, past)
        if whole and re.fullmatch(r"\d{4}", whole):
            first = (half.group("which") or half.group("quarters")) in ("first", "front")
            return f"{whole}-H{1 if first else 2}", "DATE"
        if whole and re.fullmatch(r"\d{3}", whole):
            return whole, "DATE"  # half a decade has no TIMEX3 value of its own
    if decade := re.fullmatch(r"(?:the\s+)?(?:mid-|early\s+|late\s+)?['’](\d)0['’]?s", lowered):
        return f"19{decade.group(1)}", "DATE"  # "the '80s": news of the 1900s' decades
    if anchor is not None and (century := re.fullmatch(r"(?:this|the current|the next)\s+century", lowered)):
        return f"{anchor.year // 100 + (1 if 'next' in lowered else 0):02d}", "DATE"
    if decade := re.fullmatch(r"(?:the\s+)?(?:mid-|early\s+|late\s+)?(\d{3})0['’]?s", lowered):
        return decade.group(1), "DATE"  # "the 1980s", "the mid-1990s" -> 198, 199
    if decade_word := DECADE_WORD.fullmatch(lowered):  # "the nineties" -> 199, read in the 1900s
        return f"19{list(SPELLED_TENS).index(decade_word.group(1) + 'y') + 2}", "DATE"
    if century := re.fullmatch(r"(?:the\s+)?(\d{1,2})(?:st|nd|rd|th)[\s-]century", lowered):
        return f"{int(century.group(1)) - 1:02d}", "DATE"
    # "the year 2000", "the year two thousand"
    lowered = re.sub(r"^(?:the\s+)?year\s+(?=\d{4}$|two thousand|nineteen|eighteen)", "", lowered)
    if (
        value := _anaphoric(
            re.sub(r"^(?:the|on|in)\s+(?=earlier|later|that|the)", "", text.lower().strip()), reference
        )
    ) is not None:
        return value, "DATE"
    if anchor is not None and (value := _quarter_of(lowered, anchor, reference)) is not None:
        return value, "DATE"
    named_quarter = re.fullmatch(r"(\d{4})-Q(\d)", reference or "")
    if named_quarter and YEAR_BACK.fullmatch(lowered):  # "a year earlier" beside a quarter's figures
        return f"{int(named_quarter.group(1)) - 1}-Q{named_quarter.group(2)}", "DATE"
    if VAGUE_PAST.fullmatch(lowered):
        return "PAST_REF", "DATE"
    if VAGUE_FUTURE.fullmatch(lowered):
        return "FUTURE_REF", "DATE"
    if COUNTED_STRETCH.fullmatch(lowered) and not re.search(r"\b(?:few|several|couple)\b", lowered):
        return duration(re.sub(r"^(?:the\s+)?\w+\s+", "", cleaned)), "DURATION"
    if (year := _spelled_year(lowered)) is not None:
        return str(year), "DATE"
    if re.fullmatch(r"(?:mid|early|late)-?(\d{4})", lowered):
        return lowered[-4:], "DATE"
    if (value := _month_with_year(lowered, anchor) or _season_of_year(lowered)) is not None:
        return value, "DATE"
    if anchor is not None and (value := _weekend(lowered, anchor)) is not None:
        return value, "DATE"
    if lowered in {"now", "currently", "at present", "present", "nowadays", "these days", "at the moment"}:
        return "PRESENT_REF", "DATE"
    if lowered in {"the future", "future"}:
        return "FUTURE_REF", "DATE"
    if lowered in {"recently", "the past", "past", "previously"}:
        return "PAST_REF", "DATE"
    if re.fullmatch(r"(?:fiscal\s+|calendar\s+|the year\s+)?(\d{4})", lowered):
        return lowered[-4:], "DATE"
    if re.fullmatch(r"(?:the\s+)?(\d{3})0s", lowered):
        return lowered[-5:-2], "DATE"
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", cleaned):
        return cleaned, "DATE"
    weekday_first = r"^(?:(?:this coming|this|next|last)\s+)?(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+"
    without_weekday = re.sub(weekday_first, "", cleaned, flags=re.I)
    direction = "future" if future else "past" if past else None
    side = re.match(r"(last|this past|next|this coming)\s+(?=\S+\s+\d)", without_weekday, re.I)
    if side and anchor is not None:  # "last Oct. 23", "next Feb. 2": strictly that side of publication
        backwards = side.group(1).lower() in ("last", "this past")
        value = _day_of_month(without_weekday[side.end() :], anchor, "past" if backwards else "future")
        if value is not None and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            day = date.fromisoformat(value)
            if backwards and day >= anchor or not backwards and day <= anchor:
                day = _safe_date(day.year + (-1 if backwards else 1), day.month, day.day) or day
            return day.isoformat(), "DATE"
    if (value := _day_of_month(without_weekday, anchor, direction)) is not None:
        return value, "DATE"
    if anchor is not None and (value := _holiday(lowered, anchor, direction)) is not None:
        return value, "DATE"
    if _looks_like_duration(lowered) and (value := duration(cleaned)) is not None:
        return value, "DURATION"
    if re.search(r"\b(?:later|afterwards?)$", lowered) and (value := _counted_length(lowered)) is not None:
        return value, "DURATION"  # "three days later": the length, counted from a date named elsewhere
    if anchor is None:
        return None, "DATE"
    if future:
        anchor_for_bare = anchor + timedelta(days=6)  # the coming week: "will meet on Monday"
    else:
        anchor_for_bare = anchor
    if weekday := _weekday(
        cleaned, anchor_for_bare if not re.match(r"(?:last|this|next)\b", lowered) else anchor
    ):
        return weekday
    if (value := _clock_on_day(cleaned, anchor, future, past)) is not None:
        return value, "TIME"
    for rule, kind in ((_part_of_day, "TIME"), (_clock, "TIME")):
        if (value := rule(lowered, anchor)) is not None:
            return value, kind
    if (value := _relative(lowered, anchor)) is not None:
        return value, "TIME" if value.endswith("TNI") else "DATE"
    if lowered in {
        "year", "the year", "the current year", "this year", "the fiscal year", "the current fiscal year",
        "the full year", "full year", "the calendar year", "the year-end", "year-end",
        "current year", "fiscal year", "current fiscal year", "latest fiscal year", "year end", "year's end",
    }:  # fmt: skip
        return f"{anchor.year}", "DATE"
    if re.fullmatch(r"(?:a\s+|the\s+)?year[\s-](?:earlier|ago)", lowered):
        return f"{anchor.year - 1}", "DATE"
    if lowered in {"past year", "last year"}:  # "the past year": TimeBank dates it as the year before
        return f"{anchor.year - 1}", "DATE"
    for rule in (_quarter, _season, _ago):
        if (value := rule(lowered, anchor)) is not None:
            return value, "DATE"
    if re.fullmatch(MONTH_NAME, lowered):
        month = _month(lowered)
        year = _year_of(anchor.replace(day=1), direction, functools.partial(_day_in_year, month, 1))
        return f"{year}-{month:02d}", "DATE"
    if (value := _month_reference(cleaned, anchor)) is not None:
        return value, "DATE"
    return _with_dateparser(cleaned, anchor), "DATE"


FUTURE_AUX = {"will", "'ll", "’ll", "shall", "wo", "would", "might", "may", "should"}
PAST_AUX = {"was", "were", "had", "has", "have", "been", "did"}
FUTURE_MARKERS = {"will", "'ll", "’ll", "shall", "scheduled", "upcoming", "expected", "plans", "planned"}
# Verbs whose object or complement is an intention: "planned a demonstration on Saturday",
# "agreed to buy it in February".
PLANNING = {"plan", "schedule", "expect", "intend", "aim", "due", "propose", "hope", "prepare", "agree",
            "decide", "vote", "want", "seek", "promise", "threaten", "pledge"}  # fmt: skip
# Verbs that put a date on an event to come whatever their own tense: "has scheduled a hearing
# Thursday", "are set to resume Monday"; and those that push one back "until" a date.
SCHEDULING = {"schedule", "reschedule", "slate"}
DEFERRING = {"postpone", "delay", "defer", "extend", "adjourn", "push", "put", "give"}
UNTIL = {"until", "till", "to"}
REPORTING = {"say", "tell", "report", "announce", "add", "state", "claim", "confirm", "deny", "note"}
# Words just before the expression that fix its side of the publication date.
PAST_CUE = re.compile(r"(?:\bsince|\bafter)\s*$", re.I)
FUTURE_CUE = re.compile(r"(?:\bas (?:early|soon) as|\beffective|\bstarting|\bbeginning|\bnext)\s*$", re.I)
NOUN_MODIFIER = {"poss", "compound", "nmod", "amod"}


def tense(doc: Doc, start: int, end: int) -> str | None:
    """"future", "past" or None (undecided), read from the words before the expression ("since",
    "as early as"), else from the verb it is an adverbial of ("will meet on Monday", "met on
    Monday", "is meeting Monday", "agreed to buy in February"), else from a future marker in its
    sentence. An expression inside a noun phrase ("Tuesday's declaration") takes no tense."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return None
    before = doc.text[max(0, start - 20) : start]
    if PAST_CUE.search(before):
        return "past"
    if FUTURE_CUE.search(before):
        return "future"
    token = span.root
    modifies_noun = token.dep_ in NOUN_MODIFIER
    path = []
    while token.head.i != token.i and token.pos_ not in ("VERB", "AUX"):
        token = token.head
        path.append(token)
    if any(t.lower_ == "since" for t in path):
        return "past"  # "since Trump's return to office in January"
    # "his return to office in January" dates the noun, not the verb's tense
    modifies_noun = modifies_noun or any(t.pos_ in ("NOUN", "PROPN") for t in path)
    if token.pos_ in ("VERB", "AUX"):
        auxiliaries = {child.lower_ for child in token.children if child.dep_ in ("aux", "auxpass")}
        governor = token.head if token.dep_ in ("xcomp", "acomp") else token
        governors = {governor, governor.head} if governor.dep_ == "acomp" else {governor}
        if any(c.lower_ in ("had", "'d") and c.dep_ == "aux" for g in governors for c in g.children):
            return "past"  # "had been due to expire Friday": a plan the text looks back on
        if token.lemma_ in SCHEDULING or token.lemma_ in DEFERRING and any(t.lower_ in UNTIL for t in path):
            return "future"  # "has scheduled a hearing Thursday", "postponed until Tuesday": the event's date
        if "have" in auxiliaries or token.tag_ == "VBN" and token.dep_ == "acl":
            return "past"  # "may have been", "the injunction issued Thursday"
        if auxiliaries & FUTURE_AUX or token.lemma_ in PLANNING and token.tag_ not in ("VBD", "VBN"):
            return "future"
        intends = token.head.lemma_ in PLANNING | SCHEDULING | {"set"}  # "agreed to buy", "set to resume"
        if "to" in auxiliaries and token.dep_ == "xcomp" and intends:
            return "future"
        if modifies_noun:
            return None
        if token.tag_ == "VBD" or (token.tag_ in ("VBN", "VBG") and auxiliaries & PAST_AUX):
            return "past"
        if token.tag_ == "VBG" and auxiliaries & {"is", "are", "am", "'s", "'re"}:
            return "future"
        if (
            token.tag_ in ("VBP", "VBZ")
            and token.lemma_ not in REPORTING | {"be", "have"}
            and not any(t.tag_ == "VBD" for t in token.sent)
        ):
            return "future"  # news writes schedules in the present: "they meet Monday"
    if any(t.lower_ in FUTURE_MARKERS for t in span[0].sent):
        return "future"
    return None


def looks_ahead(doc: Doc, start: int, end: int) -> bool:
    """The expression speaks of what is to come (see ``tense``)."""
    return tense(doc, start, end) == "future"


def _clock_with_day(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Join a clock time to the day beside it ("9 a.m." + "Tuesday"): TimeML marks them as one."""
    joined: list[tuple[int, int]] = []
    for start, end in spans:
        if joined:
            last_start, last_end = joined[-1]
            gap = text[last_end:start]
            clocks = [bool(CLOCK_WORDS.search(text[a:b])) for a, b in ((last_start, last_end), (start, end))]
            # the span before may have lost the full stop of "a.m." to trimming
            if re.fullmatch(r"\.?[ ,]*(?:on\s+)?", gap) and clocks.count(True) == 1:
                joined[-1] = (last_start, end)
                continue
        joined.append((start, end))
    return joined


AGE_BEFORE = re.compile(r"\b(?:his|her|their|my|your|our|its)\s+$", re.I)
AGE = re.compile(
    r"(?:(?:early|mid|late)[\s-]*)?(?:\d0['’]?s|(?:twent|thirt|fort|fift|sixt|sevent|eight|ninet)ies)", re.I
)
CLOCK_ONLY = re.compile(rf"(?:(?:about|around|at|by|until|after)\s+)?(?:{CLOCK_WORDS.pattern})\.?", re.I)
TIME_WORD = re.compile(
    rf"\d{{4}}|\d0s|day|week|month|year|quarter|season|night|morning|noon|evening|hour|minute|second|decade|centur"
    rf"|time|period|spring|summer|fall|autumn|winter|past|future|now|ago|then|ies\b|{MONTH_NAME}",
    re.I,
)
RECURRENCE_BEFORE = re.compile(r"\b(?:every|each)\s+$", re.I)


def time_expressions(doc: Doc, spans: list[tuple[int, int]], anchor: date | None) -> list[TimeExpression]:
    """Each span split into its expressions and normalised in reading order, so that "that day"
    and "the year-earlier quarter" lean on the date the text last named."""
    text = doc.text
    times: list[TimeExpression] = []
    reference: str | None = None
    for span_start, span_end in _clock_with_day(text, spans):
        reading = tense(doc, span_start, span_end)  # which side of publication a bare date falls
        for part_start, part_end in time_parts(text[span_start:span_end]):
            start, end = span_start + part_start, span_start + part_end
            if AGE_BEFORE.search(text[max(0, start - 20) : start]) and AGE.fullmatch(text[start:end]):
                continue  # "in his 30s", "in her early twenties": an age, not a decade
            if RECURRENCE_BEFORE.search(text[max(0, start - 12) : start]):  # "each Thursday", "every July"
                value = _recurring("every " + text[start:end].lower())
                if value is not None:
                    times.append(TimeExpression(start, end, text[start:end], value, "SET"))
                    continue
            value, kind = normalise(
                text[start:end],
                anchor,
                reference=reference,
                future=reading == "future",
                past=reading == "past",
            )
            if value is None and not TIME_WORD.search(text[start:end]):
                continue  # "Olympic", "as little as 99 cents": the recogniser's misfire, no time to read
            if kind == "TIME" and value and anchor and value.startswith(anchor.isoformat()) and reference:
                # "at 10:35 a.m." after "on Friday": the clock time of the day the text is on
                if re.fullmatch(r"\d{4}-\d{2}-\d{2}", reference) and CLOCK_ONLY.fullmatch(text[start:end]):
                    value = reference + value[10:]
            if (
                kind == "DATE"
                and is_reference_date(value)
                and value != (anchor and anchor.isoformat())
                and not COMPARISON.search(text[start:end])
            ):
                reference = value  # publication-day words ("today", "now") are no new reference
            times.append(TimeExpression(start, end, text[start:end], value, kind))
    return times
