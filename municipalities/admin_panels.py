"""Dashboard panels about the pages of the user's municipalities (registered in
wagtail_hooks.py), narrowed to the user's admin scope."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from wagtail.admin.ui.components import Component

from municipalities.admin_scope import admin_scope
from municipalities.selectors import drafts_of, recently_published


class DraftsPanel(Component):
    """The user's own drafts that are not yet sent for approval (what was sent is in
    Wagtail's panel of the user's pages in a workflow)."""

    name = "samhandling_drafts"
    template_name = "municipalities/admin/dashboard_drafts.html"
    order = 230

    def get_context_data(self, parent_context: Mapping[str, Any] | None = None) -> dict:
        request = (parent_context or {})["request"]
        return {"pages": drafts_of(request.user, admin_scope(request.user))}


class RecentlyPublishedPanel(Component):
    """What was published last in the user's municipalities, and by whom."""

    name = "samhandling_recently_published"
    template_name = "municipalities/admin/dashboard_recently_published.html"
    order = 260

    def get_context_data(self, parent_context: Mapping[str, Any] | None = None) -> dict:
        request = (parent_context or {})["request"]
        return {"entries": recently_published(admin_scope(request.user))}
