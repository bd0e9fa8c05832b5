"""The answer to a request Django refuses before any view (handler400): a body over
DATA_UPLOAD_MAX_MEMORY_SIZE (a 10 MB paste) gets 413 and a page that says what to do, any
other bad request 400; never a 500."""
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent
from django.shortcuts import render


def bad_request(request, exception=None):
    if isinstance(exception, RequestDataTooBig | TooManyFieldsSent):
        return render(request, "413.html", status=413)
    return render(request, "400.html", status=400)
