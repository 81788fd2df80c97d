"""Pages of the stafettlogg for staff and guardians, under /stafettlogg/ on the municipality's
host, by concern (``mine``, ``log``, ``people``, ``entries``, ``handover``,
``administration``). Views stay thin: access in ``access``, reads in ``selectors``, writes in
``services``."""

from __future__ import annotations

from stafettlogg.views.administration import (
    administration,
    unit_page,
)
from stafettlogg.views.entries import (
    entry_add,
    evaluation_add,
    measure_add,
    measure_status,
)
from stafettlogg.views.handover import (
    handover_cancel,
    handover_propose,
    handover_respond,
)
from stafettlogg.views.log import (
    access_history,
    archive_download,
    export_json,
    log_activate,
    log_close,
    log_detail,
    log_timeline,
)
from stafettlogg.views.mine import (
    log_new,
    mine,
)
from stafettlogg.views.people import (
    consent_file,
    consent_new,
    consent_withdraw,
    guardian_add,
    guardian_remove,
    participant_add,
    participant_remove,
)

__all__ = [
    "access_history",
    "administration",
    "archive_download",
    "consent_file",
    "consent_new",
    "consent_withdraw",
    "entry_add",
    "evaluation_add",
    "export_json",
    "guardian_add",
    "guardian_remove",
    "handover_cancel",
    "handover_propose",
    "handover_respond",
    "log_activate",
    "log_close",
    "log_detail",
    "log_new",
    "log_timeline",
    "measure_add",
    "measure_status",
    "mine",
    "participant_add",
    "participant_remove",
    "unit_page",
]
