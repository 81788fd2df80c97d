"""Modellsjekk: the model's completeness against the grant scheme's requirements.

Each criterion is named in the municipality's written standard, and each failure links to the
admin page where it is fixed. The report's types are in ``modellsjekk_report``, the criteria on
what the model contains in ``modellsjekk_content``; other apps add theirs through the
``register_modellsjekk_criteria`` hook.
"""

from __future__ import annotations

import datetime
import re

from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from wagtail import hooks
from wagtail.documents import get_document_model
from wagtail.models import Page, Revision

from municipalities.models import Municipality
from samhandlingsmodell import modellsjekk_content as content
from samhandlingsmodell.modellsjekk_report import (
    Criterion,
    Problem,
    Report,
    add_url,
    edit_url,
    has_text,
)
from samhandlingsmodell.models import (
    ElementPage,
    ElementType,
    LevelKey,
    LevelPage,
    ModelPage,
)
from samhandlingsmodell.placeholders import page_placeholders

REVIEW_MAX_AGE = datetime.timedelta(days=365)
REQUIRED_TYPES = [ElementType.PLAN, ElementType.RUTINE, ElementType.ARENA, ElementType.VERKTOY]
LINK_RE = re.compile(r'<a[^>]*\blinktype="(page|document)"[^>]*\bid="(\d+)"')


def run(municipality: Municipality, today: datetime.date | None = None) -> Report:
    with translation.override(municipality.language):
        return _run(municipality, today or timezone.localdate())


