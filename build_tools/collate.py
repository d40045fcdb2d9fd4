"""A–Z order of glossary terms in each language's own alphabet, and the letter each starts with.

- Latin languages (en, id and any not listed): letters a–z, accents ignored, case ignored.
- Russian: а б в г д е ё ж з и й к л м н о п р с т у ф х ц ч ш щ ъ ы ь э ю я, with ё sorted
  as е (as Russian dictionaries do); the terms written in Latin letters (``Simplex``) come after
  the Cyrillic ones, under one heading "A–Z".
- Vietnamese: a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y, where ă â đ ê ô ơ ư
  are letters of their own; tones only break ties, after the base letters, in the order
  ngang, huyền, hỏi, ngã, sắc, nặng (a à ả ã á ạ).

Punctuation and quotes before the first letter (``«преодоление пропасти»``) are ignored; words
are compared one by one (a space sorts before any letter).
"""

from __future__ import annotations

import unicodedata

_RU = "абвгдеёжзийклмнопрстуфхцчшщъыьэюя"
_VI = ["a", "ă", "â", "b", "c", "d", "đ", "e", "ê", "g", "h", "i", "k", "l", "m", "n", "o", "ô", "ơ", "p", "q", "r",
       "s", "t", "u", "ư", "v", "x", "y"]  # fmt: skip
_LATIN = "abcdefghijklmnopqrstuvwxyz"
_VI_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}  # huyền hỏi ngã sắc nặng
_VI_SHAPES = {"\u0306", "\u0302", "\u031b"}  # breve (ă), circumflex (â ê ô), horn (ơ ư)


def _letters(text: str) -> str:
    """``text`` from its first letter or digit on, lowercased."""
    text = text.strip().lower()
    for i, ch in enumerate(text):
        if ch.isalnum():
            return text[i:]
    return text


def _latin(ch: str) -> str:
    return unicodedata.normalize("NFD", ch)[0]


def _vi_char(ch: str) -> tuple[str, int]:
    """A Vietnamese character as (letter of the alphabet, tone)."""
    parts = unicodedata.normalize("NFD", ch)
    base = parts[0]
    tone = 0
    for mark in parts[1:]:
        if mark in _VI_SHAPES:
            base = unicodedata.normalize("NFC", base + mark)
        else:
            tone = _VI_TONES.get(mark, tone)
    return base, tone


def _rank(letter: str, lang: str) -> tuple[int, int]:
    """(script, position): letters of the language's alphabet first, then Latin, then the rest."""
    if lang == "ru":
        letter = "е" if letter == "ё" else letter
        if letter in _RU:
            return 0, _RU.index(letter)
    if lang == "vi" and letter in _VI:
        return 0, _VI.index(letter)
    base = _latin(letter)
    if base in _LATIN:
        return 1, _LATIN.index(base)
    if base.isdigit():
        return -1, int(base)
    return 2, ord(letter)


def sort_key(text: str, lang: str) -> tuple[tuple[tuple[int, int], ...], tuple[int, ...], str]:
    """The key that puts ``text`` in A–Z order for ``lang``."""
    letters = _letters(text)
    primary: list[tuple[int, int]] = []
    tones: list[int] = []
    for ch in letters:
        if ch.isspace() or not ch.isalnum():
            if ch.isspace() and primary and primary[-1] != (-2, 0):
                primary.append((-2, 0))  # a word ends: shorter words first
            continue
        if lang == "vi":
            base, tone = _vi_char(ch)
            tones.append(tone)
        else:
            base = ch
        primary.append(_rank(base, lang))
    return tuple(primary), tuple(tones), letters


def initial(text: str, lang: str) -> str:
    """The letter heading ``text`` files under: its first letter, capital, in the language's own
    alphabet (Vietnamese Đ and Ă are letters of their own; Russian Ё files under Е)."""
    letters = _letters(text)
    if not letters:
        return "#"
    ch = letters[0]
    if lang == "vi":
        base, _ = _vi_char(ch)
        return base.upper()
    if lang == "ru" and ch == "ё":
        return "Е"
    if lang == "ru" and ch in _RU:
        return ch.upper()
    if lang == "ru" and _latin(ch) in _LATIN:
        return "A–Z"  # one heading: a Latin C or S beside the Cyrillic С would read as the same letter
    return _latin(ch).upper()
