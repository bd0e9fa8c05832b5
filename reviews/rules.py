"""Coordinator pages are for coordinators; a reviewer sees only their own assignments."""
import rules

from endorsement.rules import is_coordinator, is_reviewer

rules.add_perm("reviews.view_queue", is_coordinator)
rules.add_perm("reviews.manage_application", is_coordinator)
rules.add_perm("reviews.view_assigned", is_reviewer)
