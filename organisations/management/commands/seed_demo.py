import importlib.util

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction

from organisations.demo import DEMO_PASSWORD, DEMO_USERS


class Command(BaseCommand):
    help = "Create or refresh the demo data of every app (safe to run repeatedly)."

    def handle(self, *args, **options) -> None:
        # Each app may have a `demo` module with `seed_demo()`; they run in INSTALLED_APPS
        # order, so later stages find what earlier ones created. Discovering them here
        # keeps `organisations` free of imports from the apps that build on it.
        with transaction.atomic():
            for config in apps.get_app_configs():
                if importlib.util.find_spec(f"{config.name}.demo") is None:
                    continue
                module = importlib.import_module(f"{config.name}.demo")
                if hasattr(module, "seed_demo"):
                    module.seed_demo()
        self.stdout.write(self.style.SUCCESS("Demo data is ready. Log in with:"))
        for demo in DEMO_USERS:
            roles = ", ".join(f"{role.value} of {slug}" for slug, role in demo.memberships)
            self.stdout.write(f"  {demo.username:<14} / {DEMO_PASSWORD}   ({roles})")
