"""Login lockout with two rules, each with its own limit (settings AXES_*).

django-axes counts failures per rule of `AXES_LOCKOUT_PARAMETERS` but compares them all with one
limit. Here the first rule, one username from one address, locks after `AXES_FAILURE_LIMIT`;
the second, one address whatever the username (spraying many usernames), after the higher
`AXES_ADDRESS_FAILURE_LIMIT`, so colleagues behind one office address do not lock each other
out by a few typos. A successful login clears only its own username's failures from that
address: logging into one's own account does not wipe out a spray of failures on others.
"""

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_failure_limit
from django.conf import settings
from django.db.models import Sum


def _failures(attempts) -> int:
    return attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0


class LockoutHandler(AxesDatabaseHandler):
    def get_failures(self, request, credentials=None) -> int:
        per_username, per_address = self.get_user_attempts(request, credentials)
        failures = _failures(per_username)
        if _failures(per_address) >= settings.AXES_ADDRESS_FAILURE_LIMIT:
            # Reported as the usual limit, so axes locks this address for every username.
            return max(failures, get_failure_limit(request, credentials))
        return failures

    def reset_user_attempts(self, request, credentials=None) -> int:
        per_username = self.filter_user_attempts(request, credentials)[0]
        count, _ = per_username.delete()
        return count
