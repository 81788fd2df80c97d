"""The tables taken over from the stafettlogg get accounts' names, and their content types
move with them, so that permissions and audit references stay valid (ADR 014)."""

from django.db import migrations

MODELS = ["unit", "staffmembership", "personidentity", "externallogin"]


def move_content_types(apps, schema_editor, source="stafettlogg", target="accounts"):  # type: ignore[no-untyped-def]
    ContentType = apps.get_model("contenttypes", "ContentType")
    db = schema_editor.connection.alias
    for model in MODELS:
        if ContentType.objects.using(db).filter(app_label=target, model=model).exists():
            continue
        ContentType.objects.using(db).filter(app_label=source, model=model).update(
            app_label=target
        )


def move_content_types_back(apps, schema_editor):  # type: ignore[no-untyped-def]
    move_content_types(apps, schema_editor, source="accounts", target="stafettlogg")


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("stafettlogg", "0007_accounts_move_out"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.AlterModelTable(name="unit", table=None),
        migrations.AlterModelTable(name="staffmembership", table=None),
        migrations.AlterModelTable(name="personidentity", table=None),
        migrations.AlterModelTable(name="externallogin", table=None),
        migrations.RunPython(move_content_types, move_content_types_back),
    ]
