"""Django and allauth messages shown to users that Django's own Thai catalogue lacks.

Listing them here makes ``makemessages`` keep them in Prongsai's catalogue, which
takes precedence over Django's; their Thai text lives in ``locale/th``. Nothing
calls these functions.
"""

from django.utils.translation import gettext_noop, ngettext


def _messages() -> list[str]:
    return [
        gettext_noop("That page contains no results"),
        gettext_noop("Enter a valid integer."),
        gettext_noop(
            "Enter a valid “slug” consisting of letters, numbers, underscores or "
            "hyphens."
        ),
        gettext_noop(
            "File extension “%(extension)s” is not allowed. Allowed extensions are: "
            "%(allowed_extensions)s."
        ),
        gettext_noop("Null characters are not allowed."),
        gettext_noop("%(model_name)s with this %(field_labels)s already exists."),
        gettext_noop("Value %(value)r is not a valid choice."),
        gettext_noop("Enter a complete value."),
        gettext_noop("Year"),
        gettext_noop("Month"),
        gettext_noop("Day"),
        gettext_noop("Date out of range"),
        gettext_noop("CSRF verification failed. Request aborted."),
        gettext_noop("Enter the same password as before, for verification."),
        gettext_noop("The password is too similar to the %(verbose_name)s."),
        gettext_noop(
            "Your password can’t be too similar to your other personal information."
        ),
        gettext_noop("This password is too common."),
        gettext_noop("Your password can’t be a commonly used password."),
        gettext_noop("This password is entirely numeric."),
        gettext_noop("Your password can’t be entirely numeric."),
        gettext_noop("Password reset sent"),
    ]


def _plural_messages(n: int) -> list[str]:
    return [
        ngettext(
            "Ensure this value has at least %(limit_value)d character (it has "
            "%(show_value)d).",
            "Ensure this value has at least %(limit_value)d characters (it has "
            "%(show_value)d).",
            n,
        ),
        ngettext(
            "Ensure this value has at most %(limit_value)d character (it has "
            "%(show_value)d).",
            "Ensure this value has at most %(limit_value)d characters (it has "
            "%(show_value)d).",
            n,
        ),
        ngettext(
            "Ensure that there are no more than %(max)s digit in total.",
            "Ensure that there are no more than %(max)s digits in total.",
            n,
        ),
        ngettext(
            "Ensure that there are no more than %(max)s decimal place.",
            "Ensure that there are no more than %(max)s decimal places.",
            n,
        ),
        ngettext(
            "Ensure this filename has at most %(max)d character (it has %(length)d).",
            "Ensure this filename has at most %(max)d characters (it has %(length)d).",
            n,
        ),
        ngettext(
            "This password is too short. It must contain at least %(min_length)d "
            "character.",
            "This password is too short. It must contain at least %(min_length)d "
            "characters.",
            n,
        ),
        ngettext(
            "Your password must contain at least %(min_length)d character.",
            "Your password must contain at least %(min_length)d characters.",
            n,
        ),
    ]
