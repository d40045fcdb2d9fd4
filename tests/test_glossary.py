"""The glossary's A–Z order in each language's alphabet (build_tools/collate.py) and the page time
(build_tools/timing.py)."""

from __future__ import annotations

import random

import pytest

from build_tools import collate, timing


def _sorted(words: list[str], lang: str) -> list[str]:
    shuffled = words[:]
    random.Random(7).shuffle(shuffled)
    return sorted(shuffled, key=lambda w: collate.sort_key(w, lang))


def test_vietnamese_letters_and_tones() -> None:
    # ă â after a, đ after d, ê after e, ô ơ after o, ư after u; tones only after the base letters
    # (ngang, huyền, hỏi, ngã, sắc, nặng); a shorter word first.
    words = ["an", "ăn", "ân", "bán", "bảo", "cam", "cảm", "cấp", "da", "dạ", "đa", "đáng", "em", "ép", "êm",
             "khác", "khách hàng", "khách hàng rời bỏ", "mo", "mò", "mỏ", "mõ", "mó", "mọ", "ô", "ơ", "tu", "tư",
             "uy", "ưu"]  # fmt: skip
    assert _sorted(words, "vi") == words


def test_russian_alphabet_with_yo_as_ye_and_latin_last() -> None:
    words = ["«преодоление пропасти»", "ёж", "ель", "ещё", "жук", "клиент", "клиентоориентированное", "клиентский",
             "эскалатор", "юг", "я", "CODM", "Simplex"]  # fmt: skip
    assert _sorted(words, "ru") == ["ёж", "ель", "ещё", "жук", "клиент", "клиентоориентированное", "клиентский",
                                    "«преодоление пропасти»", "эскалатор", "юг", "я", "CODM", "Simplex"]  # fmt: skip


def test_latin_languages_ignore_case_and_accents() -> None:
    assert _sorted(["Buy-Sell", "churn", "CODM", "customer", "élan", "Kaizen"], "en") == [
        "Buy-Sell", "churn", "CODM", "customer", "élan", "Kaizen"]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "lang", "letter"),
    [("đối tác", "vi", "Đ"), ("ăn", "vi", "Ă"), ("ấn", "vi", "Â"), ("ёж", "ru", "Е"), ("«преодоление»", "ru", "П"),
     ("Simplex", "ru", "A–Z"), ("élan", "en", "E"), ('"fit"', "en", "F")],
)  # fmt: skip
def test_the_letter_a_term_files_under(text: str, lang: str, letter: str) -> None:
    assert collate.initial(text, lang) == letter


def test_words_count_link_labels_and_vietnamese_syllables() -> None:
    assert timing.words("See [[level-1|the first level]] and [[toolbox]].") == 6
    assert timing.words("Khách hàng quyết định cấp độ.") == 6
    assert timing.words("Buy-Sell, customer’s") == 2
