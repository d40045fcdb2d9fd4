"""The content schema: one typed model per kind of YAML mapping, unknown keys rejected.

Field docstrings become descriptions in the exported JSON Schema (``python -m build_tools schema``).
Translations are checked separately (see ``content.check_texts``) so that every missing or empty
translation is reported, not only the first one of a mapping.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, RootModel, field_validator, model_validator

ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"


class Strict(BaseModel):
    """Base of every content model: strict types, unknown keys are errors."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, use_attribute_docstrings=True)


class Text(RootModel[dict[str, Any]]):
    """A text in every language: exactly one non-empty string per language code."""

    model_config = ConfigDict(strict=True, frozen=True)

    def __getitem__(self, lang: str) -> str:
        return str(self.root.get(lang, ""))


Id = str
List = list  # the Block model has a field named ``list``


class Language(Strict):
    """A language of the site."""

    code: str = Field(pattern=r"^[a-z]{2,3}$")
    """ISO 639-1 code, used as the key of every text and as the URL prefix (``site/<code>/``)."""
    name: str = Field(min_length=1)
    """The language's own name, shown in the language switcher (e.g. ``Русский``)."""
    search: str | None = None
    """lunr.js language of the search (Material's ``plugins.search.lang``): its stop words are left
    out of the index. Omit when lunr has no such language: no word is then left out."""


class Site(Strict):
    """``content/site.yaml``: languages, site-wide texts and every interface string."""

    languages: list[Language] = Field(min_length=1)
    """The site's languages, in switcher order; the first is the fallback for visitors."""
    site_name: Text
    """The site's name, in the header and the browser tab."""
    copyright: Text
    """The footer line."""
    ui: dict[str, Text]
    """Interface strings by key; the keys are fixed by the templates and scripts."""


class Example(Strict):
    """A worked example in a call-out box."""

    title: Text
    """The example's heading."""
    text: Text
    """The example itself."""


class Quote(Strict):
    """A quotation, in our translation, with who said it."""

    text: Text
    """The quoted words, paraphrased or translated."""
    source: Text
    """Who said it, and where."""


class Stat(Strict):
    """A key figure."""

    value: Text
    """The figure as written in each language (e.g. ``60–70%``, ``60–70 %``)."""
    label: Text
    """What the figure measures."""


class Block(Strict):
    """One block of a section's body: exactly one of the keys below."""

    text: Text | None = None
    """One or more paragraphs, separated by a blank line."""
    list: List[Text] | None = None
    """A bulleted list."""
    steps: List[Text] | None = None
    """A numbered list."""
    checklist: List[Text] | None = None
    """A list of signs to check."""
    note: Text | None = None
    """A note call-out."""
    tip: Text | None = None
    """A tip call-out."""
    warning: Text | None = None
    """A warning call-out."""
    example: Example | None = None
    """A worked example."""
    quote: Quote | None = None
    """A quotation."""
    stats: List[Stat] | None = None
    """Key figures."""
    tools: List[Id] | None = None
    """Links to toolbox entries, by tool id."""
    figure: Literal["hierarchy"] | None = None
    """A figure generated from the content: ``hierarchy`` is the five-level figure."""

    @model_validator(mode="before")
    @classmethod
    def _exactly_one(cls, data: Any) -> Any:
        if isinstance(data, dict):
            known = [k for k in data if k in cls.model_fields]
            if len(known) > 1:
                raise ValueError(f"a block has exactly one of its keys; found {', '.join(known)}")
            if not data:
                keys = ", ".join(cls.model_fields)
                raise ValueError(f"an empty block; give exactly one of: {keys}")
            if len(known) == 1 and data[known[0]] in (None, []):
                # Optional fields take None as absent, so this would pass and leave a block of no kind.
                raise ValueError(f"the {known[0]!r} block is empty; give its content or remove the block")
        return data

    @property
    def kind(self) -> str:
        """The one key that is set."""
        return next(k for k in type(self).model_fields if getattr(self, k) is not None)


