from django.conf import settings


def site(request):
    return {
        "association_name": settings.ASSOCIATION_NAME,
        "association_short_name": settings.ASSOCIATION_SHORT_NAME,
        "coordinator_email": settings.COORDINATOR_EMAIL,
    }
