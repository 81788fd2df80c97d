"""The Modellsjekk panel on the admin's dashboard (registered in wagtail_hooks.py)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from wagtail.admin.ui.components import Component

from municipalities.selectors import municipalities_administered_by
from samhandlingsmodell import modellsjekk, next_steps


class ModellsjekkPanel(Component):
    """For each municipality the user edits or approves: where the model stands, the three
    most important problems with links to fix them, the next steps from template to
    approved model, and (for approvers) the model's pages waiting for their approval."""

    name = "modellsjekk"
    template_name = "samhandlingsmodell/admin/dashboard_modellsjekk.html"
    order = 50

    def get_context_data(self, parent_context: Mapping[str, Any] | None = None) -> dict:
        parent_context = parent_context or {}
        request = parent_context["request"]
        user = request.user
        models = []
        if not user.is_superuser:  # national administrators have Modellsjekk's own list
            for municipality in municipalities_administered_by(user).order_by("number"):
                report = modellsjekk.run(municipality)
                steps = next_steps.model_steps(report)
                home = municipality.site.root_page
                models.append(
                    {
                        "municipality": municipality,
                        "report": report,
                        "problems": next_steps.top_problems(report),
                        "steps": steps,
                        "next_step": next_steps.next_step(steps),
                        "awaiting_review": next_steps.pages_awaiting_review(home, user),
                    }
                )
        return {"models": models, "request": request, "csrf_token": parent_context["csrf_token"]}