class Section(Strict):
    """A titled part of a page."""

    id: Id = Field(pattern=ID_PATTERN)
    """The anchor, the same in every language; unique within the page."""
    title: Text
    """The section heading."""
    blocks: list[Block] = Field(min_length=1)
    """The section's body."""


class Option(Strict):
    """One answer option of a question."""

    id: Id = Field(pattern=r"^[a-z0-9-]+$")
    """Unique within the question; the answer key refers to it."""
    text: Text | None = None
    """The option's text (omit for ``true`` and ``false`` of a true-false question)."""
    explain: Text
    """Why this option is right or wrong."""


class Question(Strict):
    """A quiz question; its topic is the page it sits on."""

    id: Id = Field(pattern=ID_PATTERN)
    """Unique across all content; saved progress refers to it, so never reuse or renumber."""
    type: Literal["single", "multiple", "true-false", "ordering"]
    """How the question is answered."""
    scenario: Text | None = None
    """A situation to read before the prompt; makes the question a scenario item."""
    prompt: Text
    """The question."""
    review: str | None = Field(default=None, min_length=1)
    """Where to read up: a section id of this page, or ``page#section``."""
    options: list[Option] = Field(min_length=2)
    """The options, in the order shown before shuffling."""
    answer: Any
    """The key: one option id (single, true-false), a list of ids (multiple), or every id in
    the right order (ordering)."""


class Page(Strict):
    """Fields every page file has."""

    title: Text
    """The page heading and navigation label."""
    nav_title: Text | None = None
    """A shorter navigation label."""
    description: Text
    """The meta description: one sentence of at most about 160 characters."""
    summary: Text
    """The lead paragraph under the title."""
    sections: list[Section] = Field(default_factory=list)
    """The page body."""
    quiz: list[Question] = Field(default_factory=list)
    """The practice quiz at the end of the page."""


class ModulePage(Page):
    """``content/modules/<id>.yaml``: a companion module."""

    objectives: list[Text] = Field(min_length=2, max_length=3)
    """Two or three things the learner will be able to do after the page, each a performance
    statement ("classify an account from three signals"); shown at the top of the page."""
    order: int = 0
    """Position among the modules in the navigation: lower first, then by file name."""


class LevelPage(Page):
    """``content/levels/level-N.yaml``: one level of the hierarchy."""

    level: int
    """The level number, 1 to 5, the same as in the file name."""
    short_name: Text
    """Two or three words for the hierarchy figure."""
    objectives: list[Text] = Field(min_length=2, max_length=3)
    """Two or three things the learner will be able to do after the page, each a performance
    statement ("classify an account from three signals"); shown at the top of the page."""


class Tool(Strict):
    """A tool the levels name, explained in the toolbox."""

    id: Id = Field(pattern=ID_PATTERN)
    """Unique across all content; the anchor on the toolbox page."""
    serves: int = Field(ge=1, le=4)
    """The step it helps with: 2 means moving from level 2 to level 3."""
    name: Text
    """The tool's name, keeping the English name recognisable."""
    purpose: Text
    """What it is for, in one line."""
    what: Text
    """What it is."""
    how: Text
    """How to use it with a customer."""
    example: Text | None = None
    """Optional: a short worked example of the tool on the course's running case (AUTHORING.md)."""


class ToolboxPage(Page):
    """``content/toolbox.yaml``."""

    tools: list[Tool] = Field(min_length=1)
    """Every tool, in the order shown."""


class Term(Strict):
    """A glossary term: the one word used for a concept in each language."""

    id: Id = Field(pattern=ID_PATTERN)
    """Unique across all content; the anchor on the glossary page."""
    term: Text
    """The term in each language."""
    definition: Text
    """A one- or two-sentence definition."""
    link: Id | None = None
    """A page, section or tool that explains the term at length (``toolbox`` tool id, ``level-3``,
    ``customer-value#rater``); the glossary links to it."""
    avoid: dict[str, list[str]] = Field(default_factory=dict)
    """The termbase: per language code, variants that must not appear in any text of that
    language (the checker reports each one with the term to write instead). Matched whole-word,
    case-insensitive; ``*`` at the end of a word matches any ending (``трет* уровн*``). The term's
    own ``term`` and ``definition`` are not checked against its list, so they can name a variant to
    reject it."""


