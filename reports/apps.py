from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Dashboard and reports")

    def ready(self) -> None:
        # The stage apps never import `reports`: it listens to their models' signals.
        from . import prerequisites, receivers
        from .exports import receivers as export_receivers

        receivers.connect()
        export_receivers.connect()
        prerequisites.connect()  # also registers the system check
