"""Closed by default: views name a permission; whoever lacks it sees 404, not 403."""
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404


def permission_required_404(perm: str):
    """Sign-in required; a signed-in person without ``perm`` gets 404."""

    def decorator(view):
        @wraps(view)
        @login_required
        def wrapped(request, *args, **kwargs):
            if not request.user.has_perm(perm):
                raise Http404
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def object_or_404(user, perm: str, queryset, **lookup):
    """The object, if it exists and ``user`` holds ``perm`` on it; otherwise 404."""
    obj = get_object_or_404(queryset, **lookup)
    if not user.has_perm(perm, obj):
        raise Http404
    return obj
