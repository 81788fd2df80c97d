"""The report to Bufdir as a document: its title, cover and a list of blocks (headings,
paragraphs, fact tables and tables), built once from ``ReportData`` in the municipality's written
standard. The PDF and the DOCX are two writers of the same list, so that they say the same."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import ClassVar

from django.utils import formats, timezone, translation
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from grants.selectors.report import MilestoneRow, ReportData, ReportKind

# BCP 47 tags for the PDF's /Lang and the document's language in Word.
LANGUAGE_TAGS = {"nb": "nb-NO", "nn": "nn-NO"}
NONE = "–"


@dataclass(frozen=True)
class Heading:
    block: ClassVar[str] = "heading"
    level: int  # 1: a section (h2 in the PDF, Heading 1 in Word); 2 and 3: parts of one
    text: str


@dataclass(frozen=True)
class Paragraph:
    block: ClassVar[str] = "paragraph"
    text: str
    note: bool = False  # a placeholder the municipality writes over


@dataclass(frozen=True)
class Facts:
    """Two columns; the first holds the row's header cells."""

    block: ClassVar[str] = "facts"
    rows: list[tuple[str, str]]


@dataclass(frozen=True)
class Table:
    block: ClassVar[str] = "table"
    headers: list[str]
    rows: list[list[str]]
    marked: list[bool] = field(default_factory=list)  # rows to stand out (overdue)

    @property
    def rows_marked(self) -> list[tuple[list[str], bool]]:
        marks = self.marked or [False] * len(self.rows)
        return list(zip(self.rows, marks, strict=True))


Block = Heading | Paragraph | Facts | Table


@dataclass
class ReportDocument:
    title: str  # with the municipality's name: the PDF's and the DOCX's title
    kind_title: str
    municipality: str
    language: str
    made_on: str
    subtitle: str
    blocks: list[Block]

    @property
    def language_tag(self) -> str:
        return LANGUAGE_TAGS.get(self.language, self.language)

    @property
    def css_title(self) -> str:
        """The title as the inside of a CSS string (for the page footer): safe in <style>."""
        return "".join(f"\\{ord(char):x} " if char in '\\"<>&\n' else char for char in self.title)

    @property
    def filename_stem(self) -> str:
        return self.kind_title.split()[0].lower()


def _date(day: datetime.date | datetime.datetime | None) -> str:
    if day is None:
        return NONE
    if isinstance(day, datetime.datetime):
        day = timezone.localtime(day).date()
    return formats.date_format(day, "j. F Y")


def _amount(value: int) -> str:
    return _("NOK %(amount)s") % {"amount": f"{value:,}".replace(",", "\u00a0")}


def _or_none(text: str) -> str:
    return text.strip() or NONE


def _facts(data: ReportData) -> list[Block]:
    project = data.project
    document = project.mandate_document
    blocks: list[Block] = [
        Heading(1, _("About the project")),
        Facts(
            [
                (_("Municipality"), data.municipality.name),
                (_("Date of the grant decision"), _date(project.decision_date)),
                (
                    _("Project period"),
                    f"{_date(project.decision_date)} – {_date(project.end_date)}",
                ),
                (_("Grant for developing the model"), _amount(project.amount_development)),
                (
                    _("Grant for implementation and training"),
                    _amount(project.amount_implementation),
                ),
                (_("Grant in total"), _amount(project.amount_total)),
                (_("Project owner"), _or_none(project.project_owner)),
                (_("Project leader"), _or_none(project.project_leader)),
                (_("Regional KORUS"), _or_none(data.korus_region)),
                (_("Primary contact at Bufdir"), _or_none(project.bufdir_contact)),
                (_("Mandate adopted"), _or_none(project.mandate_adopted)),
                (_("Mandate as a document"), document.title if document else NONE),
            ]
        ),
    ]
    if project.mandate.strip():
        blocks += [Heading(2, _("Mandate")), Paragraph(project.mandate.strip())]
    blocks.append(Heading(2, _("Project organisation")))
    for group in data.groups:
        if group.members:
            rows = [[name, _or_none(represents)] for name, represents in group.members]
            blocks += [
                Heading(3, capfirst(group.label)),
                Table([_("Name"), _("Represents")], rows),
            ]
        else:
            blocks.append(
                Paragraph(_("%(group)s: no members registered.") % {"group": capfirst(group.label)})
            )
    return blocks


def _milestone_table(rows: list[MilestoneRow]) -> Table:
    def status(row: MilestoneRow) -> str:
        if row.overdue:
            return _("%(status)s, overdue") % {"status": row.status_label}
        return row.status_label

    return Table(
        [_("Milestone"), _("Due date"), _("Responsible"), _("Status"), _("Completed")],
        [
            [
                row.title,
                _date(row.due_date),
                _or_none(row.owner),
                status(row),
                _date(row.completed_on),
            ]
            for row in rows
        ],
        marked=[row.overdue for row in rows],
    )


def _milestones(data: ReportData) -> list[Block]:
    blocks: list[Block] = [Heading(1, _("Milestones"))]
    if not data.milestones:
        return [*blocks, Paragraph(_("No milestones are registered."))]
    if data.overdue_count:
        summary = ngettext(
            "%(count)s milestone is overdue.",
            "%(count)s milestones are overdue.",
            data.overdue_count,
        ) % {"count": data.overdue_count}
    else:
        summary = _("No milestone is overdue.")
    return [*blocks, Paragraph(summary), _milestone_table(data.milestones)]


