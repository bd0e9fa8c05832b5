"""People and roles: role grants, staff invitations, deactivation, the audit trail page and
each person's own data (export and erasure). Part of the core; outer apps register hooks."""
