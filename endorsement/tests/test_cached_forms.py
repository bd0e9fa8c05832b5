"""``form|crispy_cached`` gives what ``form|crispy`` gives: a blank form's HTML is kept per
language, initial value and choices; what someone typed (and its errors) is never kept."""
import pytest
from crispy_forms.templatetags.crispy_forms_filters import as_crispy_form
from django import forms
from django.utils import translation

from endorsement.templatetags.cached_forms import crispy_cached
from reviews.forms import AdvisorForm, FeeForm, MessageForm, NoteForm, ReturnForm


class PeopleForm(forms.Form):
    person = forms.ChoiceField(label="Person", choices=[])
    note = forms.CharField(label="Note", required=False)

    def __init__(self, *args, people=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].choices = [("", "Choose")] + list(people)


def both(form):
    return str(crispy_cached(form)), str(as_crispy_form(form))


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("make", [
    FeeForm, lambda: FeeForm(initial={"fee_paid": True}), MessageForm, ReturnForm,
    lambda: NoteForm(auto_id="note-%s"), lambda: MessageForm(prefix="other")])
def test_a_blank_form_is_the_html_crispy_writes_in_each_language(make, language):
    with translation.override(language):
        first, expected = both(make())
        again, _ = both(make())
    assert first == expected and again == expected


def test_the_language_initial_values_and_choices_each_get_their_own_html():
    with translation.override("en"):
        english = str(crispy_cached(MessageForm()))
    with translation.override("es"):
        spanish = str(crispy_cached(MessageForm()))
    assert english != spanish and "Message to the applicant" in english
    assert str(crispy_cached(FeeForm(initial={"fee_paid": True}))) != str(
        crispy_cached(FeeForm()))
    ann = str(crispy_cached(PeopleForm(people=[("1", "Ann")])))
    bob = str(crispy_cached(PeopleForm(people=[("1", "Bob")])))
    assert "Ann" in ann and "Bob" in bob and "Ann" not in bob
    assert str(crispy_cached(PeopleForm(initial={"person": "1"}, people=[("1", "Ann")]))) \
        == str(as_crispy_form(PeopleForm(initial={"person": "1"}, people=[("1", "Ann")])))


def test_what_was_typed_and_its_errors_are_never_kept():
    typed = MessageForm({"body": "Typed <b>here</b>"})
    empty = MessageForm({"body": ""})
    empty.is_valid()
    for form in (typed, empty):
        mine, theirs = both(form)
        assert mine == theirs
    assert "Typed &lt;b&gt;here&lt;/b&gt;" in str(crispy_cached(typed))
    assert "is-invalid" in str(crispy_cached(empty))
    assert "is-invalid" not in str(crispy_cached(MessageForm()))


@pytest.mark.django_db
def test_a_model_choice_field_keyed_on_its_people():
    from endorsement.testing.factories import UserFactory

    advisor = UserFactory(role="advisor", first_name="Ada", last_name="Visor")
    with_one = str(crispy_cached(AdvisorForm()))
    assert "Ada Visor" in with_one and with_one == str(as_crispy_form(AdvisorForm()))
    advisor.is_active = False
    advisor.save()
    assert "Ada Visor" not in str(crispy_cached(AdvisorForm()))
