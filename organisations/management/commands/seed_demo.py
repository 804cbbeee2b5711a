from django.core.management.base import BaseCommand

from organisations.demo import DEMO_PASSWORD, DEMO_USERS, seed_demo_organisations


class Command(BaseCommand):
    help = "Create or refresh the demo organisations and users (safe to run repeatedly)."

    def handle(self, *args, **options) -> None:
        seed_demo_organisations()
        self.stdout.write(self.style.SUCCESS("Demo data is ready. Log in with:"))
        for demo in DEMO_USERS:
            roles = ", ".join(f"{role.value} of {slug}" for slug, role in demo.memberships)
            self.stdout.write(f"  {demo.username:<14} / {DEMO_PASSWORD}   ({roles})")
