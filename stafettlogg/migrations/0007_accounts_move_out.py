"""The units, roles and identities move to accounts (ADR 014)."""


import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0001_initial'),
        ('stafettlogg', '0006_external_login'),
    ]

    # Units, roles and identities now belong to accounts (accounts 0001 takes over the
    # tables, 0002 renames them): nothing changes in the database here.
    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.RemoveField(
                    model_name='personidentity',
                    name='user',
                ),
                migrations.RemoveField(
                    model_name='staffmembership',
                    name='municipality',
                ),
                migrations.RemoveField(
                    model_name='staffmembership',
                    name='unit',
                ),
                migrations.RemoveField(
                    model_name='staffmembership',
                    name='user',
                ),
                migrations.RemoveField(
                    model_name='unit',
                    name='municipality',
                ),
                migrations.RemoveField(
                    model_name='unit',
                    name='service',
                ),
                migrations.AlterField(
                    model_name='measure',
                    name='unit',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, to='accounts.unit', verbose_name='service'),
                ),
                migrations.AlterField(
                    model_name='participant',
                    name='unit',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='participants', to='accounts.unit'),
                ),
                migrations.AlterField(
                    model_name='consent',
                    name='units',
                    field=models.ManyToManyField(related_name='consents', to='accounts.unit', verbose_name='services that may take part'),
                ),
                migrations.DeleteModel(
                    name='ExternalLogin',
                ),
                migrations.DeleteModel(
                    name='PersonIdentity',
                ),
                migrations.DeleteModel(
                    name='StaffMembership',
                ),
                migrations.DeleteModel(
                    name='Unit',
                ),
            ],
        ),
    ]
