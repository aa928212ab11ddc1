"""A gunicorn access logger that cannot identify the people it logs.

Used by ``deploy/gunicorn.conf.py`` (``logger_class``). Whatever
``access_log_format`` an operator writes, the client address (``h``), the
remote user (``u``), the Referer (``f``), the User-Agent (``a``), every request
header (``{name}i``) and every WSGI environ value (``{name}e``) come out as
``-``. The request line and ``U`` carry the path without the query string
(search words and tracking codes travel there), and the tracking code in
``/<org>/complaints/track/<code>/`` is replaced by ``…``: a log reader cannot
open a complainant's case from the log. What stays is what operations need:
time, method, path, status, size and duration.

Nothing in Prongsai imports this module; only gunicorn does.
"""

from __future__ import annotations

import re

from gunicorn.glogging import Logger

HIDDEN = "-"
# Capability URLs: whoever has the code reads the case.
TRACKING_PATH = re.compile(r"^(/(?:[^/]+/)?complaints/track/)[^/]+")


def public_path(path: str) -> str:
    """``path`` as it may appear in the access log."""
    return TRACKING_PATH.sub(r"\1…", path or "")


def anonymous_atoms(atoms: dict) -> dict:
    """Gunicorn's log atoms without anything that points at the client."""
    clean = {
        key: value
        for key, value in atoms.items()
        if not (key.startswith("{") and key.endswith(("}i", "}e")))
    }
    for key in ("h", "u", "f", "a", "q"):
        clean[key] = HIDDEN
    return clean


class AnonymousAccessLogger(Logger):
    """Gunicorn's logger with the identifying atoms removed (see module doc)."""

    def atoms(self, resp, req, environ, request_time):
        atoms = anonymous_atoms(super().atoms(resp, req, environ, request_time))
        path = public_path(environ.get("PATH_INFO", ""))
        atoms["U"] = path
        atoms["r"] = "{} {} {}".format(
            environ.get("REQUEST_METHOD", ""),
            path,
            environ.get("SERVER_PROTOCOL", ""),
        )
        return atoms
