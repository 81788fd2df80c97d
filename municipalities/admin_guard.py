"""The admin's gate for municipal users (ADR 013).

Wagtail's permission policies and the ``construct_*`` hooks narrow what the admin's listings,
choosers and search show. This middleware closes what they cannot: for a user who is not a
national administrator (superuser), every admin view is refused (404) unless

1. the view is on the list of views a municipality's editors, approvers and staff work in
   (``MUNICIPAL_ADMIN_VIEWS``, extended by apps through the ``register_municipal_admin_views``
   hook), and
2. every object the URL names (page, document, image, revision, workflow state, task, upload,
   editing session, municipality), and every object named by the ``id``, ``childOf`` and
   ``parent_page_id`` query parameters, lies in the user's scope (``admin_scope``).

It fails closed: a URL argument it does not know refuses the view. A view added later by
Wagtail or by an app is therefore unreachable for municipal users until someone decides that
it is safe and adds it to the list; the enumerated test (``tests/test_admin_isolation.py``)
requests every admin URL as every municipal role and fails when anything leaks.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.http import Http404, HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from wagtail import hooks
from wagtail.admin.models import EditingSession
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import (
    Collection,
    Page,
    Revision,
    Site,
    TaskState,
    UploadedFile,
    WorkflowState,
    WorkflowTask,
)

from municipalities.admin_scope import AdminScope, admin_scope

# Views a municipal user may open; every object they name is still checked against the scope.
MUNICIPAL_ADMIN_VIEWS = frozenset(
    {
        "wagtailadmin_home",
        "wagtailadmin_account",
        "wagtailadmin_logout",
        "wagtailadmin_login",
        "wagtailadmin_password_reset",
        "wagtailadmin_password_reset_done",
        "wagtailadmin_password_reset_confirm",
        "wagtailadmin_password_reset_complete",
        "wagtailadmin_javascript_catalog",
        "wagtailadmin_sprite",
        "wagtailadmin_dismissibles",
        "wagtailadmin_block_preview",
        "wagtailadmin_editing_sessions:ping",
        "wagtailadmin_editing_sessions:release",
        # The page tree and its pages.
        "wagtailadmin_explore_root",
        "wagtailadmin_explore",
        "wagtailadmin_explore_results",
        "wagtailadmin_pages:add",
        "wagtailadmin_pages:preview_on_add",
        "wagtailadmin_pages:choose_parent",
        "wagtailadmin_pages:usage",
        "wagtailadmin_pages:edit",
        "wagtailadmin_pages:preview_on_edit",
        "wagtailadmin_pages:view_draft",
        "wagtailadmin_pages:add_subpage",
        "wagtailadmin_pages:delete",
        "wagtailadmin_pages:unpublish",
        "wagtailadmin_pages:convert_alias",
        "wagtailadmin_pages:search",
        "wagtailadmin_pages:search_results",
        "wagtailadmin_pages:move",
        "wagtailadmin_pages:move_confirm",
        "wagtailadmin_pages:set_page_position",
        "wagtailadmin_pages:copy",
        "wagtailadmin_pages:workflow_action",
        "wagtailadmin_pages:collect_workflow_action_data",
        "wagtailadmin_pages:confirm_workflow_cancellation",
        "wagtailadmin_pages:workflow_preview",
        "wagtailadmin_pages:set_privacy",
        "wagtailadmin_pages:lock",
        "wagtailadmin_pages:unlock",
        "wagtailadmin_pages:revisions_index",
        "wagtailadmin_pages:revisions_view",
        "wagtailadmin_pages:revisions_revert",
        "wagtailadmin_pages:revisions_unschedule",
        "wagtailadmin_pages:revisions_compare",
        "wagtailadmin_pages:workflow_history",
        "wagtailadmin_pages:workflow_history_detail",
        "wagtailadmin_pages:history",
        "wagtailadmin_pages:history_results",
        "wagtail_bulk_action",
        # The page chooser and the link choosers of the rich-text editor.
        "wagtailadmin_choose_page",
        "wagtailadmin_choose_page_child",
        "wagtailadmin_choose_page_search",
        "wagtailadmin_choose_page_chosen_multiple",
        "wagtailadmin_choose_page_external_link",
        "wagtailadmin_choose_page_email_link",
        "wagtailadmin_choose_page_phone_link",
        "wagtailadmin_choose_page_anchor_link",
        # The admin API the page explorer menu reads (scoped by Wagtail to explorable pages).
        "wagtailadmin_api:pages:listing",
        "wagtailadmin_api:pages:detail",
        "wagtailadmin_api:pages:find",
        "wagtailadmin_api:pages:action",
        # Reports that Wagtail narrows to the pages the user may edit.
        "wagtailadmin_reports:locked_pages",
        "wagtailadmin_reports:locked_pages_results",
        "wagtailadmin_reports:aging_pages",
        "wagtailadmin_reports:aging_pages_results",
        "wagtailadmin_reports:site_history",
        "wagtailadmin_reports:site_history_results",
        # Documents and images (scoped by Wagtail's collection permission policy).
        "wagtaildocs:index",
        "wagtaildocs:index_results",
        "wagtaildocs:add",
        "wagtaildocs:edit",
        "wagtaildocs:delete",
        "wagtaildocs:add_multiple",
        "wagtaildocs:edit_multiple",
        "wagtaildocs:create_multiple_from_uploaded_document",
        "wagtaildocs:delete_multiple",
        "wagtaildocs:delete_upload_multiple",
        "wagtaildocs:document_usage",
        "wagtaildocs_chooser:choose",
        "wagtaildocs_chooser:choose_results",
        "wagtaildocs_chooser:chosen",
        "wagtaildocs_chooser:chosen_multiple",
        "wagtaildocs_chooser:create",
        "wagtailimages:index",
        "wagtailimages:index_results",
        "wagtailimages:edit",
        "wagtailimages:delete",
        "wagtailimages:url_generator",
        "wagtailimages:url_generator_output",
        "wagtailimages:preview",
        "wagtailimages:add",
        "wagtailimages:image_usage",
        "wagtailimages:add_multiple",
        "wagtailimages:edit_multiple",
        "wagtailimages:create_multiple_from_uploaded_image",
        "wagtailimages:delete_multiple",
        "wagtailimages:delete_upload_multiple",
        "wagtailimages_chooser:choose",
        "wagtailimages_chooser:choose_results",
        "wagtailimages_chooser:chosen",
        "wagtailimages_chooser:chosen_multiple",
        "wagtailimages_chooser:create",
        "wagtailimages_chooser:select_format",
        "wagtailembeds:chooser",
        "wagtailembeds:chooser_upload",
        # The municipality's own details.
        "municipality_settings_index",
        "municipality_settings",
    }
)

# URL arguments that name no object (a page type, an action, an image rendition...).
_HARMLESS_ARGUMENTS = frozenset(
    {
        "action_name",
        "action",
        "content_type_app_name",
        "content_type_model_name",
        "filter_spec",
        "uidb64",
        "token",
    }
)
_PAGE_ARGUMENTS = frozenset(
    {"page_id", "parent_page_id", "page_to_move_id", "destination_id", "page_pk"}
)
# Views whose ``pk`` argument is a page, a document or an image.
_PK_KIND = {
    "wagtailadmin_api:pages:detail": "page",
    "wagtailadmin_api:pages:action": "page",
    "wagtailadmin_pages:revisions_compare": "page",
    "wagtaildocs_chooser:chosen": "document",
    "wagtailimages_chooser:chosen": "image",
}
# Views whose ``app_label`` and ``model_name`` name a page type (or the page an editing
# session is about, checked through ``object_id``).
_MODEL_ARGUMENT_VIEWS = ("wagtailadmin_pages:choose_parent", "wagtailadmin_editing_sessions:ping")
# The models bulk actions may be asked for, and what their ids are.
_BULK_KIND: dict[tuple[object, object], str] = {
    ("wagtailcore", "page"): "page",
    ("wagtaildocs", "document"): "document",
    ("wagtailimages", "image"): "image",
}


def municipal_admin_views() -> frozenset[str]:
    """The admin views open to municipal users: the core list and what apps add through the
    ``register_municipal_admin_views`` hook (a function returning view names)."""
    names = set(MUNICIPAL_ADMIN_VIEWS)
    for hook in hooks.get_hooks("register_municipal_admin_views"):
        names.update(hook())
    return frozenset(names)


def municipal_admin_arguments() -> dict[str, frozenset[str]]:
    """URL arguments that a view looks up only inside the municipality its ``number``
    argument names (an app's own rows, such as a milestone of the municipality's grant
    project): returned by apps as ``{view name: {argument, ...}}`` from the
    ``register_municipal_admin_arguments`` hook. The gate lets them through only when the view
    also has a ``number`` in the user's scope; the view must then 404 for rows of other
    municipalities."""
    found: dict[str, set[str]] = {}
    for hook in hooks.get_hooks("register_municipal_admin_arguments"):
        for view_name, names in hook().items():
            found.setdefault(view_name, set()).update(names)
    return {view_name: frozenset(names) for view_name, names in found.items()}


def _ints(values: Iterable[str]) -> list[int] | None:
    try:
        return [int(value) for value in values]
    except (TypeError, ValueError):
        return None


def _collection_of(kind: str, pk: object) -> int | None:
    model = get_document_model() if kind == "document" else get_image_model()
    return model.objects.filter(pk=pk).values_list("collection_id", flat=True).first()


def _in_scope(scope: AdminScope, kind: str, pk: object) -> bool:
    if kind == "page":
        return scope.includes_page(pk)
    collection_id = _collection_of(kind, pk)
    return collection_id is not None and scope.includes_collection(collection_id)


def _page_object_in_scope(scope: AdminScope, content_type_id: int, object_id: str) -> bool:
    """Revisions and workflow states name their object by content type and id; only pages
    are worked on in the admin."""
    page_type = ContentType.objects.get_for_model(Page)
    return content_type_id == page_type.pk and scope.includes_page(object_id)


def _revision_in_scope(scope: AdminScope, value: object) -> bool:
    if value in ("live", "earliest", "latest"):
        return True
    row = Revision.objects.filter(pk=value).values_list("base_content_type_id", "object_id")
    found = row.first()
    return found is not None and _page_object_in_scope(scope, *found)


def _workflow_state_in_scope(scope: AdminScope, pk: object) -> bool:
    row = WorkflowState.objects.filter(pk=pk).values_list("base_content_type_id", "object_id")
    found = row.first()
    return found is not None and _page_object_in_scope(scope, *found)


def _task_state_in_scope(scope: AdminScope, pk: object) -> bool:
    row = TaskState.objects.filter(pk=pk).values_list(
        "workflow_state__base_content_type_id", "workflow_state__object_id"
    )
    found = row.first()
    return found is not None and _page_object_in_scope(scope, *found)


def _task_in_scope(scope: AdminScope, pk: object) -> bool:
    """A task is in scope when a workflow it belongs to is assigned to a page in scope."""
    return WorkflowTask.objects.filter(
        scope.page_condition("workflow__workflow_pages__page__"), task_id=pk
    ).exists()


def _editing_object_in_scope(scope: AdminScope, kwargs: dict[str, Any]) -> bool:
    try:
        model = apps.get_model(kwargs["app_label"], kwargs["model_name"])
    except (LookupError, ValueError):
        return False
    return issubclass(model, Page) and scope.includes_page(kwargs["object_id"])


def _argument_in_scope(  # noqa: PLR0911 - one branch per kind of argument
    request: HttpRequest, scope: AdminScope, view_name: str, name: str, kwargs: dict[str, Any]
) -> bool:
    value = kwargs[name]
    if name in _HARMLESS_ARGUMENTS:
        return True
    if name in municipal_admin_arguments().get(view_name, ()):
        # Looked up by the view inside the municipality of ``number``, checked on its own.
        return "number" in kwargs
    if name in _PAGE_ARGUMENTS:
        return scope.includes_page(value)
    if name == "pk":
        kind = _PK_KIND.get(view_name)
        return kind is not None and _in_scope(scope, kind, value)
    if name in ("document_id", "doc_id"):
        return _in_scope(scope, "document", value)
    if name == "image_id":
        return _in_scope(scope, "image", value)
    if name in ("revision_id", "revision_id_a", "revision_id_b"):
        return _revision_in_scope(scope, value)
    if name == "workflow_state_id":
        return _workflow_state_in_scope(scope, value)
    if name == "task_state_id":
        return _task_state_in_scope(scope, value)
    if name == "task_id":
        return _task_in_scope(scope, value)
    if name == "uploaded_file_id":
        return UploadedFile.objects.filter(pk=value, uploaded_by_user=request.user).exists()
    if name == "session_id":
        return EditingSession.objects.filter(pk=value, user=request.user).exists()
    if name == "object_id":
        return _editing_object_in_scope(scope, kwargs)
    if name in ("app_label", "model_name"):
        if view_name == "wagtail_bulk_action":
            return (kwargs.get("app_label"), kwargs.get("model_name")) in _BULK_KIND
        return view_name in _MODEL_ARGUMENT_VIEWS
    if name == "number":
        return scope.includes_municipality(str(value))
    return False  # An argument nobody has judged: refuse (fail closed).


def _query_in_scope(request: HttpRequest, scope: AdminScope, view_name: str, kwargs: dict) -> bool:
    params = request.GET
    for name in ("childOf", "parent_page_id"):
        if name in params:
            ids = _ints([params[name]])
            if ids is None or not scope.includes_page(ids[0]):
                return False
    for name in ("child_of", "descendant_of"):
        value = params.get(name)
        if value not in (None, "root") and not (
            (ids := _ints([value])) is not None and scope.includes_page(ids[0])
        ):
            return False
    if "id" not in params:
        return True
    values = params.getlist("id")
    if view_name == "wagtail_bulk_action":
        kind = _BULK_KIND.get((kwargs.get("app_label"), kwargs.get("model_name")), "")
    elif view_name == "wagtailadmin_choose_page_chosen_multiple":
        kind = "page"
    elif view_name == "wagtaildocs_chooser:chosen_multiple":
        kind = "document"
    elif view_name == "wagtailimages_chooser:chosen_multiple":
        kind = "image"
    else:
        return True
    if "all" in values:
        # "All in the listing": Wagtail narrows documents and images by permission; pages
        # only by the parent in ``childOf``, checked above, which must then be given.
        return kind != "page" or "childOf" in params
    ids = _ints(values)
    return ids is not None and all(_in_scope(scope, kind, pk) for pk in ids)


class MunicipalAdminGuardMiddleware:
    """Refuse (404) every admin view, and every object in it, outside a municipal user's
    scope. National administrators (superusers) and anonymous visitors pass through: Wagtail
    sends the latter to its login."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self,
        request: HttpRequest,
        view_func: Callable[..., Any],
        view_args: tuple[Any, ...],
        view_kwargs: dict[str, Any],
    ) -> None:
        match = request.resolver_match
        user = getattr(request, "user", None)
        if match is None or user is None or not user.is_authenticated or user.is_superuser:
            return None
        if not match.route.startswith("admin/"):
            return None
        view_name = match.view_name or ""
        if view_name not in municipal_admin_views():
            raise Http404
        scope = admin_scope(user)
        for name in view_kwargs:
            if not _argument_in_scope(request, scope, view_name, name, view_kwargs):
                raise Http404
        if view_args or not _query_in_scope(request, scope, view_name, view_kwargs):
            raise Http404
        return None

    def process_template_response(
        self, request: HttpRequest, response: TemplateResponse
    ) -> TemplateResponse:
        """Listings and reports offer filters whose choices Wagtail takes from every user
        and site (owner, edited by, site): narrow those choices to the user's scope."""
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or user.is_superuser:
            return response
        filters = (response.context_data or {}).get("filters")
        form = getattr(filters, "form", None)
        if form is not None:
            _narrow_choices(form, admin_scope(user))
        return response


def _narrow_choices(form: Any, scope: AdminScope) -> None:
    user_model = get_user_model()
    for field in form.fields.values():
        queryset = getattr(field, "queryset", None)
        if queryset is None:
            continue
        if issubclass(queryset.model, user_model):
            field.queryset = scope.users(queryset)
        elif issubclass(queryset.model, Site):
            field.queryset = scope.sites(queryset)
        elif issubclass(queryset.model, Collection):
            field.queryset = scope.in_collection_tree(queryset)
        elif issubclass(queryset.model, Page):
            field.queryset = scope.pages(queryset)
