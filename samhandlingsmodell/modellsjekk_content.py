"""Modellsjekk's criteria on what the model contains (the grant scheme's requirements, seed 004):
both dimensions, tiltak and competence on every level, the pregnant among the target groups,
and partners outside the municipality. ``modellsjekk.run`` calls these with what it has read
already, so that they cost no query of their own beyond the target groups' one."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from django.utils.translation import gettext as _
from wagtail.models import Page

from samhandlingsmodell.modellsjekk_report import Criterion, Problem, add_url, edit_url
from samhandlingsmodell.models import (
    Dimension,
    ElementPage,
    ElementType,
    LevelKey,
    LevelPage,
    ServiceIndexPage,
    ServicePage,
)

PREGNANCY = "gravide"
# The element types every level needs besides those of criterion 2 (plan, routine, arena, tool).
LEVEL_CONTENT_TYPES = [ElementType.TILTAK, ElementType.KOMPETANSE]


def _by_level(
    levels: Mapping[str, LevelPage], elements: Iterable[ElementPage]
) -> dict[str, list[ElementPage]]:
    """The elements (as they will be published) under each level, by the level's key."""
    key_of = {level.path: key for key, level in levels.items()}
    found: dict[str, list[ElementPage]] = {key: [] for key in levels}
    for element in elements:
        key = key_of.get(element.path[: -Page.steplen])
        if key is not None:
            found[key].append(element)
    return found


def _ordered(levels: Mapping[str, LevelPage]) -> list[tuple[str, LevelPage]]:
    return [(key.value, levels[key.value]) for key in LevelKey if key.value in levels]


def dimensions_per_level(
    levels: Mapping[str, LevelPage], elements: Iterable[ElementPage]
) -> Criterion:
    """Structure (plans, routines, arenas) and culture (attitudes, competence, the way staff
    meet children) are the model's two dimensions: each level needs both."""
    criterion = Criterion(
        "struktur-kultur-per-level",
        _("Every level has elements of both structure and culture"),
    )
    grouped = _by_level(levels, elements)
    for key, level in _ordered(levels):
        present = {element.dimension for element in grouped[key]}
        for dimension in Dimension:
            if dimension.value not in present:
                criterion.problems.append(
                    Problem(
                        _("%(level)s has no element of the dimension %(dimension)s.")
                        % {"level": level.title, "dimension": str(dimension.label).lower()},
                        add_url(level, ElementPage),
                    )
                )
    return criterion


def content_per_level(
    levels: Mapping[str, LevelPage], elements: Iterable[ElementPage]
) -> Criterion:
    criterion = Criterion(
        "tiltak-kompetanse-per-level",
        _("Every level has tiltak and competence or training"),
    )
    grouped = _by_level(levels, elements)
    for key, level in _ordered(levels):
        present = {element.element_type for element in grouped[key]}
        for element_type in LEVEL_CONTENT_TYPES:
            if element_type.value not in present:
                criterion.problems.append(
                    Problem(
                        _("%(level)s has no element of the type %(type)s.")
                        % {"level": level.title, "type": str(element_type.label).lower()},
                        add_url(level, ElementPage),
                    )
                )
    return criterion


def pregnancy_covered(
    home: Page, levels: Mapping[str, LevelPage], elements: list[ElementPage]
) -> Criterion:
    """The scheme covers children from pregnancy: some element must be for pregnant women.
    ``elements`` are as they will be published, with their target groups prefetched (or, for a
    draft, read from its revision): no query here."""
    criterion = Criterion(
        "target-group-gravide",
        _("The target groups cover pregnancy"),
    )
    covered = any(
        group.key == PREGNANCY for element in elements for group in element.target_groups.all()
    )
    if not covered:
        level = levels.get(LevelKey.INDIVID.value) or next(iter(levels.values()), None)
        criterion.problems.append(
            Problem(
                _(
                    "No element of the model has pregnant women as a target group: tick "
                    "«%(group)s» on the elements that are for them, or add one."
                )
                % {"group": _("Pregnant women")},
                add_url(level, ElementPage) if level is not None else edit_url(home),
            )
        )
    return criterion


def external_partners(home: Page, pages: Iterable[Page]) -> Criterion:
    """Partners outside the municipality (BUP, Bufetat's familievern, the police, KORUS, the
    statsforvalter, volunteers) are named as services that are not municipal. ``pages`` are the
    model's pages as they will be published."""
    criterion = Criterion(
        "external-partners",
        _("Partners outside the municipality are named"),
    )
    pages = list(pages)
    if any(isinstance(page, ServicePage) and not page.is_internal for page in pages):
        return criterion
    index = next((page for page in pages if isinstance(page, ServiceIndexPage)), None)
    criterion.problems.append(
        Problem(
            _(
                "%(page)s names no partner outside the municipality (for example BUP, "
                "familievernet, the police or volunteers): add them as services that are not "
                "municipal."
            )
            % {"page": index.title if index is not None else _("The service directory")},
            add_url(index, ServicePage) if index is not None else add_url(home, ServiceIndexPage),
        )
    )
    return criterion
