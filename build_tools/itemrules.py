"""Item-writing rules: what keeps a quiz from being passed on test-taking cues alone.

Checked per language over two pools of questions, the pages' practice quizzes and the final
test's bank, since a learner meets each pool as a whole:

- the key is the strictly longest option in at most 35 % of the single-choice questions, and in
  at most half of those of any one page's quiz (with four or more);
- 40 % to 60 % of the true-false questions are keyed true;
- no stem says how many answers to choose (the hint says it: "Choose two answers");
- no explanation starts with a verdict, or with a word or two of judgement taken back by "but"
  (the page adds the verdict, the same in every question);
- no option ends with a full stop, colon or semicolon (the page writes a verdict after it);
- no text of the content has a doubled word or doubled punctuation.

The words these rules look for differ by language: :data:`WORDS` holds them per language code.
A language of the site with no entry there is reported once, so a new language cannot pass
unchecked (ARCHITECTURE.md, "Adding a language").
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from build_tools import yamlload
from build_tools.errors import Problem
from build_tools.models import Question, Text
from build_tools.yamlload import Document, Loc

LONGEST_KEY_MAX = 0.35
QUIZ_LONGEST_KEY_MAX = 0.5
QUIZ_MIN_SINGLES = 4
"""One page's quiz: at most half of its single-choice keys the longest option, from four on."""
TRUE_SHARE = (0.40, 0.60)


@dataclass(frozen=True)
class Words:
    """What the rules look for in one language."""

    count: re.Pattern[str]
    """An answer-count instruction in a stem ("choose two", "select all that apply")."""
    verdict: re.Pattern[str]
    """A verdict at the start of an explanation: a verdict word ("Correct.", "No,"), or a judgement
    of a word or two taken back by "but" ("Helpful, but", "Welcome, but")."""
    doubled: frozenset[str] = frozenset()
    """Words that are correctly written twice in a row (reduplication)."""


def _words(count: str, verdict: str, but: str, doubled: Iterable[str] = (), judgement: int = 2) -> Words:
    """``judgement``: how many words a judgement before ``but`` may have (Vietnamese writes a word
    as one syllable each)."""
    hedge = rf"\w+(?:\s+\w+){{0,{judgement - 1}}},\s+(?:{but})\b"
    return Words(
        re.compile(count, re.IGNORECASE),
        re.compile(rf"^\s*(?:(?:{verdict})\s*[.!,:;—–-]|{hedge})", re.IGNORECASE),
        frozenset(doubled),
    )


WORDS: dict[str, Words] = {
    "en": _words(
        r"\b(?:choose|select|pick|tick|mark)\b[^.?!]{0,25}?\b(?:two|three|four|five|all|every|\d+)\b"
        r"|\ball that apply\b",
        r"correct|incorrect|right|wrong|yes|no|not quite|true|false|exactly",
        r"but",
    ),
    "id": _words(
        r"\b(?:pilih(?:lah)?|tandai|centang)\b[^.?!]{0,25}?\b(?:dua|tiga|empat|lima|semua|\d+)\b"
        r"|\bsemua yang (?:sesuai|benar|tepat)\b",
        r"benar|salah|tepat|kurang tepat|tidak tepat|betul|keliru|ya|tidak|bukan",
        r"tetapi|tapi|namun",
    ),
    "ru": _words(
        r"\bвыбер(?:ите|и)\b[^.?!]{0,25}?(?:\b(?:два|две|три|четыре|пять|все|всё|\d+)\b)"
        r"|\bвсе подходящие\b|\bвсе верные\b",
        r"верно|неверно|правильно|неправильно|не совсем|да|нет|точно|ошибка",
        r"но|однако",
    ),
    "vi": _words(
        r"\bchọn\b[^.?!]{0,25}?\b(?:hai|ba|bốn|năm|tất cả|mọi|\d+)\b",
        r"đúng|sai|chính xác|chưa chính xác|chưa đúng|không đúng|không|phải|đúng vậy",
        r"nhưng",
        # reduplicatives, and pairs across a word boundary ("năm năm": five years; "cung cấp cấp độ")
        ("từ", "dần", "thường", "ngày", "người", "nhà", "đâu", "cùng", "lâu", "mãi", "nhanh", "năm", "cấp"),
        judgement=3,
    ),
}

