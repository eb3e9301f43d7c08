"""Why For you ranks a paper where it does: reason codes with arguments, and their English templates.

Apart from reader.features.recommend (numpy), so the window can name and translate reasons without
importing numpy at start-up; a front end translates the code and fills in the arguments.
"""

from __future__ import annotations

from dataclasses import dataclass

MIN_STARS = 3  # below this many stars there is too little to learn from: papers are ordered by votes

REASON_TEMPLATES: dict[str, str] = {
    "starred_like": "because you starred “{0}”",
    "terms": "terms: {0}",
    "starred": "you starred it",
    "dismissed": "you marked it not interested",
    "few_stars": "only {0} of the {1} stars For you needs: ordered by votes",
    "votes": "{0} votes",
    "weak": "little in common with your stars",
}


@dataclass(frozen=True)
class Reason:
    """Why a paper is where it is in For you: a code of REASON_TEMPLATES and its arguments."""

    code: str
    args: tuple[str, ...] = ()

    def __str__(self) -> str:
        return REASON_TEMPLATES[self.code].format(*self.args)
