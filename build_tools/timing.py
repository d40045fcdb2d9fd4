"""How long a page takes: reading its text and answering its quiz, in whole minutes.

Reading is counted from the page's own words (title, summary, objectives and every section; not
the quiz) at a silent-reading rate for study text per language. Vietnamese writes one syllable per
word-like unit, so its rate is in syllables, which is what the count gives for it. A quiz item
takes about a minute: reading the scenario and options, answering and reading the feedback.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from build_tools.content import REF, LoadedPage, iter_texts

RATES = {"en": 200, "id": 170, "ru": 150, "vi": 220}
"""Words (Vietnamese: syllables) read per minute in study text; a language not listed reads at
``DEFAULT_RATE``. English and Russian after Trauzettel-Klosinski and Dietz (2012), slowed for study
reading; Indonesian words are longer than English ones; Vietnamese counts syllables."""
DEFAULT_RATE = 180
MINUTES_PER_QUESTION = 1.0
_WORD = re.compile(r"\w+(?:[-'’]\w+)*")


@dataclass(frozen=True)
class PageTime:
    """Whole minutes, each rounded up, so that the total is the sum of the parts."""

    reading: int
    quiz: int

    @property
    def total(self) -> int:
        return self.reading + self.quiz


def words(text: str) -> int:
    """Words of a text as read: a ``[[id|label]]`` link counts its label (or one word)."""
    text = REF.sub(lambda m: m.group(2) or "x", text)
    return len(_WORD.findall(text))


def page_time(p: LoadedPage, lang: str) -> PageTime:
    count = 0
    for loc, value in iter_texts(p.spec.model, p.doc.data):
        if loc and loc[0] in {"quiz", "description", "nav_title", "short_name"}:
            continue
        if isinstance(value, dict) and isinstance(value.get(lang), str):
            count += words(value[lang])
    rate = RATES.get(lang, DEFAULT_RATE)
    reading = max(1, math.ceil(count / rate))
    return PageTime(reading, math.ceil(len(p.page.quiz) * MINUTES_PER_QUESTION))
