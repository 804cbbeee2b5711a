FROM python:3.12-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    LNDSTRATEGY_VAR_DIR=/var/lib/lndstrategy

# Chromium for Kaleido chart export; Pango and fonts for WeasyPrint documents.
RUN apt-get update \
 && apt-get install -y --no-install-recommends chromium libpango-1.0-0 libpangoft2-1.0-0 \
    fonts-dejavu-core fonts-liberation gettext \
 && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY pyproject.toml ./
RUN pip install --upgrade pip && pip install .
COPY . .
RUN useradd --system --home /app lndstrategy \
 && mkdir -p "$LNDSTRATEGY_VAR_DIR" && chown lndstrategy "$LNDSTRATEGY_VAR_DIR" \
 && DJANGO_DEBUG=false DJANGO_SECRET_KEY=build-only-collectstatic-key-not-used-at-runtime-0123456789 \
    python manage.py collectstatic --noinput

USER lndstrategy
EXPOSE 8000
# Access log with link tokens redacted (lndstrategy/gunicorn_config.py).
CMD ["gunicorn", "--config", "python:lndstrategy.gunicorn_config", "lndstrategy.wsgi:application"]
