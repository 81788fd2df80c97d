"""Who may do what with one log. Pure rules over facts gathered once per request.

- Nobody crosses municipalities: logs are looked up within the request's municipality.
- Guardians (matched by fødselsnummer) read all of their child's log, always; so does the youth
  from the municipality's consent age.
- A professional reads a log only while an active participant from a unit the current consent
  covers. Expired consent: read-only until renewed. Withdrawn consent: no access at all.
- Before consent (draft) only the stafettholder who created the log sees it.
- Unit leaders and municipal administrators see no log content unless they are participants
  (unit leaders see metadata of their unit's logs through ``selectors.unit_log_overview``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property

from django.utils import timezone
from django.utils.translation import gettext

from accounts.models import StaffRole
from stafettlogg.models import (
    Consent,
    Guardian,
    HandOver,
    Log,
    LogStatus,
    Participant,
    ParticipantRole,
)

# The municipality roles' part in the stafettlogg (the roles themselves are accounts'):
# stafettholders and participants start logs; a unit leader makes the accounts of the
# stafettholders and participants of their units, the municipal administrator those of the
# unit leaders. Neither reads a log unless they take part in it.
LOG_CREATOR_ROLES: tuple[str, ...] = (StaffRole.HOLDER, StaffRole.ACTOR)
ROLES_CREATED_BY: dict[str, list[str]] = {
    StaffRole.UNIT_LEADER: [StaffRole.HOLDER, StaffRole.ACTOR],
    StaffRole.ADMIN: [StaffRole.UNIT_LEADER],
}


class Action(StrEnum):
    VIEW = "view"
    VIEW_ACCESS_LOG = "view_access_log"
    MANAGE_GUARDIANS = "manage_guardians"
    RECORD_CONSENT = "record_consent"
    GIVE_CONSENT = "give_consent"
    WITHDRAW_CONSENT = "withdraw_consent"
    ACTIVATE = "activate"
    ADD_PARTICIPANT = "add_participant"
    WRITE = "write"
    ADD_LYSGLIMT = "add_lysglimt"
    PROPOSE_HANDOVER = "propose_handover"
    RESPOND_HANDOVER = "respond_handover"
    CANCEL_HANDOVER = "cancel_handover"
    DOWNLOAD_ARCHIVE = "download_archive"
    EXPORT = "export"
    REMOVE_PARTICIPANT = "remove_participant"
    CLOSE = "close"


class Role(StrEnum):
    GUARDIAN = "foresatt"
    YOUTH = "ungdom"
    HOLDER = "stafettholder"
    ACTOR = "aktor"
    NONE = ""


def professional_may_read(
    log_status: str, participant_role: str, consent_in_force: bool, unit_named: bool
) -> bool:
    """The read rule for a professional who is an active participant of a log: a draft only
    as its stafettholder; otherwise only while the newest consent is in force (not withdrawn)
    and names the participant's unit. The one statement of the rule: ``LogAccess`` and Mine
    logger (``selectors.my_logs``, over facts read in SQL) both ask it."""
    if log_status == LogStatus.DRAFT:
        return participant_role == ParticipantRole.HOLDER
    return consent_in_force and unit_named


def role_label(role: str) -> str:
    """What a role is called on the pages ("–" for none)."""
    labels = {
        Role.GUARDIAN: gettext("guardian"),
        Role.YOUTH: gettext("the youth"),
        Role.HOLDER: gettext("stafettholder"),
        Role.ACTOR: gettext("participant"),
    }
    return labels.get(role, "–")  # type: ignore[call-overload]


@dataclass
class LogAccess:
    """The facts about one user and one log that the access rules need, read once per
    request (``selectors.access_for``); the rules that look at dates and units are worked
    out once, since a page asks ``can`` for every action."""

    log: Log
    guardian: Guardian | None
    is_youth: bool
    participant: Participant | None
    consent: Consent | None  # the newest consent recorded (it may be withdrawn)
    pending_handover: HandOver | None
    consents: list[Consent] = field(default_factory=list)  # all of them, newest first

    @property
    def role(self) -> Role:
        if self.guardian is not None:
            return Role.GUARDIAN
        if self.is_youth:
            return Role.YOUTH
        if self.participant is not None:
            return Role.HOLDER if self.is_holder else Role.ACTOR
        return Role.NONE

    @property
    def is_family(self) -> bool:
        return self.guardian is not None or self.is_youth

    @property
    def is_holder(self) -> bool:
        return self.participant is not None and self.participant.role == ParticipantRole.HOLDER

    @property
    def consent_in_force(self) -> bool:
        """There is a consent and it has not been withdrawn (it may have expired)."""
        return self.consent is not None and self.consent.withdrawn_at is None

    @cached_property
    def consent_valid(self) -> bool:
        return self.consent is not None and self.consent.is_valid()

    @cached_property
    def consent_expired(self) -> bool:
        return self.consent_in_force and self.consent.expires_on < timezone.localdate()  # type: ignore[union-attr]

    @cached_property
    def covered(self) -> bool:
        """The professional's unit is one the newest consent names, and it is not withdrawn."""
        if self.participant is None or not self.consent_in_force:
            return False
        return self.participant.unit_id in {unit.pk for unit in self.consent.units.all()}  # type: ignore[union-attr]

    def _professional_can_read(self) -> bool:
        if self.participant is None:
            return False
        return professional_may_read(
            self.log.status, self.participant.role, self.consent_in_force, self.covered
        )

    def _professional_can_write(self) -> bool:
        return self.log.status == LogStatus.ACTIVE and self.covered and self.consent_valid

    def can(self, action: Action) -> bool:
        log = self.log
        open_ = log.status != LogStatus.CLOSED
        reads = self.is_family or self._professional_can_read()
        if not reads:
            return False
        match action:
            case Action.VIEW:
                return True
            case Action.VIEW_ACCESS_LOG:
                return self.is_family or self.is_holder
            case Action.MANAGE_GUARDIANS:
                return (
                    open_
                    and self.is_holder
                    and (log.status != LogStatus.ACTIVE or self.consent_valid)
                )
            case Action.RECORD_CONSENT:
                return open_ and self.is_holder
            case Action.GIVE_CONSENT:
                return open_ and self.is_family
            case Action.WITHDRAW_CONSENT:
                # Also after closing: withdrawal ends the professionals' reading access.
                return self.is_family and self.consent_in_force
            case Action.ACTIVATE:
                return log.status == LogStatus.CONSENTED and self.is_holder and self.consent_valid
            case Action.ADD_PARTICIPANT | Action.PROPOSE_HANDOVER | Action.REMOVE_PARTICIPANT:
                return self.is_holder and self._professional_can_write()
            case Action.WRITE:
                return self._professional_can_write()
            case Action.ADD_LYSGLIMT:
                return log.status == LogStatus.ACTIVE and (
                    self.is_family or self._professional_can_write()
                )
            case Action.CANCEL_HANDOVER:
                return (
                    self.pending_handover is not None
                    and self.participant is not None
                    and self.pending_handover.from_participant_id == self.participant.pk
                )
            case Action.RESPOND_HANDOVER:
                return (
                    self.pending_handover is not None
                    and self.participant is not None
                    and self.pending_handover.to_participant_id == self.participant.pk
                    and self._professional_can_write()
                )
            case Action.DOWNLOAD_ARCHIVE:
                # For the service's own records: the stafettholder of the closed log.
                return log.status == LogStatus.CLOSED and self.is_holder
            case Action.EXPORT:
                return self.is_family
            case Action.CLOSE:
                return open_ and (self.is_family or self.is_holder)
        return False
