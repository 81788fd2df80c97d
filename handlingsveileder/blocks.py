"""StreamField blocks of the handlingsveileder: levels 0–3, each an ordered list of steps and
decision points. Editors see them as structured forms in the Wagtail admin."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from samhandlingsmodell.models import TARGET_GROUP_LABELS

RICH_TEXT_FEATURES = ["bold", "italic", "ol", "ul", "link", "document-link"]


class ServiceKind(models.TextChoices):
    """The kinds of service a member of staff chooses in the guide; steps can be variants for
    some of them."""

    BARNEHAGE = "barnehage", _("Kindergarten")
    SKOLE = "skole", _("School and after-school care")
    HELSESTASJON = "helsestasjon", _("Health clinic and school health service")
    NAV = "nav", _("NAV")
    FRITID = "fritid", _("Culture and leisure")
    ANNEN = "annen", _("Another service")


AGE_GROUPS = [(key, label) for key, label in TARGET_GROUP_LABELS.items() if key != "foreldre"]
LEVEL_NUMBERS = [("0", _("Level 0")), ("1", _("Level 1")), ("2", _("Level 2")), ("3", _("Level 3"))]


class Action(models.TextChoices):
    CONTINUE = "continue", _("Go on to the next step")
    LEVEL = "level", _("Go to another level")
    CLOSE = "close", _("Close: no further action")
    BARNEVERN = "barnevern", _("Report to barnevernstjenesten")
    ACUTE = "acute", _("Acute danger: contact police or emergency services")


class OutcomeBlock(blocks.StructBlock):
    label = blocks.CharBlock(label=_("Answer"), max_length=200)
    action = blocks.ChoiceBlock(choices=Action.choices, label=_("Then"))
    level = blocks.ChoiceBlock(
        choices=LEVEL_NUMBERS,
        required=False,
        label=_("Level to go to"),
        help_text=_("Only when the answer leads to another level."),
    )
    explanation = blocks.CharBlock(required=False, max_length=300, label=_("What happens then"))


class _TimedBlock(blocks.StructBlock):
    responsible_role = blocks.CharBlock(required=False, max_length=200, label=_("Responsible"))
    deadline_days = blocks.IntegerBlock(
        required=False,
        min_value=1,
        max_value=365,
        label=_("Deadline (days)"),
        help_text=_("Number of days from when the concern arose, if there is a deadline."),
    )
    deadline = blocks.CharBlock(
        required=False,
        max_length=200,
        label=_("Deadline in words"),
        help_text=_("E.g. «Within 14 days of the concern arising»."),
    )


class StepBlock(_TimedBlock):
    title = blocks.CharBlock(max_length=200, label=_("Title"))
    what_to_do = blocks.RichTextBlock(features=RICH_TEXT_FEATURES, label=_("What to do"))
    support_questions = blocks.ListBlock(
        blocks.CharBlock(max_length=300), default=[], label=_("Support questions")
    )
    participation = blocks.TextBlock(
        required=False, label=_("How the child and the guardians take part")
    )
    documentation = blocks.TextBlock(required=False, label=_("What to document, and where"))
    tools = blocks.ListBlock(
        blocks.PageChooserBlock(page_type="samhandlingsmodell.ElementPage"),
        default=[],
        label=_("Tools and arenas from the model"),
    )
    services = blocks.MultipleChoiceBlock(
        choices=ServiceKind.choices,
        required=False,
        label=_("Only for these services"),
        help_text=_("Leave empty when the step is the same for all services."),
    )
    age_groups = blocks.MultipleChoiceBlock(
        choices=AGE_GROUPS,
        required=False,
        label=_("Only for these ages"),
        help_text=_("Leave empty when the step applies at every age."),
    )

    class Meta:
        icon = "tick"
        label = _("Step")
        form_classname = "struct-block guide-step"


class DecisionBlock(_TimedBlock):
    title = blocks.CharBlock(max_length=200, label=_("Title"))
    question = blocks.CharBlock(max_length=300, label=_("Question"))
    outcomes = blocks.ListBlock(OutcomeBlock(), default=[], label=_("Possible answers"))

    class Meta:
        icon = "help"
        label = _("Decision point")


class LevelBlock(blocks.StructBlock):
    number = blocks.ChoiceBlock(choices=LEVEL_NUMBERS, label=_("Level"))
    name = blocks.CharBlock(max_length=200, label=_("Name"))
    summary = blocks.TextBlock(label=_("Summary"))
    items = blocks.StreamBlock(
        [("step", StepBlock()), ("decision", DecisionBlock())], label=_("Steps and decisions")
    )

    class Meta:
        icon = "list-ol"
        label = _("Level")
