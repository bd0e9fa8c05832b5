"""Renewal reminders and lapse notices move to the core's one "send this reminder once"
mechanism (endorsement.ReminderClaim); the ones already sent carry over as claims, so no
holder hears the same reminder twice across the upgrade."""
import uuid

from django.db import migrations


def carry_over(apps, schema_editor):
    RenewalReminder = apps.get_model("credentials", "RenewalReminder")
    ReminderClaim = apps.get_model("endorsement", "ReminderClaim")
    batch = uuid.uuid4()
    claims = []
    for sent in RenewalReminder.objects.iterator():
        lapse = sent.days_before == 0
        claims.append(ReminderClaim(
            kind="credentials.lapsed" if lapse else "credentials.renewal_reminder",
            subject_type="credentials.endorsement", subject_id=sent.endorsement_id,
            occasion=(sent.due_on.isoformat() if lapse
                      else f"{sent.due_on.isoformat()}+{sent.days_before}"),
            batch=batch))
    ReminderClaim.objects.bulk_create(claims, ignore_conflicts=True, batch_size=1000)


class Migration(migrations.Migration):

    dependencies = [
        ("credentials", "0003_membership_import_runs"),
        ("endorsement", "0003_reminder_claims"),
    ]

    operations = [
        migrations.RunPython(carry_over, migrations.RunPython.noop),
        migrations.DeleteModel(name="RenewalReminder"),
    ]
