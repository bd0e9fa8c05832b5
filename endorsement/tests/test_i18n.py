"""English and Spanish: choosing a language, keeping it, emails in the recipient's language,
fallbacks for odd browsers and cookies, broken translations, and the catalog tools."""
import re
import shutil
import subprocess

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.template import Context, Template
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import translation

from endorsement.guidelines.messages import Msg, render
from endorsement.mail import queue_mail
from endorsement.models import AuditEvent, OutboundEmail, User

LANG_ATTR = re.compile(r'<html lang="([^"]+)"')

needs_msgfmt = pytest.mark.skipif(shutil.which("msgfmt") is None,
                                  reason="gettext (msgfmt) is installed by `make install`")


def lang_of(response) -> str:
    return LANG_ATTR.search(response.content.decode()).group(1)


# ------------------------------------------------------------------ choosing a language
@pytest.mark.django_db
def test_the_switch_on_a_public_page_turns_the_site_spanish_and_back():
    client = Client()
    landing = client.get("/")
    assert lang_of(landing) == "en"
    body = landing.content.decode()
    assert f'action="{reverse("set_language")}"' in body
    assert 'name="language" value="es" lang="es"' in body and ">Español</button>" in body

    response = client.post(reverse("set_language"), {"language": "es", "next": "/"})
    assert response.status_code == 302 and response["Location"] == "/"
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "es"
    spanish = client.get("/")
    assert lang_of(spanish) == "es"
    assert "Idioma:" in spanish.content.decode()
    assert 'value="en" lang="en"' in spanish.content.decode()

    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert lang_of(client.get("/")) == "en"


@pytest.mark.django_db
def test_the_switch_refuses_an_unknown_language_and_a_foreign_next():
    client = Client()
    response = client.post(reverse("set_language"), {"language": "xx", "next": "/"})
    assert response.status_code == 302
    assert settings.LANGUAGE_COOKIE_NAME not in client.cookies
    response = client.post(reverse("set_language"),
                           {"language": "es", "next": "https://evil.example/"})
    assert "evil.example" not in response["Location"]
    assert client.get(reverse("set_language")).status_code == 405


