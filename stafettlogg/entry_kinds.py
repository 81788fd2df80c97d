"""The kinds of entry written in a log, listed once.

Each kind is a model (a subclass of ``Entry``) and what the rest of the app needs to know of
it: the fields written in it, the URL of its form, its section on the log page and its rows on
the timeline. The services (purge), the selectors (log page, timeline), the forms, the views,
the load seeder and the backup summary (through a hook, ``stafettlogg/wagtail_hooks.py``) read
this list; a new kind is added here. A kind comes after the kinds it points at (evaluations
after measures): the load seeder writes the tables in this order, the purge deletes them in
the reverse order.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import CharField, F, Value
from django.db.models.functions import Cast, Coalesce, NullIf
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from stafettlogg.access import Action
from stafettlogg.models import (
    AttentionArea,
    ChildVoice,
    Entry,
    Evaluation,
    Goal,
    LevelChange,
    Lysglimt,
    Measure,
    Meeting,
)


@dataclass(frozen=True)
class KindForm:
    """The kind's own form, at ``<log>/ny/<slug>/``: it asks for the kind's ``fields``."""

    slug: str
    action: Action  # what the form needs of the log's access
    title: Promise


@dataclass(frozen=True)
class PageSection:
    """The kind's section on the log page: its newest entries, read as one part of one
    UNION ALL (``selectors.log_page._plain_sections``)."""

    name: str  # the section's name on the page (a field of ``selectors.LogSummary``)
    order: str  # newest first by this, then by when it was written
    columns: dict[str, str]  # generic column of the UNION -> field (the name the page uses)


@dataclass(frozen=True)
class EntryKind:
    name: str  # the kind on the timeline and in the load seeder
    model: type[Entry]
    fields: tuple[str, ...]  # what is written in it besides what every entry has
    timeline_filter: str  # the timeline filter (``?vis=``) that shows the kind
    timeline_text: Any  # the expression of its text on the timeline
    timeline_title: Any = None  # the expression of its title on the timeline, if any
    form: KindForm | None = None  # None: a form of its own (measures and evaluations)
    section: PageSection | None = None  # None: a section of its own (measures)


ENTRY_KINDS: tuple[EntryKind, ...] = (
    EntryKind(
        "attention",
        AttentionArea,
        ("category", "description"),
        "mal",
        timeline_title=F("category__name"),
        timeline_text=F("description"),
        form=KindForm("omrade", Action.WRITE, _("Add area of attention")),
        section=PageSection("attention", "created_at", {"a": "category__name", "b": "description"}),
    ),
    EntryKind(
        "goal",
        Goal,
        ("text",),
        "mal",
        timeline_text=F("text"),
        form=KindForm("mal", Action.WRITE, _("Add goal")),
        section=PageSection("goals", "created_at", {"a": "text"}),
    ),
    EntryKind(
        "measure",
        Measure,
        (
            "description",
            "responsible",
            "unit",
            "start_date",
            "evaluation_date",
            "status",
            "catalogue_tiltak",
        ),
        "tiltak",
        timeline_text=F("description"),
    ),
    EntryKind(
        "evaluation",
        Evaluation,
        ("measure", "evaluated_on", "text", "continue_measure"),
        "tiltak",
        timeline_title=F("measure__description"),
        timeline_text=F("text"),
    ),
    EntryKind(
        "meeting",
        Meeting,
        ("held_on", "attendees", "notes", "agreements"),
        "mote",
        timeline_text=Coalesce(
            NullIf(F("agreements"), Value("")), F("notes"), output_field=CharField()
        ),
        form=KindForm("mote", Action.WRITE, _("Add meeting")),
        section=PageSection(
            "meetings",
            "held_on",
            {"on": "held_on", "a": "attendees", "b": "notes", "c": "agreements"},
        ),
    ),
    EntryKind(
        "lysglimt",
        Lysglimt,
        ("text",),
        "lysglimt",
        timeline_text=F("text"),
        form=KindForm("lysglimt", Action.ADD_LYSGLIMT, _("Add lysglimt")),
        section=PageSection("lysglimt", "created_at", {"a": "text", "b": "author_name"}),
    ),
    EntryKind(
        "voice",
        ChildVoice,
        ("text",),
        "stemme",
        timeline_text=F("text"),
        form=KindForm("stemme", Action.ADD_LYSGLIMT, _("Add the child's voice")),
        section=PageSection("voices", "created_at", {"a": "text", "b": "author_name"}),
    ),
    EntryKind(
        "level",
        LevelChange,
        ("level", "note"),
        "niva",
        timeline_title=Cast("level", output_field=CharField()),
        timeline_text=F("note"),
        form=KindForm("niva", Action.WRITE, _("Change BTI level")),
        section=PageSection("levels", "created_at", {"level": "level", "a": "note"}),
    ),
)

# The kinds by their form's URL (``<log>/ny/<slug>/``).
BY_FORM_SLUG: dict[str, EntryKind] = {
    kind.form.slug: kind for kind in ENTRY_KINDS if kind.form is not None
}
