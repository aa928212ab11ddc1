"""E-mail helpers: the console backend of the demo never prints a report.

A message that carries a report's content or a reporter's address (a report
sent to the NACC/PACC, a reply e-mailed to a citizen) is marked with
``CONFIDENTIAL_HEADER``. With the console backend (``EMAIL_URL=consolemail://``,
the demo) the server log then shows only that such a message was sent, never
its subject, body or recipients. Real backends send the message unchanged.
"""

from __future__ import annotations

from django.core.mail.backends.console import EmailBackend as DjangoConsoleBackend

CONFIDENTIAL_HEADER = "X-Prongsai-Confidential"


def is_confidential(message) -> bool:
    return (
        str(
            (getattr(message, "extra_headers", None) or {}).get(CONFIDENTIAL_HEADER, "")
        )
        == "1"
    )


class ConsoleBackend(DjangoConsoleBackend):
    """Django's console backend, withholding confidential messages."""

    def write_message(self, message) -> None:
        if not is_confidential(message):
            super().write_message(message)
            return
        self.stream.write(
            "Confidential message withheld: "
            f"{len(message.recipients())} recipient(s), "
            f"{len(message.body or '')} characters; subject, body and addresses "
            "are not written to the log.\n"
        )
        self.stream.write("-" * 79)
        self.stream.write("\n")
