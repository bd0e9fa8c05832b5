"""What erasing a person removes here: their directory entry (contacts) and the requests to
them, the requests they sent, their seat requests (with their notes) and their seats. Groups
they facilitated stay (the account remains, nameless); attendance stays as counts."""
from .models import GroupMember, ProviderListing, ProviderRequest, SeatRequest


def erase_person(user, actor) -> dict[str, int]:
    return {
        "rsc_listing_deleted": ProviderListing.objects.filter(provider=user).delete()[0],
        "rsc_requests_deleted": ProviderRequest.objects.filter(applicant=user).delete()[0],
        "seat_requests_deleted": SeatRequest.objects.filter(person=user).delete()[0],
        "group_seats_deleted": GroupMember.objects.filter(person=user).delete()[0],
    }
