"""The grant project's panel on the admin's dashboard (registered in hooks_project.py): for
each municipality whose project the user reads, the overdue milestones and the next ones, one
link each, or the way to register the grant decision. Two queries: the user's municipalities
with their projects (shared with the menu) and the open milestones."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils import timezone
from django.utils.safestring import SafeString
from wagtail.admin.ui.components import Component

from grants.access import GrantAction
from grants.selectors.milestones import due_milestones
from grants.views.admin_project import project_access


class ProjectPanel(Component):
    name = "grant_project"
    template_name = "grants/admin/dashboard_project.html"
    order = 60

    def render_html(self, parent_context: Mapping[str, Any] | None = None) -> SafeString:
        request = (parent_context or {}).get("request")
        if request is None or not project_access(request):
            return SafeString("")
        return super().render_html(parent_context)

    def get_context_data(self, parent_context: Mapping[str, Any] | None = None) -> dict:
        request = (parent_context or {})["request"]
        today = timezone.localdate()
        found = project_access(request)
        projects = [m.grant_project for m, _a in found if getattr(m, "grant_project", None)]
        due = due_milestones(projects, today)
        rows = []
        for municipality, access in found:
            project = getattr(municipality, "grant_project", None)
            rows.append(
                {
                    "municipality": municipality,
                    "project": project,
                    "may_edit": access.can(GrantAction.EDIT_PROJECT),
                    "due": due.get(project.pk) if project else None,
                }
            )
        return {"rows": rows, "today": today}
