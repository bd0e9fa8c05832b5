"""Training and RSC rows belong to the person's EvidenceLog (issue 9): one log per person,
read by each of their applications and by their annual renewals. ``application`` stays as
where a row was entered. Existing rows move to their applicant's log."""
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def move_rows_to_logs(apps, schema_editor):
    Application = apps.get_model("applicants", "Application")
    EvidenceLog = apps.get_model("applicants", "EvidenceLog")
    have = set(EvidenceLog.objects.values_list("user_id", flat=True))
    users = set(Application.objects.filter(
        models.Q(training__isnull=False) | models.Q(rsc__isnull=False)
    ).values_list("applicant_id", flat=True)) - have
    EvidenceLog.objects.bulk_create([EvidenceLog(user_id=u) for u in users], batch_size=1000)
    for name in ("TrainingEntry", "RscSession"):
        model = apps.get_model("applicants", name)
        applicant = Application.objects.filter(
            pk=models.OuterRef(models.OuterRef("application_id"))).values("applicant_id")[:1]
        model.objects.filter(log__isnull=True).update(log_id=models.Subquery(
            EvidenceLog.objects.filter(user_id=models.Subquery(applicant)).values("pk")[:1]))


class Migration(migrations.Migration):
    # the data move commits before the column becomes NOT NULL (PostgreSQL refuses to alter a
    # table with pending deferred checks in the same transaction)
    atomic = False

    dependencies = [
        ("applicants", "0005_saved_forms_work_hours_rsc_kind"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="EvidenceLog",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True,
                                           serialize=False, verbose_name="ID")),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("user", models.OneToOneField(on_delete=django.db.models.deletion.CASCADE,
                                              related_name="evidence_log",
                                              to=settings.AUTH_USER_MODEL)),
            ],
        ),
        migrations.AddField(
            model_name="trainingentry", name="log",
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.CASCADE,
                                    related_name="training", to="applicants.evidencelog"),
        ),
        migrations.AddField(
            model_name="rscsession", name="log",
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.CASCADE,
                                    related_name="rsc", to="applicants.evidencelog"),
        ),
        migrations.RunPython(move_rows_to_logs, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="trainingentry", name="log",
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE,
                                    related_name="training", to="applicants.evidencelog"),
        ),
        migrations.AlterField(
            model_name="rscsession", name="log",
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE,
                                    related_name="rsc", to="applicants.evidencelog"),
        ),
        migrations.AlterField(
            model_name="trainingentry", name="application",
            field=models.ForeignKey(blank=True, null=True,
                                    on_delete=django.db.models.deletion.SET_NULL,
                                    related_name="training", to="applicants.application"),
        ),
        migrations.AlterField(
            model_name="rscsession", name="application",
            field=models.ForeignKey(blank=True, null=True,
                                    on_delete=django.db.models.deletion.SET_NULL,
                                    related_name="rsc", to="applicants.application"),
        ),
    ]
