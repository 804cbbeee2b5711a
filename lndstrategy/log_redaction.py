"""Link tokens never reach a log: personal questionnaire links, invitations, password resets.

The raw token of a personal link exists only in the email that carries it. Django's request
logs (`Not Found: /orgs/x/diagnosis/respond/<token>/`), the development server's request lines
and gunicorn's access and error logs would otherwise print it; `redact` replaces the token in a
path (or a whole URL, such as a Referer) with `[redacted]`, leaving the rest readable.
"""

import logging
import re

REDACTED = "[redacted]"
# One path segment: up to the next slash, query, fragment, whitespace or quote.
_SEGMENT = r"[^/?#\s\"'<>]+"
_PATTERNS = [
    # /orgs/<org>/diagnosis/respond/<token>/...
    re.compile(rf"(/diagnosis/respond/){_SEGMENT}"),
    # /invitations/<token>/ (but not /orgs/<org>/invitations/<id>/revoke/)
    re.compile(rf"(/invitations/)(?!\d+/revoke/){_SEGMENT}"),
    # /accounts/password/reset/<uidb64>/<token>/ (Django then moves to .../set-password/)
    re.compile(rf"(/password/reset/{_SEGMENT}/)(?!set-password(?:[/?#\s\"']|$)){_SEGMENT}"),
]


def redact(text: str) -> str:
    """The text with every link token in it replaced by `[redacted]`."""
    if "/" not in text:
        return text
    for pattern in _PATTERNS:
        text = pattern.sub(rf"\g<1>{REDACTED}", text)
    return text


class RedactTokens(logging.Filter):
    """A logging filter that rewrites each record's message (and traceback) without tokens.

    The message is formatted once here, so handlers further on see only the redacted text.
    """

    _formatter = logging.Formatter()

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a broken format string: leave it to the handler to report
            return True
        redacted = redact(message)
        if redacted != message:
            record.msg, record.args = redacted, ()
        if record.exc_info and not record.exc_text:
            record.exc_text = redact(self._formatter.formatException(record.exc_info))
        elif record.exc_text:
            record.exc_text = redact(record.exc_text)
        return True


redact_tokens = RedactTokens()
