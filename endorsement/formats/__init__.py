"""Date formats by language (``settings.FORMAT_MODULE_PATH``).

Templates and code use the named formats (``|date:"DATE_FORMAT"``, ``date_format(d,
"SHORT_DATE_FORMAT")``) so each language gets its own: English keeps the site's published
style ("December 3, 2026", "Dec 3, 2026"); Spanish uses Django's ("3 de diciembre de 2026",
"03/12/2026"). A name not set here falls back to Django's own format for the language.
"""
