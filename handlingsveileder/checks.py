"""Modellsjekk criteria for the handlingsveileder (added to samhandlingsmodell.modellsjekk)."""

from __future__ import annotations

from django.utils.translation import gettext as _
from wagtail.models import Page

from handlingsveileder.blocks import Action
from handlingsveileder.models import HandlingsveilederPage
from handlingsveileder.selectors import parse_levels
from samhandlingsmodell.modellsjekk import (
    Criterion,
    Problem,
    add_url,
    edit_url,
    has_text,
    latest_version,
)
from samhandlingsmodell.models import ElementPage


def modellsjekk_criteria(home: Page) -> list[Criterion]:
    """Modellsjekk's criteria for the handlingsveileder under the model's front page ``home``:
    that it is there and published, then the guide's own criteria."""
    guide_ok = Criterion(
        "guide-present",
        _("A handlingsveileder is present and published"),
        about_publication=True,
    )
    guide = HandlingsveilederPage.objects.child_of(home).first()
    if guide is None:
        guide_ok.problems.append(
            Problem(_("The model has no handlingsveileder."), add_url(home, HandlingsveilederPage))
        )
    elif not guide.live:
        guide_ok.problems.append(
            Problem(_("The handlingsveileder is not published."), edit_url(guide))
        )
    return [guide_ok, *guide_criteria(latest_version(guide) if guide is not None else None)]


def guide_criteria(guide: HandlingsveilederPage | None) -> list[Criterion]:
    """The guide's own criteria; empty when there is no guide (the presence criterion in
    Modellsjekk reports that)."""
    if guide is None:
        return []
    url = edit_url(guide)
    parsed = parse_levels(guide.levels.raw_data, None)
    items = [item for level in parsed.levels for item in level.items]
    present = [level.number for level in parsed.levels]

    # The municipality chooses its guide (seed 003): BTI's levels 0–3 or a layout of its own.
    # What every guide needs is the way from concern to action, the route to barnevernstjenesten
    # and the route in acute danger; levels that are there must have steps.
    path_ok = Criterion(
        "guide-concern-to-action", _("The handlingsveileder shows the way from concern to action")
    )
    if not items:
        path_ok.problems.append(Problem(_("The guide has no steps from concern to action."), url))
    for level in parsed.levels:
        if items and not level.items:
            path_ok.problems.append(
                Problem(_("Level %(number)s has no steps.") % {"number": level.number}, url)
            )

    roles_ok = Criterion("guide-step-roles", _("Every step has a responsible role"))
    for item in items:
        if not item.responsible_role.strip():
            roles_ok.problems.append(
                Problem(
                    _("«%(step)s» (level %(number)s) has no responsible role.")
                    % {"step": item.title, "number": item.level},
                    url,
                )
            )

    outcomes_ok = Criterion("guide-decision-outcomes", _("Every decision point has outcomes"))
    for item in items:
        if item.kind == "decision" and len(item.outcomes) < 2:
            outcomes_ok.problems.append(
                Problem(
                    _("«%(step)s» (level %(number)s) needs at least two answers.")
                    % {"step": item.title, "number": item.level},
                    url,
                )
            )
        for outcome in item.outcomes:
            if outcome.action == Action.LEVEL and outcome.level not in present:
                outcomes_ok.problems.append(
                    Problem(
                        _("The answer «%(answer)s» leads to a level that does not exist.")
                        % {"answer": outcome.label},
                        url,
                    )
                )

    barnevern_ok = Criterion("guide-barnevern-route", _("A route to barnevernstjenesten exists"))
    has_outcome = any(o.action == Action.BARNEVERN for item in items for o in item.outcomes)
    if not has_outcome:
        barnevern_ok.problems.append(
            Problem(_("No decision point leads to barnevernstjenesten."), url)
        )
    if not has_text(guide.barnevern_text):
        barnevern_ok.problems.append(
            Problem(_("The guide does not describe how to report to barnevernstjenesten."), url)
        )

    acute_ok = Criterion("guide-acute-route", _("The route in acute danger is described"))
    if not has_text(guide.acute_text):
        acute_ok.problems.append(
            Problem(_("The guide does not describe what to do in acute danger."), url)
        )

    tools_ok = Criterion(
        "guide-tools-published",
        _("Every tool the guide links to is published"),
        about_publication=True,
    )
    tool_ids = {pk for item in items for pk in item.tool_ids}
    home_path = guide.path[: -guide.steplen]
    live = set(
        ElementPage.objects.filter(
            pk__in=tool_ids, live=True, path__startswith=home_path
        ).values_list("pk", flat=True)
    )
    titles = dict(ElementPage.objects.filter(pk__in=tool_ids).values_list("pk", "title"))
    for pk in sorted(tool_ids - live):
        tools_ok.problems.append(
            Problem(
                _("The guide links to «%(tool)s», which is not published in this model.")
                % {"tool": titles.get(pk, _("a deleted page"))},
                url,
            )
        )
    return [path_ok, roles_ok, outcomes_ok, barnevern_ok, acute_ok, tools_ok]
