"""Background tasks of the stafettlogg (Django Tasks; in production run `manage.py db_worker`)."""

from django_tasks import task

from stafettlogg import archive, notices, services


@task()
def send_notice(notice_id: str) -> bool:
    return notices.deliver(notice_id)


@task()
def daily_notices() -> int:
    return notices.daily()


@task()
def archive_log(log_id: str) -> bool:
    return archive.archive_create(log_id) is not None


@task()
def purge_closed_logs() -> int:
    return services.purge_closed_logs()
