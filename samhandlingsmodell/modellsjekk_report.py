"""What Modellsjekk reports: criteria with a stable code, each with its problems and the admin
page where each is fixed (read by ``modellsjekk``, ``modellsjekk_content`` and the other apps'
criteria)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from django.urls import reverse
from wagtail.models import Page

from municipalities.models import Municipality


@dataclass
class Problem:
    message: str
    fix_url: str


@dataclass
class Criterion:
    # A stable slug ("markers-left"): what a submission to Bufdir keeps and what the adviser's
    # verdicts and comments are filed under, whatever the title says in either written standard.
    code: str
    title: str
    problems: list[Problem] = field(default_factory=list)
    # Met by approving and publishing the model (not by editing it): the dashboard's next
    # steps leave these to the last step.
    about_publication: bool = False

    @property
    def passed(self) -> bool:
        return not self.problems


@dataclass
class Report:
    municipality: Municipality
    criteria: list[Criterion]

    @property
    def complete(self) -> bool:
        return all(criterion.passed for criterion in self.criteria)

    @property
    def failed_count(self) -> int:
        return sum(1 for criterion in self.criteria if not criterion.passed)

    def as_json(self) -> list[dict[str, Any]]:
        """The report as plain JSON: per criterion its code, its title as shown (in the
        municipality's written standard when the report comes from ``run``), whether it
        passed, and the problems' messages."""
        return [
            {
                "code": criterion.code,
                "title": str(criterion.title),
                "passed": criterion.passed,
                "problems": [str(problem.message) for problem in criterion.problems],
            }
            for criterion in self.criteria
        ]


def edit_url(page: Page) -> str:
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def add_url(parent: Page, model: type[Page]) -> str:
    return reverse(
        "wagtailadmin_pages:add", args=[model._meta.app_label, model._meta.model_name, parent.pk]
    )


def has_text(html: str) -> bool:
    return bool(re.sub(r"<[^>]+>", "", html or "").strip())
