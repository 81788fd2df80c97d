"""Handing the stafettholder role over."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import Actor
from stafettlogg.models import (
    HandOver,
    HandOverStatus,
    Log,
    NoticeKind,
    Participant,
    ParticipantRole,
)
from stafettlogg.notices import notify
from stafettlogg.services.common import _audit


@transaction.atomic
def handover_propose(
    actor: Actor,
    log: Log,
    *,
    from_participant: Participant,
    to_participant: Participant,
    message: str = "",
) -> HandOver:
    if from_participant.role != ParticipantRole.HOLDER:
        raise ValidationError(_("Only the stafettholder can propose a hand-over."))
    if to_participant.log_id != log.pk or to_participant.pk == from_participant.pk:
        raise ValidationError({"to_participant": _("Choose another participant in the log.")})
    if to_participant.removed_at is not None:
        raise ValidationError({"to_participant": _("Choose another participant in the log.")})
    try:
        with transaction.atomic():
            handover = HandOver.objects.create(
                log=log,
                from_participant=from_participant,
                to_participant=to_participant,
                message=message,
            )
    except IntegrityError:
        raise ValidationError(_("A hand-over is already waiting for an answer.")) from None
    _audit(actor, "handover.propose", log, handover)
    notify(log, NoticeKind.HANDOVER, str(handover.pk), users=[to_participant.user])
    return handover


@transaction.atomic
def handover_cancel(actor: Actor, handover: HandOver) -> None:
    updated = HandOver.objects.filter(pk=handover.pk, status=HandOverStatus.PENDING).update(
        status=HandOverStatus.CANCELLED, decided_at=timezone.now()
    )
    if not updated:
        raise ValidationError(_("This hand-over has already been answered."))
    _audit(actor, "handover.cancel", handover.log, handover)


@transaction.atomic
def handover_respond(actor: Actor, handover: HandOver, *, accept: bool) -> None:
    """The proposed participant accepts (and becomes the one stafettholder) or declines."""
    handover = HandOver.objects.select_for_update().get(pk=handover.pk)
    if handover.status != HandOverStatus.PENDING:
        raise ValidationError(_("This hand-over has already been answered."))
    handover.status = HandOverStatus.ACCEPTED if accept else HandOverStatus.DECLINED
    handover.decided_at = timezone.now()
    handover.save(update_fields=["status", "decided_at"])
    if accept:
        # The old holder becomes an ordinary participant first: the database allows only one.
        Participant.objects.filter(pk=handover.from_participant_id).update(
            role=ParticipantRole.ACTOR
        )
        Participant.objects.filter(pk=handover.to_participant_id).update(
            role=ParticipantRole.HOLDER
        )
    _audit(actor, "handover.accept" if accept else "handover.decline", handover.log, handover)
