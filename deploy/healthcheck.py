"""Container health check: GET /healthz on the local gunicorn.

The request names the install's own host (from PRONGSAI_BASE_URL), which is in
DJANGO_ALLOWED_HOSTS, so Django does not refuse it; /healthz is exempt from
the HTTPS redirect. Exit status 0 while the site can serve (HTTP 200).
"""

import os
import sys
import urllib.error
import urllib.request
from urllib.parse import urlsplit

host = urlsplit(os.environ.get("PRONGSAI_BASE_URL", "")).hostname or "localhost"
request = urllib.request.Request(
    "http://127.0.0.1:8000/healthz", headers={"Host": host}
)
try:
    with urllib.request.urlopen(request, timeout=4) as response:  # noqa: S310
        sys.exit(0 if response.status == 200 else 1)
except (urllib.error.URLError, OSError):
    sys.exit(1)
