from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "tinhgon.plans"
    label = "plans"
    verbose_name = _("Restructuring plans")

    def ready(self) -> None:
        from .jobs import register_kinds

        register_kinds()