def _run(municipality: Municipality, today: datetime.date) -> Report:
    home = municipality.site.root_page.specific
    descendants = Page.objects.descendant_of(home)
    levels = {level.level: level for level in LevelPage.objects.child_of(home).order_by("path")}
    elements = list(
        ElementPage.objects.descendant_of(home)
        .select_related("responsible_service")
        .prefetch_related("related", "target_groups")
        .order_by("path")
    )
    level_by_path = {level.path: key for key, level in levels.items()}
    pages = list(descendants.specific())
    # What editors have changed but not yet published is checked as it will be published: a
    # draft's text lives in its latest revision, not in the page's own row.
    latest = latest_versions([home, *pages])

    # 1. Three levels
    levels_ok = Criterion("levels-present", _("All three levels are present"))
    for key in LevelKey:
        if key.value not in levels:
            levels_ok.problems.append(
                Problem(_("%(level)s is missing.") % {"level": key.label}, add_url(home, LevelPage))
            )

    # 2. Required element types per level
    types_ok = Criterion(
        "element-types-per-level",
        _("Every level has at least one plan or strategy, routine, meeting arena and tool"),
        about_publication=True,
    )
    present: set[tuple[str, str]] = set()
    for element in elements:
        level_key = level_by_path.get(element.path[: -Page.steplen])
        if level_key and element.live:
            present.add((level_key, element.element_type))
    for key, level in levels.items():
        for element_type in REQUIRED_TYPES:
            if (key, element_type.value) not in present:
                types_ok.problems.append(
                    Problem(
                        _("%(level)s has no published %(type)s.")
                        % {"level": level.title, "type": element_type.label.lower()},
                        add_url(level, ElementPage),
                    )
                )

    # 3. Documentation, evaluation, participation per level
    dep_ok = Criterion(
        "documentation-evaluation-participation",
        _("Documentation, evaluation and user participation are described on every level"),
    )
    labels = {
        "dokumentasjon": _("documentation"),
        "evaluering": _("evaluation"),
        "brukermedvirkning": _("user participation"),
    }
    for level in levels.values():
        for field_name, label in labels.items():
            if not has_text(getattr(latest.get(level.pk, level), field_name)):
                dep_ok.problems.append(
                    Problem(
                        _("%(level)s does not describe %(what)s.")
                        % {"level": level.title, "what": label},
                        edit_url(level),
                    )
                )

    # 4. What other apps check (the handlingsveileder: register_modellsjekk_criteria hook)
    registered = [
        criterion
        for hook in hooks.get_hooks("register_modellsjekk_criteria")
        for criterion in hook(home)
    ]

    # 5. What the scheme asks the model to contain (samhandlingsmodell.modellsjekk_content),
    # checked on the elements as they will be published (a draft's target groups come with its
    # revision; the others' are prefetched above).
    element_versions = [
        latest[element.pk] if element.has_unpublished_changes else element for element in elements
    ]
    contents = [
        content.dimensions_per_level(levels, element_versions),
        content.content_per_level(levels, element_versions),
        content.pregnancy_covered(home, levels, element_versions),
        content.external_partners(home, (latest[page.pk] for page in pages)),
    ]

    # 6. Published
    published_ok = Criterion("model-published", _("The model is published"), about_publication=True)
    if not home.live:
        published_ok.problems.append(
            Problem(_("The model's front page is not published."), edit_url(home))
        )
    for level in levels.values():
        if not level.live:
            published_ok.problems.append(
                Problem(_("%(page)s is not published.") % {"page": level.title}, edit_url(level))
            )

    # 7. Internal links
    links_ok = Criterion("internal-links", _("No broken internal links"), about_publication=True)
    page_targets: set[int] = set()
    document_targets: set[int] = set()
    found_links: list[tuple[Page, str, int]] = []
    for page in pages:
        for text in _rich_texts(page):
            for link_type, target in LINK_RE.findall(text):
                found_links.append((page, link_type, int(target)))
                (page_targets if link_type == "page" else document_targets).add(int(target))
    live_in_model = set(
        descendants.filter(pk__in=page_targets, live=True).values_list("pk", flat=True)
    )
    if home.pk in page_targets and home.live:
        live_in_model.add(home.pk)
    existing_documents = set(
        get_document_model()
        .objects.filter(pk__in=document_targets, collection=municipality.collection)
        .values_list("pk", flat=True)
    )
    for page, link_type, target in found_links:
        ok = target in (live_in_model if link_type == "page" else existing_documents)
        if not ok:
            links_ok.problems.append(
                Problem(
                    _("%(page)s links to a page or document that is missing or unpublished.")
                    % {"page": page.title},
                    edit_url(page),
                )
            )
    for element in elements:
        for related in element.related.all():
            if not related.live:
                links_ok.problems.append(
                    Problem(
                        _("%(page)s refers to the unpublished element %(other)s.")
                        % {"page": element.title, "other": related.title},
                        edit_url(element),
                    )
                )

    # 8. Owner and review
    owner_ok = Criterion(
        "owner-and-review",
        _("Every element has a responsible owner and was reviewed within the last 12 months"),
    )
    for element in (latest.get(element.pk, element) for element in elements):
        if element.responsible_service_id is None and not element.responsible_role.strip():
            owner_ok.problems.append(
                Problem(
                    _("%(page)s has no responsible service or role.") % {"page": element.title},
                    edit_url(element),
                )
            )
        if element.last_reviewed is None or today - element.last_reviewed > REVIEW_MAX_AGE:
            owner_ok.problems.append(
                Problem(
                    _("%(page)s has not been reviewed in the last 12 months.")
                    % {"page": element.title},
                    edit_url(element),
                )
            )

    # 9. Placeholders and template text: every page, published or not, front page included
    model_pages = [latest[page.pk] for page in [home, *pages]]
    placeholders_ok = Criterion("markers-left", _("No placeholders in square brackets are left"))
    for page in model_pages:
        for text_field, markers in page_placeholders(page):
            placeholders_ok.problems.append(
                Problem(
                    ngettext(
                        "%(page)s (%(field)s) still has the placeholder %(markers)s.",
                        "%(page)s (%(field)s) still has the placeholders %(markers)s.",
                        len(markers),
                    )
                    % {
                        "page": page.title,
                        "field": text_field.verbose_name,
                        "markers": ", ".join(markers),
                    },
                    edit_url(page),
                )
            )
    # Template text never edited: every page built from the template carries the mark
    # ``template_text``, which the admin form clears when an editor changes the page's text
    # (ModelPageForm.clean), or the editor unticks to accept the template's text as it is.
    # Reading the mark costs nothing (the pages are loaded already). Comparing each page with
    # the template's text would need the template rendered again per page and would call an
    # accepted text unadapted; counting revisions cannot tell publishing from editing.
    adapted_ok = Criterion(
        "template-text-unedited", _("All template text is adapted to the municipality")
    )
    for page in model_pages:
        if isinstance(page, ModelPage) and page.template_text:
            adapted_ok.problems.append(
                Problem(
                    _("%(page)s is still marked as unedited template text.") % {"page": page.title},
                    edit_url(page),
                )
            )

    # 10. The municipality's own details, shown on every page of the model
    details_ok = Criterion("contact-details", _("The municipality's contact details are filled in"))
    if not (municipality.contact_email.strip() and municipality.contact_phone.strip()):
        details_ok.problems.append(
            Problem(
                _("The municipality has no contact e-mail or phone."),
                reverse("municipality_settings", args=[municipality.number]),
            )
        )

    return Report(
        municipality=municipality,
        criteria=[
            levels_ok,
            types_ok,
            dep_ok,
            *registered,
            *contents,
            published_ok,
            links_ok,
            owner_ok,
            placeholders_ok,
            adapted_ok,
            details_ok,
        ],
    )


def latest_versions(pages: list[Page]) -> dict[int, Page]:
    """Each page (specific) as its latest version: its latest revision's content for a page
    with unpublished changes, the page itself otherwise. One query for all revisions."""
    changed = {
        page.latest_revision_id
        for page in pages
        if page.has_unpublished_changes and page.latest_revision_id
    }
    contents = dict(Revision.objects.filter(pk__in=changed).values_list("pk", "content"))
    return {
        page.pk: (
            page.with_content_json(contents[page.latest_revision_id])
            if page.has_unpublished_changes and page.latest_revision_id in contents
            else page
        )
        for page in pages
    }


def latest_version(page: Page) -> Page:
    return latest_versions([page])[page.pk]


def _rich_texts(page: Page) -> list[str]:
    from wagtail.fields import RichTextField

    if not isinstance(page, ModelPage):
        return []
    return [
        getattr(page, f.attname) or ""
        for f in page._meta.concrete_fields
        if isinstance(f, RichTextField)
    ]
