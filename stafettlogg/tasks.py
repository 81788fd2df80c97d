"""Background tasks of the stafettlogg (Django Tasks; in production run `manage.py db_worker`)."""

from django_tasks import task

from stafettlogg import notices


@task()
def send_notice(notice_id: str) -> bool:
    return notices.deliver(notice_id)


@task()
def daily_notices() -> int:
    return notices.daily()