class GlossaryPage(Page):
    """``content/glossary.yaml``."""

    terms: list[Term] = Field(min_length=1)
    """Every term, in the order shown."""


class FinalQuestion(Question):
    """A question of the final test's own bank: it appears on no page."""

    topic: Id = Field(pattern=ID_PATTERN)
    """The page whose content it tests (``home``, ``level-N``, a module id); the results group by it
    and ``review`` is read relative to it."""
    group: Id = Field(pattern=ID_PATTERN)
    """Its concept group: items that test the same idea share one, and an attempt never holds two
    items of one group. A group belongs to one topic."""


class FinalQuizPage(Page):
    """``content/final-quiz.yaml``: the final test, drawn from its own bank to a blueprint."""

    pass_mark: int = Field(default=80, ge=1, le=100)
    """The score, in per cent of the attempt's questions, that passes the test."""
    blueprint: dict[Id, Annotated[int, Field(ge=1)]] = Field(default_factory=dict)
    """How many items one attempt takes per topic (a page id), in the order the topics are taught.
    The checker refuses a blueprint the bank cannot fill."""
    bank: list[FinalQuestion] = Field(default_factory=list)
    """The test's own questions, in any order; none of them appears on a page."""

    @property
    def attempt_size(self) -> int:
        """How many questions one attempt holds: the blueprint's sum (no blueprint: the whole bank)."""
        return sum(self.blueprint.values()) if self.blueprint else len(self.bank)

    @property
    def pass_count(self) -> int:
        """The score an attempt needs to pass: ``pass_mark`` per cent of its questions, rounded up."""
        return -(-self.attempt_size * self.pass_mark // 100)


class Statement(Strict):
    """One statement of the self-assessment, rated from the lowest to the highest answer."""

    id: Id = Field(pattern=ID_PATTERN)
    """Unique within the self-assessment; saved ratings refer to it, so never reuse or renumber."""
    text: Text
    """What would be true of the relationship, seen by one person in the customer's organization."""
    question: Text
    """What to ask that person when the learner answers "don't know": a question in the words of a
    conversation, which lets the customer say it (the customer decides, not the seller)."""


class AssessmentLevel(Strict):
    """The statements and result texts of one level in the self-assessment."""

    level: int = Field(ge=1, le=5)
    """The level number; the five levels are listed in order, 1 to 5."""
    statements: list[Statement] = Field(min_length=2)
    """The statements that show this level is reached."""
    result: Text
    """Shown when this is the estimated level: what the customer's view means."""
    next_step: Text
    """What separates this level from the next one (level 5: how to keep it)."""


class AssessmentPage(Page):
    """``content/assessment.yaml``: the self-assessment "Where do you stand with this customer?"."""

    scale: list[Text]
    """The four answers to every statement, from the lowest (0 points) to the highest (3 points)."""
    rule: Text
    """The scoring rule as the page states it; it must describe what assessment.js computes."""
    levels: list[AssessmentLevel]
    """The five levels, in order."""

    @field_validator("scale")
    @classmethod
    def _four_answers(cls, scale: list[Text]) -> list[Text]:
        if len(scale) != 4:
            raise ValueError(f"give exactly four answers, from the lowest to the highest; found {len(scale)}")
        return scale

    @field_validator("levels")
    @classmethod
    def _five_levels(cls, levels: list[AssessmentLevel]) -> list[AssessmentLevel]:
        numbers = [lv.level for lv in levels]
        if numbers != [1, 2, 3, 4, 5]:
            found = ", ".join(str(n) for n in numbers) or "none"
            raise ValueError(f"list the five levels in order, 1 to 5; found {found}")
        return levels  # duplicate statement ids: content.check_structure, which knows their lines
