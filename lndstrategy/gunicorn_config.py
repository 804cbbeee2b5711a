"""gunicorn's settings for the container (`gunicorn -c python:lndstrategy.gunicorn_config`)."""

import os

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", "3"))
accesslog = "-"
# The combined format; the logger class redacts link tokens in the request line and referer.
access_log_format = '%(h)s %(l)s %(u)s %(t)s "%(r)s" %(s)s %(b)s "%(f)s" "%(a)s"'
logger_class = "lndstrategy.gunicorn_logging.TokenRedactingLogger"
