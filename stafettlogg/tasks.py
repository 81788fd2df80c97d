"""Background tasks of the stafettlogg (Django Tasks; in production run `manage.py db_worker`).

Each task lives beside the work it does (``notices``, ``archive``); this module adds the one
that needs the services and names them all in one place for commands and cron."""

from django_tasks import task

from stafettlogg import services
from stafettlogg.archive import archive_log
from stafettlogg.notices import daily_notices, send_notice

__all__ = ["archive_log", "daily_notices", "purge_closed_logs", "send_notice"]


@task()
def purge_closed_logs() -> int:
    return services.purge_closed_logs()