@pytest.mark.django_db
def test_a_signed_in_choice_is_kept_on_the_account_for_the_next_session(applicant):
    first = Client()
    first.force_login(applicant)
    first.post(reverse("set_language"), {"language": "es", "next": "/home/"})
    applicant.refresh_from_db()
    assert applicant.language == "es"
    assert AuditEvent.objects.filter(action="account.language_changed",
                                     subject_id=applicant.pk).count() == 1

    # Another browser, no cookie, an English Accept-Language: the account's choice wins.
    later = Client(HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    later.force_login(applicant)
    page = later.get(reverse("applicants:home"))
    assert page.status_code == 200 and lang_of(page) == "es"


@pytest.mark.django_db
def test_signing_up_keeps_the_language_the_person_signed_up_in():
    client = Client(HTTP_ACCEPT_LANGUAGE="es-MX,es;q=0.9")
    response = client.post(reverse("account_signup"), {
        "name": "María José O'Neill", "email": "maria@example.org",
        "password1": "a-long-pass-phrase-2026", "password2": "a-long-pass-phrase-2026"})
    assert response.status_code == 302, response.content.decode()[:2000]
    assert User.objects.get(email="maria@example.org").language == "es"


# ------------------------------------------------------------------ fallbacks, never a 500
@pytest.mark.django_db
@pytest.mark.parametrize("accept, expected", [
    ("es-MX,es;q=0.9,en;q=0.8", "es"), ("es-419", "es"), ("es", "es"),
    ("pt-BR,pt;q=0.9", "en"), ("fr-CA", "en"), ("", "en"), ("zz-ZZ;q=bad,,;", "en"),
])
def test_the_browser_language_picks_spanish_for_any_es_and_english_otherwise(accept, expected):
    response = Client(HTTP_ACCEPT_LANGUAGE=accept).get("/")
    assert response.status_code == 200
    assert lang_of(response) == expected


@pytest.mark.django_db
@pytest.mark.parametrize("cookie", ["xx", "pt-br", "", "es-MX", "<script>", "e" * 500])
def test_an_odd_language_cookie_never_breaks_a_page(cookie):
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = cookie
    response = client.get("/")
    assert response.status_code == 200
    assert lang_of(response) == ("es" if cookie == "es-MX" else "en")


@pytest.mark.django_db
def test_an_odd_language_kept_on_an_account_falls_back_to_english(applicant):
    User.objects.filter(pk=applicant.pk).update(language="pt")
    client = Client()
    client.force_login(applicant)
    response = client.get(reverse("applicants:home"))
    assert response.status_code == 200 and lang_of(response) == "en"


# ------------------------------------------------------------------ emails
ARRIVED = {"applicant_name": "Ana Lopez", "rater_name": "Rita <Rater> & Co",
           "section_url": "http://x/y/", "who_reads": "", "not_counted": ""}


@pytest.mark.django_db
def test_an_email_is_rendered_in_its_recipients_language(applicant, other_applicant):
    User.objects.filter(pk=applicant.pk).update(language="es")
    spanish = queue_mail("references_arrived", "APPLICANT@example.org", ARRIVED)
    assert spanish.subject.endswith("Llegó una evaluación de referencia")
    assert spanish.body_text.startswith("Hola, Ana Lopez:")
    assert "Rita <Rater> & Co, envió su evaluación" in spanish.body_text   # text as typed
    assert '<html lang="es">' in spanish.body_html
    assert "Rita &lt;Rater&gt; &amp; Co" in spanish.body_html

    english = queue_mail("references_arrived", other_applicant.email, ARRIVED)
    assert english.subject.endswith("A reference rating arrived")
    assert english.body_text.startswith("Hello Ana Lopez,")
    assert '<html lang="en">' in english.body_html
    nobody = queue_mail("references_arrived", "no-account@example.org", ARRIVED)
    assert nobody.subject.endswith("A reference rating arrived")
    # The caller may say the language; an unknown one gives English, never an error.
    said = queue_mail("references_arrived", other_applicant.email, ARRIVED, language="es-MX")
    assert said.subject.endswith("Llegó una evaluación de referencia")
    odd = queue_mail("references_arrived", applicant.email, ARRIVED, language="pt-BR")
    assert odd.subject.endswith("A reference rating arrived")
    # Rendering in one language leaves the request's own language alone.
    assert translation.get_language() == "en"
    assert OutboundEmail.objects.count() == 5


@pytest.mark.django_db
def test_account_emails_follow_the_accounts_language_not_the_browsers(applicant):
    """A Spanish reader who asks for a reset link from an English browser (a library computer)
    gets it in Spanish; an address with no account gets the language of the page that asked."""
    User.objects.filter(pk=applicant.pk).update(language="es")
    english_browser = Client(HTTP_ACCEPT_LANGUAGE="en")
    english_browser.post("/accounts/password/reset/", {"email": applicant.email})
    reset = OutboundEmail.objects.get(template="password_reset_key")
    assert reset.to == applicant.email
    assert '<html lang="es">' in reset.body_html or "contraseña" in reset.body_text.lower()
    assert "password" not in reset.subject.lower()

    spanish_browser = Client(HTTP_ACCEPT_LANGUAGE="es")
    spanish_browser.post("/accounts/password/reset/", {"email": "nobody@example.org"})
    unknown = OutboundEmail.objects.get(template="unknown_account")
    assert "contraseña" in (unknown.subject + unknown.body_text).lower()
    english_browser.post("/accounts/password/reset/", {"email": "somebody@example.org"})
    unknown = OutboundEmail.objects.filter(template="unknown_account").latest("pk")
    assert "password" in (unknown.subject + unknown.body_text).lower()


# ------------------------------------------------------------------ the engine's sentences
@pytest.mark.django_db
def test_checklist_sentences_follow_the_active_language():
    msg = Msg("training.short", {"have": "18", "need": "24", "more": "6"})
    assert render([msg]) == ("You have 18 of 24 hours of relationship-based training; 6 more "
                             "needed.")
    with translation.override("es"):
        assert render([msg]) == ("Usted tiene 18 de 24 horas de capacitación basada en las "
                                 "relaciones; faltan 6.")
        assert render([msg], "staff").startswith("El solicitante tiene 18 de 24 horas")
        one = render([Msg("references.pending", {"count": 1})])
        many = render([Msg("references.pending", {"count": 2})])
    assert one == "1 evaluación todavía espera a la persona evaluadora."
    assert many == "2 evaluaciones todavía esperan a las personas evaluadoras."
    # A phrase passed as a parameter is translated too.
    with translation.override("es"):
        text = render([Msg("education.counts", {"degree": Msg("degree.master")})])
    assert text == "Su maestría cuenta (hay un expediente académico oficial en el archivo)."
    # Words that are both a plain message and the singular of a plural one.
    with translation.override("es"):
        assert render([Msg("slot.colleague")]) == "un/a colega"
        assert render([Msg("role.colleague", {"count": 2})]) == "colegas"


def test_remembered_engine_sentences_follow_a_swapped_catalog(monkeypatch):
    """The engine remembers each template it translated; pseudo-Spanish (which swaps Django's
    catalogs) still sees its own text, and the real Spanish comes back after it."""
    from endorsement.testing.pseudo import pseudo_spanish

    msg = Msg("references.pending", {"count": 2})
    real = "2 evaluaciones todavía esperan a las personas evaluadoras."
    with translation.override("es"):
        assert render([msg]) == real
    with monkeypatch.context() as patched, pseudo_spanish(patched):
        assert render([msg]) == "⟦2 ratings are still waiting for the rater.⟧"
    with translation.override("es"):
        assert render([msg]) == real


def test_the_engines_language_is_the_active_one_however_it_was_activated():
    """The engine finds its translator from the translation object Django has active (read
    from asgiref's store, not through ``get_language``): it must give the very language
    ``get_language`` gives, after activate, override, deactivate and deactivate_all, in
    another thread and after the catalogs are forgotten."""
    import threading

    from endorsement import i18n

    msg = Msg("references.pending", {"count": 2})
    spanish = "2 evaluaciones todavía esperan a las personas evaluadoras."
    english = "2 ratings are still waiting for the rater."
    assert i18n._active_store() is not None, "asgiref's store moved: the fast path is off"

    def said():
        return render([msg])

    with translation.override("es"):
        assert said() == spanish
        with translation.override("en"):
            assert said() == english
        assert said() == spanish
        translation.deactivate_all()   # get_language() is None: the catalog's own words
        assert translation.get_language() is None and said() == english
        translation.activate("es")
        assert said() == spanish
        seen = {}
        thread = threading.Thread(target=lambda: seen.update(text=said(),
                                                             language=translation.get_language()))
        thread.start()
        thread.join()
        assert seen == {"text": english, "language": settings.LANGUAGE_CODE}
        i18n.forget_engine_translations()
        assert said() == spanish
        # Changing the language settings makes Django start a new store (a new Local).
        with override_settings(LOCALE_PATHS=list(settings.LOCALE_PATHS)):
            assert said() == english
            with translation.override("es"):
                assert said() == spanish
    translation.deactivate()
    assert said() == english


def test_the_engines_language_without_asgiref_s_store_comes_from_get_language(monkeypatch):
    """Should a future asgiref keep the active translation elsewhere, the engine asks Django
    for the language every time: slower, never the wrong language."""
    from asgiref.local import Local
    from django.utils.translation import trans_real

    from endorsement import i18n

    monkeypatch.setattr(trans_real, "_active", Local(thread_critical=True))  # no ContextVar
    assert i18n._active_store() is None
    msg = Msg("references.pending", {"count": 2})
    assert render([msg]) == "2 ratings are still waiting for the rater."
    with translation.override("es"):
        assert render([msg]) == "2 evaluaciones todavía esperan a las personas evaluadoras."
    assert render([msg]) == "2 ratings are still waiting for the rater."


def test_a_remembered_checklist_row_is_said_in_each_language_and_to_each_reader():
    """The engine makes a row once from the figures it follows from and says its paragraph
    once per voice: the same remembered row still reads in the active language, to the
    applicant or about them, however often and in whatever order it is asked for."""
    from endorsement.guidelines import evaluate
    from endorsement.guidelines.samples import sample_application

    case = sample_application("II")
    case["training"] = case["training"][:3]   # 18 of 30 hours

    def training(audience="applicant"):
        return evaluate(case, audience=audience)["requirements"][1]["detail"]

    for _ in range(2):
        assert training().startswith("You have 18 of 30 hours")
        assert training("staff").startswith("The applicant has 18 of 30 hours")
        with translation.override("es"):
            assert training().startswith("Usted tiene 18 de 30 horas")
            assert training("staff").startswith("El solicitante tiene 18 de 30 horas")


def test_a_broken_engine_translation_falls_back_to_english():
    msg = Msg("training.short", {"have": "18", "need": "24", "more": "6"})
    broken = render([msg], translate=lambda one, other, n: "Tiene %(tiene)s de %(need)s")
    assert broken == ("You have 18 of 24 hours of relationship-based training; 6 more "
                      "needed.")
    # A translation that adds a placeholder to a sentence without parameters: English too.
    assert render([Msg("degree.master")], translate=lambda *a: "%(grado)s") == \
        "master's degree"


def test_the_engine_strings_module_is_up_to_date():
    """`make messages` regenerates it; a catalog change without it fails here."""
    call_command("engine_messages", "--check")


# ------------------------------------------------------------------ broken translations
BROKEN_PO = '''msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"
"Plural-Forms: nplurals=2; plural=(n != 1);\\n"

#, python-format
msgid "Hello %(applicant_name)s,"
msgstr "Hola, %(nombre)s:"

#, python-format
msgid "You have %(have)s of %(need)s hours of relationship-based training; %(more)s more needed."
msgstr "Tiene %(tiene)s de %(need)s horas; faltan %(more)s."
'''


@needs_msgfmt
@pytest.mark.django_db
def test_a_broken_placeholder_never_shows_raw(tmp_path, settings):
    messages = tmp_path / "es" / "LC_MESSAGES"
    messages.mkdir(parents=True)
    po = messages / "django.po"
    po.write_text(BROKEN_PO, encoding="utf-8")
    # The set-up's compilemessages (msgfmt --check-format) refuses such a catalog ...
    checked = subprocess.run(["msgfmt", "--check-format", "-o", str(tmp_path / "x.mo"),
                              str(po)], capture_output=True, text=True)
    assert checked.returncode != 0 and "fatal error" in checked.stderr
    # ... and should one be compiled anyway, pages and sentences fall back to English.
    subprocess.run(["msgfmt", "-o", str(messages / "django.mo"), str(po)], check=True)
    training = Msg("training.short", {"have": "1", "need": "24", "more": "23"})
    with translation.override("es"):             # the real catalog's sentence, remembered
        assert render([training]).startswith("Usted tiene 1 de 24 horas")
    settings.LOCALE_PATHS = [tmp_path]          # Django drops its cached catalogs, the engine too
    with translation.override("es"):
        page = Template("{% load i18n %}{% blocktranslate %}Hello {{ applicant_name }},"
                        "{% endblocktranslate %}").render(Context({"applicant_name": "Ana"}))
        sentence = render([training])
    assert page == "Hello Ana,"
    assert sentence.startswith("You have 1 of 24 hours")
    assert "%(" not in page + sentence


# ------------------------------------------------------------------ the catalog check
GOOD_PO = '''msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"
"Plural-Forms: nplurals=3; plural=n == 1 ? 0 : n != 0 && n % 1000000 == 0 ? 1 : 2;\\n"

msgid "Language"
msgstr "Idioma"

#, python-format
msgid "%(count)s rating"
msgid_plural "%(count)s ratings"
msgstr[0] "%(count)s evaluación"
msgstr[1] "%(count)s evaluaciones"
msgstr[2] "%(count)s evaluaciones"

msgid ""
"A long message "
"on two lines"
msgstr ""
"Un mensaje largo "
"en dos líneas"

#~ msgid "Gone"
#~ msgstr ""
'''

BAD_PO = GOOD_PO + '''
msgid "Sign out"
msgstr ""

#, fuzzy
msgid "Queues"
msgstr "Colas"

msgid "%(n)s day"
msgid_plural "%(n)s days"
msgstr[0] "%(n)s día"
msgstr[1] ""
msgstr[2] "%(n)s días"

msgid ""
"Two "
"lines, untranslated"
msgstr ""
'''


def test_check_translations_passes_a_complete_catalog(tmp_path, capsys):
    po = tmp_path / "django.po"
    po.write_text(GOOD_PO, encoding="utf-8")
    call_command("check_translations", "es", po=str(po))
    assert "Every message" in capsys.readouterr().out


def test_check_translations_lists_what_is_missing_and_fails(tmp_path, capsys):
    po = tmp_path / "django.po"
    po.write_text(BAD_PO, encoding="utf-8")
    with pytest.raises(CommandError, match="4 message"):
        call_command("check_translations", "es", po=str(po))
    out = capsys.readouterr().out
    for msgid in ("Sign out", "Queues", "%(n)s day", "Two lines, untranslated"):
        assert f"untranslated: {msgid!r}" in out
    assert "Language" not in out and "Gone" not in out


def test_check_translations_without_a_catalog_says_so(tmp_path):
    with pytest.raises(CommandError, match="No catalog"):
        call_command("check_translations", "es", po=str(tmp_path / "missing.po"))


@pytest.mark.django_db
def test_the_applicants_checklist_speaks_their_language(applicant):
    """The web layer: the engine's sentences on a page follow the reader's language."""
    from applicants.models import Application

    application = Application.objects.create(applicant=applicant, program="IMH-E",
                                             category="II")
    client = Client()
    client.force_login(applicant)
    url = reverse("applicants:review", args=[application.pk])
    assert "The processing fee has not been paid yet." in client.get(url).content.decode()
    client.post(reverse("set_language"), {"language": "es", "next": url})
    body = client.get(url).content.decode()
    assert "La tarifa de trámite todavía no se ha pagado." in body
    assert "The processing fee has not been paid yet." not in body


def test_vocabulary_dropdowns_translate_and_keep_the_credential_names():
    from endorsement.guidelines import CATEGORY_TERMS
    from endorsement.i18n import term_choices

    choices = dict(term_choices(CATEGORY_TERMS))
    assert str(choices["II"]) == "Level II: Infant Family Specialist"
    with translation.override("es"):
        assert str(choices["II"]) == ("Nivel II: Infant Family Specialist (Especialista en "
                                      "familia e infancia)")


@needs_msgfmt
def test_check_translations_fails_on_a_catalog_that_does_not_compile(tmp_path, capsys):
    po = tmp_path / "django.po"
    po.write_text(BROKEN_PO, encoding="utf-8")
    with pytest.raises(CommandError, match="does not compile"):
        call_command("check_translations", "es", po=str(po))
    assert "format specification" in capsys.readouterr().out
