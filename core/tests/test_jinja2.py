"""The Jinja2 environment's helpers give what Django's own tags give (ADR 011)."""

import uuid

import pytest
from django.urls import reverse, set_script_prefix

from config.jinja2 import url

LOG, OTHER = uuid.uuid4(), uuid.uuid4()


@pytest.mark.parametrize(
    ("name", "args"),
    [
        ("stafettlogg:mine", ()),
        ("stafettlogg:log", (LOG,)),
        ("stafettlogg:entry_add", (LOG, "mote")),
        ("stafettlogg:entry_add", (LOG, "lysglimt")),
        ("stafettlogg:guardian_remove", (LOG, OTHER)),
        ("stafettlogg:guardian_remove", (OTHER, LOG)),
    ],
)
def test_url_is_what_reverse_gives(name, args):
    assert url(name, *args) == reverse(name, args=args)


def test_url_of_another_log_has_its_id():
    first, second = url("stafettlogg:timeline", LOG), url("stafettlogg:timeline", OTHER)
    assert first == reverse("stafettlogg:timeline", args=[LOG])
    assert second == reverse("stafettlogg:timeline", args=[OTHER])
    assert str(OTHER) in second and str(LOG) not in second


def test_url_follows_the_script_prefix():
    url("stafettlogg:log", LOG)  # made without a prefix first
    set_script_prefix("/kommune/")
    try:
        made = url("stafettlogg:log", LOG)
        assert made == reverse("stafettlogg:log", args=[LOG])
        assert made.startswith("/kommune/")
    finally:
        set_script_prefix("/")
