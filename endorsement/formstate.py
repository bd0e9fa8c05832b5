"""POST-redirect-GET for forms that fail: the submitted values (and why it failed) are kept
in the session for the next GET of the page, so reloading never posts again and nothing
typed is lost."""
from django.utils.datastructures import MultiValueDict

PREFIX = "kept-form:"


def keep(request, key: str) -> None:
    """Keep this POST's values for the form ``key`` until the page is shown again."""
    data = {name: values for name, values in request.POST.lists()
            if name not in ("csrfmiddlewaretoken",)}
    request.session[PREFIX + key] = data


def take(request, key: str):
    """The kept values of form ``key`` (a MultiValueDict to bind a form to), once; or None."""
    data = request.session.pop(PREFIX + key, None)
    return MultiValueDict(data) if data is not None else None


def bind(request, key: str, form_class, **kwargs):
    """The form ``key`` bound to its kept values (so its errors show), or unbound."""
    data = take(request, key)
    if data is None:
        return form_class(**kwargs)
    form = form_class(data, **kwargs)
    form.is_valid()
    return form
