"""The timeline of one log and the history of who has opened it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import (
    CharField,
    F,
    QuerySet,
    Value,
)

from audit.models import AuditEvent
from stafettlogg.entry_kinds import ENTRY_KINDS
from stafettlogg.models import (
    Log,
)


@dataclass
class TimelineItem:
    at: datetime
    kind: str
    title: str
    text: str = ""
    who: str = ""


# Timeline filters (``?vis=``), named like the entry forms, and the kinds each one shows.
TIMELINE_SECTIONS: dict[str, tuple[str, ...]] = {
    name: tuple(kind.name for kind in ENTRY_KINDS if kind.timeline_filter == name)
    for name in dict.fromkeys(kind.timeline_filter for kind in ENTRY_KINDS)
}


def _rows(queryset: QuerySet[Any], kind: str | None, title: Any, text: Any) -> QuerySet[Any]:
    """One part of the timeline's UNION ALL: the same five columns from every table."""
    text_field = CharField()
    return (
        queryset.order_by()
        .annotate(
            t_at=F("created_at"),
            t_kind=Value(kind, output_field=text_field) if kind else F("action"),
            t_title=title if title is not None else Value("", output_field=text_field),
            t_text=text if text is not None else Value("", output_field=text_field),
            t_who=F("author_name") if kind else F("actor_name"),
        )
        .values_list("t_at", "t_kind", "t_title", "t_text", "t_who")
    )


def timeline_rows(log: Log, section: str | None = None) -> QuerySet[Any]:
    """Everything that happened in the log, newest first, as one SQL query that can be counted
    and sliced (for the paginator): entries, and for the whole timeline also consents,
    participants, hand-overs and status changes (from the audit trail, without reads).
    ``section`` (a key of TIMELINE_SECTIONS) limits it to one section of the log page."""
    parts = {
        kind.name: _rows(
            kind.model._default_manager.filter(log=log),
            kind.name,
            kind.timeline_title,
            kind.timeline_text,
        )
        for kind in ENTRY_KINDS
    }
    kinds = TIMELINE_SECTIONS.get(section or "", tuple(parts))
    queries = [parts[kind] for kind in kinds]
    if section not in TIMELINE_SECTIONS:
        history = AuditEvent.objects.filter(log_id=log.pk, action__in=HISTORY_ACTIONS)
        queries.append(_rows(history, None, None, None))
    first, *rest = queries
    return first.union(*rest, all=True).order_by("-t_at") if rest else first.order_by("-t_at")


def timeline(log: Log) -> list[TimelineItem]:
    """The whole timeline as items (the archive copy and the export use it)."""
    return [TimelineItem(*row) for row in timeline_rows(log)]


# Audit actions that belong in the log's own history (reads are shown in the access list).
HISTORY_ACTIONS = [
    "log.create",
    "guardian.add",
    "guardian.remove",
    "participant.remove",
    "handover.cancel",
    "consent.record",
    "consent.give",
    "consent.withdraw",
    "log.activate",
    "participant.add",
    "handover.propose",
    "handover.accept",
    "handover.decline",
    "measure.status",
    "log.close",
]

READ_ACTIONS = ["log.view", "log.timeline", "consent.file", "log.archive_download"]


def access_history(log: Log) -> QuerySet[AuditEvent]:
    """Who has opened this log, newest first (shown to the guardians)."""
    return AuditEvent.objects.filter(log_id=log.pk, action__in=READ_ACTIONS).order_by("-seq")
