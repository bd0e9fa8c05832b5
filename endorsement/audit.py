"""Recording audit events beside the change they describe."""
from .models import AuditEvent


def record(action: str, subject, *, actor=None, actor_label: str = "", **detail) -> AuditEvent:
    """Write one audit event for ``subject``; call inside the change's transaction."""
    return AuditEvent.objects.create(
        actor=actor if actor is not None and actor.is_authenticated else None,
        actor_label=actor_label,
        action=action,
        subject_type=subject._meta.label_lower,
        subject_id=subject.pk,
        detail=detail,
    )


def events_for(subject):
    return AuditEvent.objects.filter(
        subject_type=subject._meta.label_lower, subject_id=subject.pk
    ).select_related("actor")
