"""What a municipality does next to get from the template to an approvable model, read from
its Modellsjekk report: the dashboard's Modellsjekk panel shows it.

The steps follow the model's tree: first the municipality's details, then the three levels,
then the other sections under the front page ("Hvem kan hjelpe?", the tiltak catalogue, the
handlingsveileder ...) in the editors' order, then the front page itself, then (only when other
apps' criteria name problems outside the model, like the grant project's) those, then sending
the model for approval and, last, the approval and publication. A step is done when Modellsjekk
names no problem on a page in its part of the tree; problems that only publishing removes
(``about_publication``) belong to the last step.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail.models import Page, WorkflowState

from samhandlingsmodell.modellsjekk import Problem, Report
from samhandlingsmodell.models import LevelKey, LevelPage

TOP_PROBLEMS = 3
# The page a fix link is about: /admin/pages/<id>/edit/ or /admin/pages/add/<app>/<model>/<id>/.
_PAGE_IN_URL = re.compile(r"/pages/(?:add/\w+/\w+/)?(\d+)/")


@dataclass(frozen=True)
class Step:
    title: str
    done: bool
    url: str


def top_problems(report: Report, count: int = TOP_PROBLEMS) -> list[Problem]:
    """The most important problems: the first problem of each unmet criterion in Modellsjekk's
    order (which puts the structure before the details), then further problems in the same
    order, so that three problems name up to three different requirements. What editing
    fixes comes before what only publishing fixes."""
    failing = sorted(
        (criterion for criterion in report.criteria if criterion.problems),
        key=lambda criterion: criterion.about_publication,
    )
    ordered = [criterion.problems[0] for criterion in failing]
    ordered += [problem for criterion in failing for problem in criterion.problems[1:]]
    return ordered[:count]


def _page_id(url: str) -> int | None:
    found = _PAGE_IN_URL.search(url)
    return int(found.group(1)) if found else None


def pages_in_workflow(page_ids: list[int]) -> set[int]:
    """Those of the pages that are in an approval workflow now (in progress or sent back)."""
    if not page_ids:
        return set()
    return {
        int(object_id)
        for object_id in WorkflowState.objects.active()
        .filter(
            base_content_type=ContentType.objects.get_for_model(Page),
            object_id__in=[str(pk) for pk in page_ids],
        )
        .values_list("object_id", flat=True)
    }


def pages_waiting_for_submission(home: Page) -> int:
    """Pages of the model with changes that nobody has sent for approval yet."""
    changed = list(
        Page.objects.descendant_of(home, inclusive=True)
        .filter(has_unpublished_changes=True)
        .values_list("pk", flat=True)
    )
    return len(set(changed) - pages_in_workflow(changed))


def model_steps(report: Report) -> list[Step]:
    """The steps from template to approved model, in order, each marked done or not."""
    municipality = report.municipality
    home = municipality.site.root_page
    sections = list(Page.objects.child_of(home).order_by("path").only("pk", "path", "title"))
    level_order = {
        key: position
        for position, key in enumerate(LevelKey.values)  # kommune, tjeneste, individ
    }
    levels = dict(LevelPage.objects.child_of(home).values_list("pk", "level"))
    sections.sort(key=lambda page: level_order.get(levels.get(page.pk, ""), len(level_order)))

    editing = [
        problem
        for criterion in report.criteria
        if not criterion.about_publication
        for problem in criterion.problems
    ]
    ids = {pk for problem in editing if (pk := _page_id(problem.fix_url)) is not None}
    paths = dict(Page.objects.filter(pk__in=ids).values_list("pk", "path"))

    def problems_in(root: Page | None, exact: bool = False) -> list[Problem]:
        found = []
        for problem in editing:
            path = paths.get(_page_id(problem.fix_url) or 0)
            if root is None:
                if path is None:
                    found.append(problem)
            elif path is not None and (path == root.path if exact else path.startswith(root.path)):
                found.append(problem)
        return found

    def step(title: str, problems: list[Problem], fallback: str) -> Step:
        return Step(title, not problems, problems[0].fix_url if problems else fallback)

    settings_url = reverse("municipality_settings", args=[municipality.number])
    # Problems without a page: the municipality's details, and what other apps check outside
    # the model (the grant project's mandate, plan and training), each a step of its own.
    outside = problems_in(None)
    details = [problem for problem in outside if problem.fix_url == settings_url]
    elsewhere = [problem for problem in outside if problem.fix_url != settings_url]
    steps = [step(_("Fill in the municipality's details"), details, settings_url)]
    for section in sections:
        steps.append(
            step(
                _("Go through %(section)s") % {"section": section.title},
                problems_in(section),
                reverse("wagtailadmin_explore", args=[section.pk]),
            )
        )
    steps.append(
        step(
            _("Go through the front page"),
            problems_in(home, exact=True),
            reverse("wagtailadmin_pages:edit", args=[home.pk]),
        )
    )
    if elsewhere:
        steps.append(step(_("Complete what Modellsjekk asks for outside the model"), elsewhere, ""))
    edited = all(s.done for s in steps)
    waiting = pages_waiting_for_submission(home)
    submitted = edited and (waiting == 0 or report.complete)
    steps.append(
        Step(
            _("Send the model for approval"),
            submitted,
            reverse("model_submit", args=[municipality.number]),
        )
    )
    steps.append(
        Step(
            _("The leader approves and publishes the model"),
            report.complete,
            reverse("modellsjekk_report", args=[municipality.number]),
        )
    )
    return steps


def next_step(steps: list[Step]) -> Step | None:
    return next((s for s in steps if not s.done), None)


def pages_awaiting_review(home: Page, user: object) -> int:
    """Pages of the model whose current approval task waits for ``user``."""
    from wagtail.models import TaskState

    page_ids = [
        str(pk)
        for pk in Page.objects.descendant_of(home, inclusive=True).values_list("pk", flat=True)
    ]
    states = TaskState.objects.reviewable_by(user)
    return states.filter(workflow_state__object_id__in=page_ids).count()
