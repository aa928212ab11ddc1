"""Organisation content in the visitor's language: the one way.

A model that offers English content has a ``<field>_en`` beside ``<field>``
(``Organization.name_en``, ``NewsItem.title_en``, ``Executive.position_en``
...). In English the English text is shown when the organisation wrote one,
otherwise the Thai text; in Thai always the Thai text. Templates use the
filter ``{{ news|localized:"title" }}`` (``{% load localized %}``).
"""

from __future__ import annotations

from django.utils import translation


def localized_value(obj, field: str):
    """``obj.<field>_en`` when English is active and it is filled in, else
    ``obj.<field>``."""
    if obj is None:
        return ""
    value = getattr(obj, field, "")
    language = (translation.get_language() or "").split("-")[0]
    if language == "en":
        english = getattr(obj, field + "_en", "")
        if english:
            return english
    return value


def localized_lang(obj, field: str) -> str:
    """The language code of what :func:`localized_value` shows (``th``/``en``)."""
    language = (translation.get_language() or "").split("-")[0]
    if language == "en" and bool(getattr(obj, field + "_en", None)):
        return "en"
    return "th"
