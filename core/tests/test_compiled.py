"""CompiledQuery runs the SQL of a queryset compiled once with new arguments, and gives the
same rows as the ORM; hand-written SQL converted with the same helpers gives them too."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest
from django.contrib.auth.models import Group, User
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.utils import timezone
from wagtail.models import ModelLogEntry

from core.compiled import (
    CompiledQuery,
    column_converters,
    convert_rows,
    field_column,
    instance_from,
    model_columns,
    set_prefetched,
)

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


def test_instances_from_rows_are_those_the_orm_reads() -> None:
    kari = User.objects.create_user("kari", first_name="Kari", email="kari@example.no")
    User.objects.create_user("ola")
    query = CompiledQuery(
        lambda username: (
            User.objects.filter(username=username).order_by("pk").values_list(*model_columns(User))
        ),
        PLACEHOLDER,
    )
    [row] = query.run("kari")
    user = instance_from(User, row)
    assert isinstance(user, User)
    assert user.pk == kari.pk and not user._state.adding and user._state.db == "default"
    expected = User.objects.get(pk=kari.pk)
    for field in User._meta.concrete_fields:
        assert getattr(user, field.attname) == getattr(expected, field.attname), field.name
    user.first_name = "Kari Anne"
    user.save(update_fields=["first_name"])  # an instance the ORM can save
    assert User.objects.get(pk=kari.pk).first_name == "Kari Anne"


def test_an_outer_join_that_found_nothing_gives_none() -> None:
    User.objects.create_user("kari")
    columns = [*model_columns(User), *model_columns(Group, "groups__")]
    [row] = User.objects.filter(username="kari").values_list(*columns)
    assert instance_from(User, row) is not None
    assert instance_from(Group, row, start=len(model_columns(User))) is None


def test_prefetched_relation_is_read_without_a_query_and_stays_a_relation(
    django_assert_num_queries: Any,
) -> None:
    kari = User.objects.create_user("kari")
    readers, writers = Group.objects.create(name="lesere"), Group.objects.create(name="skrivere")
    kari.groups.add(readers, writers)
    Group.objects.create(name="andre")
    user = User.objects.get(pk=kari.pk)
    set_prefetched(user, "groups", [readers])
    with django_assert_num_queries(0):
        assert list(user.groups.all()) == [readers]
        assert user.groups.all()
    # As after prefetch_related: a new query from the relation is still about this user.
    assert set(user.groups.order_by("name")) == {readers, writers}


def _hand_written_log_entries() -> tuple[list[tuple[Any, ...]], list[Any]]:
    """Wagtail's log entries with their user (a LEFT JOIN), read by hand-written SQL: the raw
    rows, and the columns selected (a JSON field, whose values the ORM converts from text)."""
    quote = connection.ops.quote_name
    selected = [
        (ModelLogEntry, "e", "id"),
        (ModelLogEntry, "e", "data"),
        (ModelLogEntry, "e", "timestamp"),
        (User, "u", "username"),
    ]
    columns = [field_column(model, name, alias) for model, alias, name in selected]
    names = ", ".join(
        f"{alias}.{quote(str(model._meta.get_field(name).column))}"
        for model, alias, name in selected
    )
    entries, users = quote(ModelLogEntry._meta.db_table), quote(User._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {names}, 1 FROM {entries} e"  # noqa: S608
            f" LEFT JOIN {users} u ON u.{quote('id')} = e.{quote('user_id')}"
            f" ORDER BY e.{quote('id')}"
        )
        return cursor.fetchall(), [*columns, None]


def test_hand_written_sql_converted_as_the_orm_converts_gives_the_orms_values() -> None:
    kari = User.objects.create_user("kari")
    content_type = ContentType.objects.get_for_model(User)
    for user, data in ((kari, {"felt": ["navn", 1]}), (None, {"tom": None})):
        ModelLogEntry.objects.create(
            content_type=content_type,
            label="Kari",
            action="wagtail.edit",
            data=data,
            timestamp=timezone.now(),
            object_id=str(kari.pk),
            user=user,
        )
    raw, columns = _hand_written_log_entries()
    converters = column_converters(columns)
    assert 1 in converters and len(columns) - 1 not in converters  # the JSON, not the literal
    assert isinstance(raw[0][1], str)  # what the database gives for the JSON field

    rows = convert_rows(raw, converters)

    expected = ModelLogEntry.objects.order_by("id").values_list(
        "id", "data", "timestamp", "user__username"
    )
    assert [row[:-1] for row in rows] == list(expected)
    assert rows[0][1] == {"felt": ["navn", 1]} and rows[1][3] is None
    assert [row[-1] for row in rows] == [1, 1]  # a column without converters stays as it is


def test_rows_without_converters_are_given_back_as_they_are() -> None:
    assert convert_rows([[1, "a"], (2, None)], {}) == [(1, "a"), (2, None)]
