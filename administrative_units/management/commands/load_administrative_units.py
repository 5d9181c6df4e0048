"""`manage.py load_administrative_units [--province CODE]`: the province and its communes."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from administrative_units.loading import load_province


class Command(BaseCommand):
    help = "Nạp tỉnh và các xã, phường hiện hành từ gói vietnam-provinces (chạy lại an toàn)."

    def add_arguments(self, parser):
        parser.add_argument("--province", type=int, default=settings.PORTAL_PROVINCE_CODE)

    def handle(self, *args, province, **options):
        try:
            unit, count = load_province(province)
        except ValueError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"{unit.name}: {count} xã, phường, đặc khu.")
