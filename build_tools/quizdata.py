"""The data ``quiz.js`` needs for one quiz, in one language: answer keys, topics, settings, strings.

Pure: reads validated content through the renderer's language context and returns a mapping that
``quiz.html.j2`` writes into a ``<script type="application/json">``. The question texts and
explanations are not repeated here: they are in the page's HTML, where they also serve readers
without JavaScript.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from build_tools import markup
from build_tools.models import FinalQuestion, FinalQuizPage, Question

if TYPE_CHECKING:
    from build_tools.render import Renderer

# Interface strings quiz.js formats at run time; the others are written into the HTML.
SCRIPT_UI_KEYS = (
    "quiz_correct",
    "quiz_first_wrong",
    "quiz_wrong_picks",
    "quiz_missed_picks",
    "quiz_partly",
    "quiz_incorrect",
    "quiz_partial_multiple",
    "quiz_partial_ordering",
    "quiz_your_answer",
    "quiz_other_options",
    "quiz_no_answer",
    "correct_answer",
    "quiz_result",
    "quiz_score",
    "quiz_history",
    "quiz_review",
    "quiz_answered",
    "quiz_unanswered",
    "quiz_question_n",
    "quiz_passed",
    "quiz_not_passed",
    "quiz_bank_failed",
    "quiz_moved",
    "quiz_choose_first",
    "quiz_reset_confirm",
    "quiz_cleared",
)

QuizData = Callable[[str, str, Sequence[Question], FinalQuizPage | None], dict[str, Any]]


def builder(renderer: Renderer) -> QuizData:
    """The ``quiz_data(quiz_id, mode, questions, final)`` template global of one renderer."""

    def quiz_data(
        quiz_id: str, mode: str, questions: Sequence[Question], final: FinalQuizPage | None = None
    ) -> dict[str, Any]:
        return build(renderer, quiz_id, mode, questions, final)

    return quiz_data


def build(
    renderer: Renderer, quiz_id: str, mode: str, questions: Sequence[Question], final: FinalQuizPage | None
) -> dict[str, Any]:
    """The quiz's data for the page being rendered (``renderer.here``).

    Args:
        renderer: Supplies the language, the link targets and the page being rendered.
        quiz_id: The quiz's id (the id of the page it sits on); names its saved progress.
        mode: ``practice`` (check each question) or ``test`` (submit once).
        questions: The quiz's questions, in the order they appear on the page.
        final: The final test (its bank is ``questions``): each attempt draws to its blueprint.

    Returns:
        A JSON-ready mapping; ``docs/assets/quiz.js`` documents each key.
    """
    lang = renderer.lang
    topic_of = {q.id: p.id for p, q in lang.content.questions()}
    here = renderer.here

    def href(site_url: str) -> str:
        path, _, anchor = site_url.partition("#")
        if path == here and anchor:
            return f"#{anchor}"  # same page: no reload
        return markup.relative_url(site_url, here)

    topics: dict[str, dict[str, str]] = {}
    items: list[dict[str, Any]] = []
    for q in questions:
        topic = q.topic if isinstance(q, FinalQuestion) else topic_of.get(q.id, quiz_id)
        if topic not in topics:
            target = lang.targets[topic]
            topics[topic] = {"title": target.label, "url": href(target.url)}
        item: dict[str, Any] = {
            "id": q.id,
            "type": q.type,
            "topic": topic,
            "options": [o.id for o in q.options],
            "answer": [q.answer] if isinstance(q.answer, str) else list(q.answer),
        }
        if isinstance(q, FinalQuestion):
            item["group"] = q.group
        if q.review:
            ref = q.review if "#" in q.review else f"{topic}#{q.review}"
            target = lang.targets[ref]
            page = ref.partition("#")[0]
            # A section of another page is named with its page, since the results list it under the topic.
            title = target.label if page == topic else f"{lang.targets[page].label} › {target.label}"
            item["review"] = {"title": title, "url": href(target.url)}
        items.append(item)
    data: dict[str, Any] = {
        "id": quiz_id,
        "mode": mode,
        "lang": lang.code,
        "sample": 0,
        "topics": topics,
        "questions": items,
        "ui": {key: lang.ui(key) for key in SCRIPT_UI_KEYS},
    }
    if final is not None:
        # The attempt's size, its draw (topics in the blueprint's order) and the pass mark.
        data["sample"] = final.attempt_size
        data["blueprint"] = [[topic, count] for topic, count in final.blueprint.items()]
        data["passMark"] = final.pass_mark
        for topic in final.blueprint:  # every topic of the blueprint, even one the bank lacks
            if topic not in topics and topic in lang.targets:
                topics[topic] = {"title": lang.targets[topic].label, "url": href(lang.targets[topic].url)}
    return data
