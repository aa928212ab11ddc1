"""Gunicorn settings for Prongsai.

    gunicorn --config deploy/gunicorn.conf.py

The access log keeps time, request line (path without query string), status,
size and duration, and never the client's address, User-Agent or Referer,
whatever format is given: ``prongsai.core.accesslog.AnonymousAccessLogger``
removes them. A corruption report therefore leaves nothing in this log that
points at the person who sent it. Values given on the command line win over
this file (e.g. ``--bind``, ``--workers``, ``--access-logfile``).
"""

import multiprocessing

wsgi_app = "config.wsgi"
bind = "127.0.0.1:8000"
workers = multiprocessing.cpu_count() * 2 + 1
threads = 2
timeout = 60

# Logs go to standard output / error (journald under systemd).
accesslog = "-"
errorlog = "-"
loglevel = "info"
logger_class = "prongsai.core.accesslog.AnonymousAccessLogger"
access_log_format = '%(t)s "%(r)s" %(s)s %(b)s %(M)sms'

# Only the local proxy may say that the request came over HTTPS.
forwarded_allow_ips = "127.0.0.1"
