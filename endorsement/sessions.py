"""Taking staff access back at once when a coordinator's second factor is removed."""
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.utils import timezone

from .middleware import TWO_FACTOR_CHECKED


def forget_second_factor(user_id) -> int:
    """Remove the "has TOTP" mark from every live session of ``user_id``: their next request,
    from any browser, is sent to set up the second factor before anything else opens.
    Sessions are few (one per signed-in browser), so reading them all is cheap."""
    changed = 0
    for row in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        data = row.get_decoded()
        if str(data.get(SESSION_KEY)) == str(user_id) and data.pop(TWO_FACTOR_CHECKED, None):
            store = SessionStore(session_key=row.session_key)
            Session.objects.filter(pk=row.pk).update(session_data=store.encode(data))
            changed += 1
    return changed
