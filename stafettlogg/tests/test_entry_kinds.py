"""The kinds of entry are listed once (stafettlogg/entry_kinds.py), and what reads the list
sees the kinds, forms, filters and tables it saw when each place had its own list."""

from __future__ import annotations

from django.apps import apps
from django.db.models import ForeignKey

from core.backup import summary
from stafettlogg.entry_kinds import BY_FORM_SLUG, ENTRY_KINDS
from stafettlogg.load import ENTRY_TYPES
from stafettlogg.models import Entry
from stafettlogg.selectors import TIMELINE_SECTIONS
from stafettlogg.selectors.log_page import _PLAIN_SECTIONS

_ENTRY_FIELDS = {field.name for field in Entry._meta.get_fields()}


def test_every_model_of_an_entry_is_one_kind_and_every_kind_has_its_own_name() -> None:
    models = [m for m in apps.get_app_config("stafettlogg").get_models() if issubclass(m, Entry)]
    assert sorted(kind.model.__name__ for kind in ENTRY_KINDS) == sorted(
        model.__name__ for model in models
    )
    names = [kind.name for kind in ENTRY_KINDS]
    assert len(set(names)) == len(names) == 8


def test_each_kind_names_every_field_its_model_adds_to_an_entry() -> None:
    for kind in ENTRY_KINDS:
        own = [f.name for f in kind.model._meta.concrete_fields if f.name not in _ENTRY_FIELDS]
        assert list(kind.fields) == own, kind.name


def test_a_kind_comes_after_the_kinds_it_points_at() -> None:
    seen: set[type] = set()
    for kind in ENTRY_KINDS:
        for field in kind.model._meta.concrete_fields:
            target = field.related_model if isinstance(field, ForeignKey) else None
            if isinstance(target, type) and issubclass(target, Entry):
                assert target in seen, f"{kind.name} points at {target.__name__}"
        seen.add(kind.model)


def test_the_forms_filters_and_sections_are_those_of_the_log_pages() -> None:
    assert {slug: kind.model.__name__ for slug, kind in BY_FORM_SLUG.items()} == {
        "omrade": "AttentionArea",
        "mal": "Goal",
        "mote": "Meeting",
        "lysglimt": "Lysglimt",
        "stemme": "ChildVoice",
        "niva": "LevelChange",
    }
    assert TIMELINE_SECTIONS == {
        "tiltak": ("measure", "evaluation"),
        "mal": ("attention", "goal"),
        "mote": ("meeting",),
        "lysglimt": ("lysglimt",),
        "stemme": ("voice",),
        "niva": ("level",),
    }
    assert {name: (s.model.__name__, s.link) for name, s in _PLAIN_SECTIONS.items()} == {
        "attention": ("AttentionArea", "mal"),
        "goals": ("Goal", "mal"),
        "meetings": ("Meeting", "mote"),
        "lysglimt": ("Lysglimt", "lysglimt"),
        "voices": ("ChildVoice", "stemme"),
        "levels": ("LevelChange", "niva"),
    }


def test_the_load_seeder_draws_every_kind_once() -> None:
    drawn = [name for name, _ in ENTRY_TYPES]
    assert sorted(drawn) == sorted(kind.name for kind in ENTRY_KINDS)


def test_a_backups_summary_counts_the_entries_of_every_kind_and_what_the_apps_register() -> None:
    tables = {
        "stafettlogg_log": 2,
        "stafettlogg_attentionarea": 1,
        "stafettlogg_goal": 2,
        "stafettlogg_measure": 3,
        "stafettlogg_evaluation": 4,
        "stafettlogg_meeting": 5,
        "stafettlogg_lysglimt": 6,
        "stafettlogg_childvoice": 7,
        "stafettlogg_levelchange": 8,
        "stafettlogg_consent": 3,
        "stafettlogg_handover": 1,
        "stafettlogg_participant": 99,
        "audit_auditevent": 40,
    }
    counted = summary({name: {"rows": rows, "sha256": ""} for name, rows in tables.items()})
    assert counted == {
        "logs": 2,
        "entries": 36,
        "consents": 3,
        "handovers": 1,
        "audit_events": 40,
    }
    assert list(counted) == ["logs", "entries", "consents", "handovers", "audit_events"]
