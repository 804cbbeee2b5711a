"""Link tokens never reach a log: Django's request logs and gunicorn's access and error logs."""

import logging
from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.urls import reverse
from gunicorn.config import Config

from lndstrategy import gunicorn_config
from lndstrategy.gunicorn_logging import TokenRedactingLogger
from lndstrategy.log_redaction import redact
from organisations.models import Invitation
from tests.factories import OrganisationFactory

TOKEN = "Zm9vYmFyLXNlY3JldC10b2tlbi1mb3ItdGVzdHMtMTIzNDU2"


@pytest.mark.django_db
def test_a_404_on_a_personal_link_logs_the_path_with_the_token_redacted(client, caplog):
    slug = OrganisationFactory().slug
    url = reverse("questionnaire_link_start", args=[slug, TOKEN])
    with caplog.at_level(logging.WARNING, logger="django.request"):
        assert client.get(url).status_code == 404
    (message,) = [r.getMessage() for r in caplog.records if r.name == "django.request"]
    assert message == f"Not Found: /orgs/{slug}/diagnosis/respond/[redacted]/"
    assert TOKEN not in caplog.text


@pytest.mark.django_db
def test_a_404_on_an_invitation_link_logs_the_path_with_the_token_redacted(client, caplog):
    with caplog.at_level(logging.WARNING, logger="django.request"):
        assert client.get(reverse("invitation_accept", args=[TOKEN])).status_code == 404
    assert "Not Found: /invitations/[redacted]/" in caplog.text
    assert TOKEN not in caplog.text


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/orgs/acme/diagnosis/respond/T0k-en_/3/", "/orgs/acme/diagnosis/respond/[redacted]/3/"),
        (
            "/orgs/acme/diagnosis/respond/T0k/save/?x=1",
            "/orgs/acme/diagnosis/respond/[redacted]/save/?x=1",
        ),
        ("/invitations/T0k-en_/", "/invitations/[redacted]/"),
        ("/accounts/password/reset/MQ/cz3-abc123/", "/accounts/password/reset/MQ/[redacted]/"),
        # Paths without tokens stay as they are.
        ("/accounts/password/reset/MQ/set-password/", "/accounts/password/reset/MQ/set-password/"),
        ("/accounts/password/reset/sent/", "/accounts/password/reset/sent/"),
        ("/orgs/acme/invitations/12/revoke/", "/orgs/acme/invitations/12/revoke/"),
        ("/orgs/acme/diagnosis/assessments/4/", "/orgs/acme/diagnosis/assessments/4/"),
    ],
)
def test_redaction_replaces_only_the_token_segment(path, expected):
    assert redact(path) == expected


def test_every_handler_of_the_root_logger_redacts_messages_of_any_logger():
    record = logging.LogRecord(
        "lndstrategy.anything",
        logging.INFO,
        __file__,
        1,
        "Opened %s",
        (f"/invitations/{TOKEN}/",),
        None,
    )
    handlers = logging.getLogger().handlers
    console = [h for h in handlers if type(h) is logging.StreamHandler]
    assert console, "the configured console handler is on the root logger"
    for handler in console:
        assert handler.filter(record)
    assert record.getMessage() == "Opened /invitations/[redacted]/"


def test_a_traceback_that_names_a_token_is_redacted_too():
    from lndstrategy.log_redaction import RedactTokens

    try:
        raise ValueError(f"bad path /invitations/{TOKEN}/")
    except ValueError:
        import sys

        record = logging.LogRecord(
            "django.request",
            logging.ERROR,
            __file__,
            1,
            "Internal Server Error: %s",
            (f"/invitations/{TOKEN}/",),
            sys.exc_info(),
        )
    RedactTokens().filter(record)
    formatted = logging.Formatter().format(record)
    assert "Internal Server Error: /invitations/[redacted]/" in formatted
    assert "ValueError: bad path /invitations/[redacted]/" in formatted
    assert TOKEN not in formatted


def gunicorn_logger() -> TokenRedactingLogger:
    cfg = Config()
    cfg.set("accesslog", "-")
    cfg.set("access_log_format", gunicorn_config.access_log_format)
    return TokenRedactingLogger(cfg)


def test_the_gunicorn_access_log_redacts_the_request_line_path_and_referer():
    path = f"/orgs/acme/diagnosis/respond/{TOKEN}/2/"
    environ = {
        "REQUEST_METHOD": "GET",
        "RAW_URI": path,
        "PATH_INFO": path,
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "203.0.113.9",
        "HTTP_REFERER": f"https://strategy.example.org/invitations/{TOKEN}/",
        "HTTP_USER_AGENT": "Mozilla/5.0",
    }
    resp = SimpleNamespace(status="200 OK", sent=512, headers=[])
    req = SimpleNamespace(headers=[("REFERER", environ["HTTP_REFERER"])])
    atoms = gunicorn_logger().atoms(resp, req, environ, timedelta(milliseconds=5))
    assert atoms["r"] == "GET /orgs/acme/diagnosis/respond/[redacted]/2/ HTTP/1.1"
    assert atoms["U"] == "/orgs/acme/diagnosis/respond/[redacted]/2/"
    assert atoms["f"] == "https://strategy.example.org/invitations/[redacted]/"
    assert atoms["{referer}i"] == atoms["f"]
    assert atoms["h"] == "203.0.113.9"
    line = gunicorn_config.access_log_format % atoms
    assert '"GET /orgs/acme/diagnosis/respond/[redacted]/2/ HTTP/1.1" 200 512' in line
    assert TOKEN not in line


def test_the_gunicorn_error_log_redacts_the_uri_of_a_failed_request(caplog):
    logger = gunicorn_logger()
    with caplog.at_level(logging.ERROR, logger="gunicorn.error"):
        logger.error("Error handling request %s", f"/invitations/{TOKEN}/")
    assert "Error handling request /invitations/[redacted]/" in caplog.text
    assert TOKEN not in caplog.text


def test_the_container_starts_gunicorn_with_the_redacting_logger():
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    assert gunicorn_config.logger_class == "lndstrategy.gunicorn_logging.TokenRedactingLogger"
    assert '"python:lndstrategy.gunicorn_config"' in (root / "Dockerfile").read_text()
    cfg = Config()
    cfg.set("logger_class", gunicorn_config.logger_class)
    assert cfg.logger_class is TokenRedactingLogger


def test_invitation_tokens_look_like_what_redaction_expects():
    assert redact(f"/invitations/{Invitation.new_token()}/") == "/invitations/[redacted]/"
