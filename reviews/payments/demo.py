"""Demo fees and payment instructions for `make run` (a second run adds nothing)."""
import datetime as dt
from decimal import Decimal

from endorsement.models import Role

from .models import Fee, PaymentInstructions

FEES = [("registration", Decimal("25.00")), ("processing", Decimal("125.00")),
        ("renewal", Decimal("60.00")), ("late", Decimal("25.00")),
        ("membership", Decimal("55.00"))]
INSTRUCTIONS = ("Pay by check to MassAIMH, PO Box 100, Boston, MA 02101 (write your name and "
                "\"Endorsement\" on it), or by bank transfer (ask the Endorsement Coordinator for "
                "the details). An employer paying for a group sends one check or purchase order "
                "with the list of names.")


def seed(people) -> None:
    coordinator = people.get(Role.COORDINATOR)
    for kind, amount in FEES:
        Fee.objects.get_or_create(category="", kind=kind, effective_on=dt.date(2026, 1, 1),
                                  defaults={"amount": amount, "updated_by": coordinator})
    if not PaymentInstructions.objects.exists():
        PaymentInstructions.objects.create(text=INSTRUCTIONS, updated_by=coordinator)
