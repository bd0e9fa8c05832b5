"""Rater reminders move to the core's one "send this reminder once" mechanism
(endorsement.ReminderClaim); the reminders already sent are carried over as claims, so no rater
hears the same reminder twice across the upgrade."""
import uuid

from django.db import migrations


def carry_over(apps, schema_editor):
    ReminderSent = apps.get_model("references", "ReminderSent")
    ReminderClaim = apps.get_model("endorsement", "ReminderClaim")
    batch = uuid.uuid4()
    claims = []
    for sent in ReminderSent.objects.filter(kind__startswith="reminder_").select_related(
            "request").iterator():
        days = sent.kind.removeprefix("reminder_")
        claims.append(ReminderClaim(
            kind="references.reminder", subject_type="references.referencerequest",
            subject_id=sent.request_id, occasion=f"{sent.request.sent_at:%Y%m%d%H%M%S}+{days}",
            batch=batch))
    ReminderClaim.objects.bulk_create(claims, ignore_conflicts=True, batch_size=1000)


class Migration(migrations.Migration):

    dependencies = [
        ("references", "0006_rater_language"),
        ("endorsement", "0003_reminder_claims"),
    ]

    operations = [
        migrations.RunPython(carry_over, migrations.RunPython.noop),
        migrations.DeleteModel(name="ReminderSent"),
    ]
