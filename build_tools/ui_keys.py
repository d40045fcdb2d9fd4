"""Every interface string the templates and scripts use, with what it is for.

``content/site.yaml`` must define exactly these keys under ``ui`` (a missing key is an error, an
unknown one too). Add a key here when a template or script needs a new string.
"""

UI_KEYS: dict[str, str] = {
    "choose_language": "Heading of the root page that lists the languages.",
    "skip_to_languages": "Root page: text shown while redirecting to the visitor's language.",
    "level_n": "'Level {n}' with {n} the level number.",
    "levels_nav": "Navigation group holding the five level pages.",
    "modules_nav": "Navigation group holding the companion modules.",
    "serves_step": "Toolbox: 'Helps move from level {from} to level {to}'.",
    "what_it_is": "Toolbox: heading of the tool's description.",
    "how_to_use": "Toolbox: heading of how to use the tool with a customer.",
    "used_at": "Toolbox: lead-in before the links to the level pages that use a tool.",
    "example": "Title of an example box when the example has no title of its own.",
    "note": "Title of a note box.",
    "tip": "Title of a tip box.",
    "warning": "Title of a warning box.",
    "quiz_heading": "Heading of the practice quiz at the end of a page.",
    "quiz_intro": "One line under the quiz heading.",
    "true": "Option label of a true-false question.",
    "false": "Option label of a true-false question.",
    "show_answer": "No-JS fallback: summary of the <details> holding the answer.",
    "correct_answer": "'Correct answer:' before the right option(s).",
    "why": "Heading before the explanations of the options.",
    "scenario": "Label before a scenario item's situation.",
    "order_hint": "Ordering question: how to arrange the items.",
    "choose_one": "Single-choice question: instruction.",
    "choose_all": "Multiple-choice question: instruction.",
    "figure_title": "Accessible title of the hierarchy figure.",
    "figure_desc": "Accessible description of the hierarchy figure.",
    "chasm": "Label of the gap between levels 3 and 4 in the figure.",
    "not_found_title": "404 page heading.",
    "not_found_text": "404 page text.",
    "back_home": "404 page: link to the home page.",
    "palette_light": "Colour toggle: switch to the light scheme.",
    "palette_dark": "Colour toggle: switch to the dark scheme.",
    "palette_auto": "Colour toggle: follow the system's scheme.",
    "language_switcher": "Accessible label of the header's language list.",
}
