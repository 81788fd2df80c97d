"""CompiledQuery runs the SQL of a queryset compiled once with new arguments, and gives the
same rows as the ORM."""

from __future__ import annotations

from datetime import datetime

import pytest
from django.contrib.auth.models import User

from core.compiled import CompiledQuery

pytestmark = pytest.mark.django_db

PLACEHOLDER = "\x00username"


def _query() -> CompiledQuery:
    return CompiledQuery(
        lambda username: (
            User.objects.filter(username=username)
            .order_by("pk")
            .values_list("username", "date_joined", "is_active")
        ),
        PLACEHOLDER,
    )


def test_rows_for_each_argument_are_those_of_the_orm() -> None:
    User.objects.create_user("kari", first_name="Kari")
    User.objects.create_user("ola", first_name="Ola")
    query = _query()
    for username in ("kari", "ola", "nobody"):
        rows = User.objects.filter(username=username)
        expected = list(rows.values_list("username", "date_joined", "is_active"))
        assert query.run(username) == expected
    kari = query.run("kari")[0]
    assert isinstance(kari[1], datetime) and kari[1].tzinfo is not None
    assert kari[2] is True


def test_a_placeholder_that_is_not_a_parameter_is_refused() -> None:
    query = CompiledQuery(lambda username: User.objects.values_list("username"), PLACEHOLDER)
    with pytest.raises(ValueError, match="placeholder"):
        query.run("kari")
