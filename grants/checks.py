"""Modellsjekk's criteria from the grant project (registered by ``hooks_modellsjekk``): a
mandate and a project plan exist, and training is recorded. They apply only to a municipality
with a grant project; Modellsjekk itself knows nothing of grants (it asks the hook)."""

from __future__ import annotations

from django.db.models import Count
from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail.models import Page

from grants.models import GrantProject
from samhandlingsmodell.modellsjekk import Criterion, Problem


def project_url(project: GrantProject) -> str:
    """Where the coordinator works on the project in the admin (the project's page with Bufdir's
    rounds, until the project has an editing page of its own)."""
    return reverse("grants_review_index", args=[project.municipality.number])


def grant_criteria(home: Page) -> list[Criterion]:
    """The criteria of the grant project of the municipality whose model starts at ``home``;
    none without a project. One query."""
    project = (
        GrantProject.objects.filter(municipality__site__root_page_id=home.pk)
        .select_related("municipality")
        .annotate(training_count=Count("trainings"))
        .first()
    )
    if project is None:
        return []
    url = project_url(project)

    mandate_ok = Criterion("grant-mandate", _("The project has a mandate"))
    if not (project.mandate.strip() or project.mandate_document_id):
        mandate_ok.problems.append(
            Problem(
                _("The grant project has no mandate: write it or attach the adopted document."),
                url,
            )
        )

    plan_ok = Criterion("grant-project-plan", _("The project has a project plan"))
    if not project.project_plan.strip():
        plan_ok.problems.append(
            Problem(
                _(
                    "The grant project has no project plan: describe the goals, the organisation, "
                    "the activities and how the work is anchored."
                ),
                url,
            )
        )

    training_ok = Criterion("grant-training", _("Training in the model is recorded"))
    if not project.training_count:  # type: ignore[attr-defined]
        training_ok.problems.append(
            Problem(
                _(
                    "No training is recorded: register which units have been trained in the "
                    "model and the handlingsveileder, and how many of their staff."
                ),
                url,
            )
        )
    return [mandate_ok, plan_ok, training_ok]
