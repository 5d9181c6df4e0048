"""`manage.py load_demo_content`: the page tree and Vietnamese demo content, idempotently.

Runs `setup_portal` (what a real deployment has: units, page tree, Site, settings, roles),
fills that frame with demo values (home page, settings, section pages), then each app's
`demo.load(home, out)` in dependency order, then the editor roles, then the search index when
the search app offers a rebuild. Running it again updates the same records instead of adding copies.
"""

import logging
from importlib import import_module
from importlib.util import find_spec

from django.core.management import call_command
from django.core.management.base import BaseCommand

from home.demo import load_home
from home.portal_setup import province_short_name, setup_portal

# Order matters: procedures refer to agencies, legal documents to procedures, inspections to
# units and news.
DEMO_MODULES = [
    "agencies.demo",
    "procedures_catalog.demo",
    "legal_documents.demo",
    "news.demo",
    "inspections.demo",
    "reform_statistics.demo",
    "reform_plans.demo",
]


class Command(BaseCommand):
    help = "Tạo cây trang và nội dung mẫu bằng tiếng Việt (chạy lại không tạo bản trùng)."

    def handle(self, *args, **options):
        # One log line per published page drowns the summary; the command reports per section.
        logging.getLogger("wagtail").setLevel(logging.WARNING)
        report = setup_portal()
        self.stdout.write(f"Đơn vị hành chính: {report.province}, {report.communes} xã, phường.")
        home = load_home(province_short_name(report.province))
        self.stdout.write("Trang chủ và các chuyên mục: xong.")
        for module_path in DEMO_MODULES:
            if find_spec(module_path) is None:
                continue
            import_module(module_path).load(home, self.stdout)
        call_command("setup_roles", stdout=self.stdout)
        if "rebuild_search_index" in _commands():
            call_command("rebuild_search_index", stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS("Nội dung mẫu đã sẵn sàng."))


def _commands():
    from django.core.management import get_commands

    return get_commands()
