from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "tinhgon.reports"
    label = "reports"
    verbose_name = _("Reports")

    def ready(self) -> None:
        from .jobs import register_kinds

        register_kinds()
