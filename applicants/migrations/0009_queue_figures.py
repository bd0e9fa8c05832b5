"""The queue's figures as columns of the application (applicants.figures): the last status
change is counted here from the events; ratings in and reviewers by the references and reviews
apps' own migrations."""
from django.db import migrations, models
from django.db.models import Max, OuterRef, Subquery


def last_status_change(apps, schema_editor):
    Application = apps.get_model("applicants", "Application")
    ApplicationEvent = apps.get_model("applicants", "ApplicationEvent")
    last = (ApplicationEvent.objects.filter(application=OuterRef("pk")).order_by()
            .values("application").annotate(at=Max("created_at")).values("at"))
    Application.objects.update(status_changed_at=Subquery(last))


class Migration(migrations.Migration):

    dependencies = [
        ('applicants', '0008_queue_last_page_index'),
    ]

    operations = [
        migrations.AddField(
            model_name='application',
            name='ratings_in',
            field=models.PositiveSmallIntegerField(default=0, editable=False),
        ),
        migrations.AddField(
            model_name='application',
            name='reviewer_count',
            field=models.PositiveSmallIntegerField(default=0, editable=False),
        ),
        migrations.AddField(
            model_name='application',
            name='status_changed_at',
            field=models.DateTimeField(blank=True, editable=False, null=True),
        ),
        migrations.RunPython(last_status_change, migrations.RunPython.noop),
    ]
