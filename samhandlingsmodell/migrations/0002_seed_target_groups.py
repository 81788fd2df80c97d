from django.db import migrations

TARGET_GROUPS = ["gravide", "0-5", "6-12", "13-18", "18-23", "foreldre"]


def seed(apps, schema_editor):
    TargetGroup = apps.get_model("samhandlingsmodell", "TargetGroup")
    for order, key in enumerate(TARGET_GROUPS):
        TargetGroup.objects.update_or_create(key=key, defaults={"sort_order": order})


class Migration(migrations.Migration):
    dependencies = [("samhandlingsmodell", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
