import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lndstrategy.settings")

app = Celery("lndstrategy")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

# The options of every task that sends an email (diagnosis, actions): acknowledged once done,
# retried with growing, jittered pauses while the mail server cannot be reached.
EMAIL_TASK_OPTIONS = {
    "acks_late": True,
    "autoretry_for": (OSError,),
    "retry_backoff": True,
    "retry_jitter": True,
    "max_retries": 5,
}
