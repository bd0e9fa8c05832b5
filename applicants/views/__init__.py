"""Applicant pages, split by responsibility (see each module)."""
from .application import application_home, review, submitted, withdraw
from .documents import document
from .home import advised, finder, home, start
from .pages import agreements, membership, profile
from .rows import (
    ROW_KINDS,
    delete_view,
    form_view,
    list_view,
    series_change_view,
    series_view,
)

__all__ = [
    "ROW_KINDS", "advised", "agreements", "application_home", "delete_view", "document",
    "finder", "form_view", "home", "list_view", "membership", "profile", "review",
    "series_change_view", "series_view", "start", "submitted", "withdraw",
]