def _modellsjekk(data: ReportData) -> list[Block]:
    blocks: list[Block] = [
        Heading(1, _("Modellsjekk")),
        Heading(2, _("Modellsjekk on %(date)s") % {"date": _date(data.made_on)}),
        Paragraph(
            _("%(passed)s of %(total)s requirements are met.")
            % {"passed": data.checks_passed, "total": len(data.checks)}
        ),
        Table(
            [_("Requirement"), _("Result"), _("What is missing")],
            [
                [
                    check.title,
                    _("Met") if check.passed else _("Not met"),
                    "\n".join(check.problems) or NONE,
                ]
                for check in data.checks
            ],
            marked=[not check.passed for check in data.checks],
        ),
        Heading(2, _("Rounds with Bufdir")),
    ]
    if not data.rounds:
        return [*blocks, Paragraph(_("The model has not been sent to Bufdir yet."))]
    approved = [row for row in data.rounds if row.status == "approved"]
    if approved:
        blocks.append(
            Paragraph(
                _("Bufdir approved the model on %(date)s (round %(round)s).")
                % {"date": _date(approved[0].decided_at), "round": approved[0].round}
            )
        )
    rows = [
        [
            str(row.round),
            _date(row.submitted_at),
            row.status_label,
            _date(row.decided_at),
            _("%(passed)s of %(total)s") % {"passed": row.checks_passed, "total": row.checks_total},
            NONE if row.comment_count is None else str(row.comment_count),
            NONE if row.answered_count is None else str(row.answered_count),
        ]
        for row in data.rounds
    ]
    headers = [
        _("Round"),
        _("Date sent"),
        _("Status"),
        _("Decided"),
        _("Modellsjekk met"),
        _("Comments"),
        _("Answered"),
    ]
    return [*blocks, Table(headers, rows)]


def _training(data: ReportData) -> list[Block]:
    blocks: list[Block] = [
        Heading(1, _("Training")),
        Paragraph(
            _(
                "The share of staff with training, per unit and topic, from the newest training "
                "recorded for each."
            )
        ),
    ]
    if data.coverage:
        blocks.append(
            Table(
                [
                    _("Unit"),
                    _("Topic"),
                    _("Date"),
                    _("Roles trained"),
                    _("Staff trained"),
                    _("Staff in the unit"),
                    _("Share of staff with training"),
                ],
                [
                    [
                        row.unit,
                        capfirst(row.topic_label),
                        _date(row.held_on),
                        _or_none(row.roles),
                        str(row.trained),
                        str(row.staff_total),
                        NONE if row.percent is None else f"{row.percent}\u00a0%",
                    ]
                    for row in data.coverage
                ],
            )
        )
    else:
        blocks.append(Paragraph(_("No training is recorded yet.")))
    if data.units_without_training:
        blocks.append(
            Paragraph(
                _("Units with no training recorded: %(units)s.")
                % {"units": ", ".join(data.units_without_training)}
            )
        )
    return blocks


def _weaknesses(data: ReportData) -> list[Block]:
    blocks: list[Block] = [Heading(1, _("Weaknesses and improvement measures"))]
    if not data.weaknesses:
        return [*blocks, Paragraph(_("No weaknesses or measures are registered."))]
    return [
        *blocks,
        Table(
            [
                _("Weakness or gap"),
                _("Improvement measure"),
                _("Responsible"),
                _("Status"),
                _("Due date"),
                _("Model element"),
            ],
            [
                [
                    row.description,
                    row.measure,
                    _or_none(row.owner),
                    row.status_label,
                    _date(row.due_date),
                    _or_none(row.element),
                ]
                for row in data.weaknesses
            ],
        ),
    ]


def _statistics() -> list[Block]:
    return [
        Heading(1, _("Statistics and mapping")),
        Paragraph(
            _(
                "This section will be filled from the product when statistics and mapping are "
                "part of it. Until then, the municipality writes it itself."
            ),
            note=True,
        ),
    ]


def _final_assessment(data: ReportData) -> list[Block]:
    plan = data.project.project_plan.strip()
    blocks: list[Block] = [
        Heading(1, _("Final assessment")),
        Heading(2, _("What was achieved against the goals")),
    ]
    if plan:
        blocks += [Paragraph(_("The project's goals, from the project plan:")), Paragraph(plan)]
    else:
        blocks.append(Paragraph(_("No project plan is registered.")))
    blocks += [
        Paragraph(_("The municipality writes its assessment here."), note=True),
        Heading(2, _("Hand-over to ordinary operation")),
    ]
    if data.final_milestones:
        blocks.append(_milestone_table(data.final_milestones))
    blocks.append(
        Paragraph(
            _(
                "The municipality writes here how the model is run, kept up to date and "
                "owned after the project."
            ),
            note=True,
        )
    )
    return blocks


def build(data: ReportData) -> ReportDocument:
    """The document in the municipality's written standard."""
    municipality = data.municipality
    with translation.override(municipality.language):
        if data.kind == ReportKind.FINAL:
            kind_title = _("Final report to Bufdir")
        else:
            kind_title = _("Status report to Bufdir")
        blocks = [
            *_facts(data),
            *_milestones(data),
            *_modellsjekk(data),
            *_training(data),
            *_weaknesses(data),
            *_statistics(),
        ]
        if data.is_final:
            blocks += _final_assessment(data)
        project = data.project
        return ReportDocument(
            title=f"{kind_title} – {municipality.name}",
            kind_title=kind_title,
            municipality=municipality.name,
            language=municipality.language,
            made_on=_("Date: %(date)s") % {"date": _date(data.made_on)},
            subtitle=_("Grant project %(start)s – %(end)s")
            % {"start": _date(project.decision_date), "end": _date(project.end_date)},
            blocks=blocks,
        )
