"""Writes to the stafettlogg, by concern (``log``, ``people``, ``entries``, ``handover``,
``administration``, ``retention``). Each runs in one transaction together with its audit
record, and raises ``ValidationError`` with a Norwegian message (nothing is saved) on bad
input."""

from __future__ import annotations

from stafettlogg.services.administration import (
    attention_categories_ensure,
    attention_category_add,
    log_settings_change,
)
from stafettlogg.services.common import (
    MAX_CONSENT_MONTHS,
    add_months,
)
from stafettlogg.services.entries import (
    entry_add,
    evaluation_add,
    measure_add,
    measure_set_status,
)
from stafettlogg.services.handover import (
    handover_cancel,
    handover_propose,
    handover_respond,
)
from stafettlogg.services.log import (
    log_activate,
    log_close,
    log_create,
)
from stafettlogg.services.people import (
    consent_record,
    consent_withdraw,
    guardian_add,
    guardian_remove,
    participant_add,
    participant_remove,
)
from stafettlogg.services.retention import (
    purge_closed_logs,
)

__all__ = [
    "MAX_CONSENT_MONTHS",
    "add_months",
    "attention_categories_ensure",
    "attention_category_add",
    "consent_record",
    "consent_withdraw",
    "entry_add",
    "evaluation_add",
    "guardian_add",
    "guardian_remove",
    "handover_cancel",
    "handover_propose",
    "handover_respond",
    "log_activate",
    "log_close",
    "log_create",
    "log_settings_change",
    "measure_add",
    "measure_set_status",
    "participant_add",
    "participant_remove",
    "purge_closed_logs",
]
