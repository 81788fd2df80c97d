"""Accounts takes over the stafettlogg's tables of units, roles and identities (ADR 014)."""


import django.db.models.deletion
import uuid
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('stafettlogg', '0006_external_login'),
        ('municipalities', '0001_initial'),
        ('samhandlingsmodell', '0003_delete_handlingsveilederpage'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    # The tables were made by the stafettlogg (0001-0006) and are taken over as they are:
    # this migration changes the state only; 0002 renames the tables (ADR 014).
    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name='PersonIdentity',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('fnr_encrypted', models.TextField()),
                        ('fnr_hash', models.CharField(max_length=64, unique=True)),
                        ('user', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='person_identity', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'db_table': 'stafettlogg_personidentity',
                        'verbose_name': 'person identity',
                        'verbose_name_plural': 'person identities',
                    },
                ),
                migrations.CreateModel(
                    name='Unit',
                    fields=[
                        ('id', models.UUIDField(default=uuid.uuid4, editable=False, primary_key=True, serialize=False)),
                        ('name', models.CharField(max_length=150, verbose_name='name')),
                        ('municipality', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='units', to='municipalities.municipality')),
                        ('service', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='samhandlingsmodell.servicepage', verbose_name='service in the model')),
                    ],
                    options={
                        'db_table': 'stafettlogg_unit',
                        'verbose_name': 'unit',
                        'verbose_name_plural': 'units',
                        'ordering': ['name'],
                    },
                ),
                migrations.CreateModel(
                    name='StaffMembership',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('role', models.CharField(choices=[('admin', 'municipal administrator'), ('leader', 'unit leader'), ('holder', 'stafettholder'), ('actor', 'participant')], max_length=10, verbose_name='role')),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('municipality', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='log_memberships', to='municipalities.municipality')),
                        ('user', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='log_memberships', to=settings.AUTH_USER_MODEL)),
                        ('unit', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='memberships', to='accounts.unit')),
                    ],
                    options={
                        'db_table': 'stafettlogg_staffmembership',
                        'verbose_name': 'staff role',
                        'verbose_name_plural': 'staff roles',
                    },
                ),
                migrations.CreateModel(
                    name='ExternalLogin',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('issuer', models.CharField(max_length=255)),
                        ('subject', models.CharField(max_length=255)),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('last_login_at', models.DateTimeField(blank=True, null=True)),
                        ('user', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='external_logins', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'db_table': 'stafettlogg_externallogin',
                        'verbose_name': 'external login',
                        'verbose_name_plural': 'external logins',
                        'constraints': [models.UniqueConstraint(fields=('issuer', 'subject'), name='external_login_unique')],
                    },
                ),
                migrations.AddConstraint(
                    model_name='unit',
                    constraint=models.UniqueConstraint(fields=('municipality', 'name'), name='unit_unique_name'),
                ),
                migrations.AddConstraint(
                    model_name='staffmembership',
                    constraint=models.UniqueConstraint(fields=('user', 'municipality', 'role', 'unit'), name='membership_unique'),
                ),
                migrations.AddConstraint(
                    model_name='staffmembership',
                    constraint=models.CheckConstraint(condition=models.Q(('role', 'admin'), ('unit__isnull', False), _connector='OR'), name='membership_unit_unless_admin'),
                ),
            ],
        ),
    ]