_DOUBLED_WORD = re.compile(r"(?<![\w-])(\w{2,})\s+\1(?![\w-])", re.IGNORECASE)
# Two marks in a row (",,", ".:", "?."), spaces between allowed; an ellipsis, "?!" and "!?" are fine,
# and so is an abbreviation's stop before a comma ("e.g.,", "т. е.,").
_DOUBLED_MARK = re.compile(r"(?<![.\s]\w)([,;:.!?])\s*([,;:.])")
_OPTION_END = re.compile(r"[.:;,]\s*$")
# Markup that is not prose: [[links]] and their labels stay, brackets go.
_LINK = re.compile(r"\[\[[^\]|]*\|?([^\]]*)\]\]")


def _prose(text: str) -> str:
    return _LINK.sub(lambda m: m.group(1) or "link", text).replace("...", "…")


def _problem(doc: Document, loc: Loc, lang: str, text: str, part: str, message: str) -> Problem:
    where = (*loc, lang)
    (line,) = doc.lines_within(where, [part])
    return Problem(doc.path, line, yamlload.format_loc(where), message)


def doubles(doc: Document, loc: Loc, value: Any, languages: Iterable[str]) -> list[Problem]:
    """Doubled words and doubled punctuation in one translatable text of any content file."""
    if not isinstance(value, dict):
        return []
    problems = []
    for lang in languages:
        text = value.get(lang)
        if not isinstance(text, str):
            continue
        prose = _prose(text)
        allowed = WORDS[lang].doubled if lang in WORDS else frozenset()
        for m in _DOUBLED_WORD.finditer(prose):
            word = m.group(1)
            if word.lower() in allowed or word.isdigit():
                continue
            problems.append(_problem(doc, loc, lang, text, word, f"the word {word!r} is written twice in a row"))
        for m in _DOUBLED_MARK.finditer(prose):
            if m.group(1) + m.group(2) in {"?!", "!?"}:
                continue
            problems.append(
                _problem(doc, loc, lang, text, m.group(0), f"doubled punctuation {m.group(0).strip()!r}; keep one mark")
            )
    return problems


Item = tuple[Document, Loc, Question]

VERDICTS = ("quiz_verdict_right", "quiz_verdict_wrong")
LABELS = ("true", "false")


def verdicts(site_doc: Document, ui: dict[str, Text], languages: Iterable[str]) -> list[Problem]:
    """The page writes a verdict after every option, the true-false options included: a verdict that
    shares a word with the labels "True"/"False" reads as a contradiction ("Salah — Benar")."""
    problems = []
    for lang in languages:
        labels = {w for key in LABELS if key in ui for w in re.findall(r"\w+", ui[key][lang].lower())}
        for key in VERDICTS:
            if key not in ui:
                continue
            clash = sorted(labels & set(re.findall(r"\w+", ui[key][lang].lower())))
            if clash:
                message = (
                    f"the verdict shares {', '.join(map(repr, clash))} with the true-false labels, so "
                    "'<label> — <verdict>' reads as a contradiction; word it differently"
                )
                problems.append(site_doc.problem(("ui", key, lang), message))
    return problems


def _texts(q: Question, lang: str) -> dict[str, str]:
    return {o.id: (o.text[lang] if o.text else "") for o in q.options}


def _cued(items: list[Item], lang: str) -> tuple[list[Item], list[Item]]:
    """The single-choice questions of ``items``, and those whose key is the strictly longest
    option in ``lang``."""
    singles = [(doc, loc, q) for doc, loc, q in items if q.type == "single"]
    cued = []
    for doc, loc, q in singles:
        lengths = {oid: len(" ".join(text.split())) for oid, text in _texts(q, lang).items()}
        key = lengths.get(q.answer, 0)
        if all(key > n for oid, n in lengths.items() if oid != q.answer):
            cued.append((doc, loc, q))
    return singles, cued


def _quiz_of(item: Item) -> tuple[str, object]:
    """The page quiz an item belongs to: its file and its list (``quiz`` or ``bank``)."""
    return str(item[0].path), item[1][0]


def _longest_key(pool: list[Item], lang: str, name: str) -> list[Problem]:
    """The pool as a whole, and each quiz of it on its own page: a learner who takes one quiz
    should not find the cue there either."""
    singles, cued = _cued(pool, lang)
    problems = []
    limit = math.floor(LONGEST_KEY_MAX * len(singles))
    if len(cued) > limit:
        where, bound = f"{lang}: in {name}", f"at most {limit}, {LONGEST_KEY_MAX:.0%}"
        problems.append(_cue_problem(cued, where, len(singles), bound))
    quizzes = {_quiz_of(item) for item in singles}
    if len(quizzes) > 1:  # a pool of one quiz is checked above, more strictly
        for quiz in sorted(quizzes, key=str):
            in_quiz = sum(1 for item in singles if _quiz_of(item) == quiz)
            quiz_cued = [item for item in cued if _quiz_of(item) == quiz]
            if in_quiz >= QUIZ_MIN_SINGLES and len(quiz_cued) > QUIZ_LONGEST_KEY_MAX * in_quiz:
                problems.append(_cue_problem(quiz_cued, f"{lang}: in this quiz", in_quiz, "at most half"))
    return problems


