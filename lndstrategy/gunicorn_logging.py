"""gunicorn's logger without link tokens (see lndstrategy/log_redaction.py).

The access log's request line, path, referer and raw URI are redacted before they are
formatted, whatever `access_log_format` is; the error log ("Error handling request <uri>")
passes through the same filter as Django's logs.
"""

from gunicorn.glogging import Logger

from .log_redaction import redact, redact_tokens

# Every atom of gunicorn's access-log format that can carry a path.
_PATH_ATOMS = ("r", "U", "f", "{referer}i", "{raw_uri}e", "{path_info}e", "{request_uri}e")


class TokenRedactingLogger(Logger):
    def setup(self, cfg):
        super().setup(cfg)
        self.error_log.addFilter(redact_tokens)

    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        for name in _PATH_ATOMS:
            if isinstance(atoms.get(name), str):
                atoms[name] = redact(atoms[name])
        return atoms
