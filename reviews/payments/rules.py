"""Coordinators keep the fee schedule and record payments; a receipt is for its payer and the
coordinators only (anyone else: 404)."""
import rules

from endorsement.rules import is_coordinator


@rules.predicate
def is_the_payer(user, payment):
    return payment is not None and user.is_authenticated and payment.payer_id == user.pk


rules.add_perm("payments.manage", is_coordinator)
rules.add_perm("payments.view_receipt", is_the_payer | is_coordinator)