def _cue_problem(cued: list[Item], where: str, singles: int, limit: str) -> Problem:
    doc, loc, _ = cued[0]
    ids = ", ".join(q.id for _, _, q in cued)
    message = (
        f"{where}, the key is the strictly longest option in {len(cued)} of {singles} single-choice "
        f"questions ({len(cued) / singles:.0%}; {limit}), so a learner can pick the longest option and "
        f"score: shorten the key or lengthen a distractor in some of {ids}"
    )
    return doc.problem((*loc, "answer"), message)


def _true_share(pool: list[Item], name: str) -> list[Problem]:
    tf = [(doc, loc, q) for doc, loc, q in pool if q.type == "true-false"]
    if not tf:
        return []
    n = len(tf)
    lo, hi = math.ceil(TRUE_SHARE[0] * n), math.floor(TRUE_SHARE[1] * n)
    if lo > hi:  # too few questions for the band: the nearest counts outside it
        lo, hi = math.floor(TRUE_SHARE[0] * n), math.ceil(TRUE_SHARE[1] * n)
    true = sum(1 for _, _, q in tf if q.answer == "true")
    if lo <= true <= hi:
        return []
    doc, loc, _ = next(item for item in tf if (item[2].answer == "true") == (true > hi))
    message = (
        f"in {name}, {true} of {n} true-false questions are keyed 'true'; {lo} to {hi} should be "
        f"({TRUE_SHARE[0]:.0%}–{TRUE_SHARE[1]:.0%}), or 'false' becomes a safe guess"
    )
    return [doc.problem((*loc, "answer"), message)]


def _item_problems(doc: Document, loc: Loc, q: Question, lang: str, words: Words) -> Iterator[Problem]:
    stems: list[tuple[str, Text | None]] = [("prompt", q.prompt), ("scenario", q.scenario)]
    for key, stem in stems:
        if stem is None:
            continue
        m = words.count.search(stem[lang])
        if m:
            message = (
                f"the stem says how many answers to choose ({m.group(0)!r}); leave it to the hint, "
                "which the page writes from the key"
            )
            yield _problem(doc, (*loc, key), lang, stem[lang], m.group(0), message)
    for i, o in enumerate(q.options):
        if o.text is not None and (m := _OPTION_END.search(o.text[lang])):
            message = (
                f"the option ends with {m.group(0).strip()!r}; leave the final mark out (the page writes "
                "a verdict after the option)"
            )
            yield _problem(doc, (*loc, "options", i, "text"), lang, o.text[lang], m.group(0).strip(), message)
        m = words.verdict.match(o.explain[lang])
        if m:
            message = (
                f"the explanation starts with a verdict ({m.group(0).strip()!r}); the page adds the verdict, "
                "so start with the reason"
            )
            yield _problem(doc, (*loc, "options", i, "explain"), lang, o.explain[lang], m.group(0).strip(), message)


def check(
    pools: dict[str, list[Item]],
    languages: list[str],
    site_doc: Document | None,
    reported: frozenset[str] = frozenset(),
) -> list[Problem]:
    """Every item-writing problem of the pools (``name -> questions``), in every language. A language
    in ``reported`` (no text has it yet: said once at ``site.yaml``) is not said again here."""
    problems: list[Problem] = []
    missing = [lang for lang in languages if lang not in WORDS and lang not in reported]
    if missing and site_doc is not None:
        message = (
            f"no item-writing words for {', '.join(map(repr, missing))}: add them to WORDS in "
            "build_tools/itemrules.py (ARCHITECTURE.md, 'Adding a language')"
        )
        problems.append(site_doc.problem(("languages",), message))
    for name, pool in pools.items():
        problems += _true_share(pool, name)
        for lang in languages:
            if lang not in WORDS:
                continue
            problems += _longest_key(pool, lang, name)
            for doc, loc, q in pool:
                problems += _item_problems(doc, loc, q, lang, WORDS[lang])
    return problems
