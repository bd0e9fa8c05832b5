"""Filling a sentence's placeholders (messages._fill): the same text `%` formatting gives,
and English whenever a translation's placeholders do not fit."""

from endorsement.guidelines.messages import Msg, render

TRAINING = Msg("training.short", {"have": "1", "need": "24", "more": "23"})


def spanish(text):
    def translate(singular, plural, n):
        return text
    return translate


def test_placeholders_are_filled_as_percent_formatting_fills_them():
    english = render([TRAINING])
    assert english == ("You have 1 of 24 hours of relationship-based training; 23 more "
                       "needed.")
    said = render([TRAINING], translate=spanish("Tiene %(have)s de %(need)s (100%%); "
                                                "faltan %(more)s."))
    assert said == "Tiene 1 de 24 (100%); faltan 23."


def test_a_translation_that_does_not_fit_falls_back_to_english():
    english = render([TRAINING])
    for broken in ("Tiene %(tiene)s de %(need)s.",       # a name the English does not have
                   "Tiene %(have)d horas.",                # another conversion
                   "Tiene %(have)s de 100% horas.",        # a lone %
                   "Tiene %(have)s de %(need"):            # cut off
        assert render([TRAINING], translate=spanish(broken)) == english, broken


def test_a_phrase_inside_is_said_in_the_same_language():
    msg = Msg("work.ii.families", {"families": 3, "need": 10,
                                   "children": Msg("term.children.ECMH-E")})
    assert render([msg]) == "3 families of young children served in that work (at least 10 needed)."
