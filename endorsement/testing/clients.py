"""Signing a Django test client in as someone, as after a full sign-in (second factor included)."""
from endorsement.middleware import TWO_FACTOR_CHECKED


def sign_in_client(client, user):
    """Log ``client`` in as ``user``; staff count as having passed their second factor."""
    client.force_login(user)
    if user.needs_two_factor:
        session = client.session
        session[TWO_FACTOR_CHECKED] = True
        session.save()
    return client
