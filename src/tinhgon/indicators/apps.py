from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class IndicatorsConfig(AppConfig):
    name = "tinhgon.indicators"
    label = "indicators"
    verbose_name = _("Indicators")

    def ready(self) -> None:
        from .builtins import seed_builtins

        # Like staffing: the built-in schemes and targets are (re)created after every migrate
        # and flush, only those missing.
        post_migrate.connect(seed_builtins, sender=self, dispatch_uid="indicators_seed_builtins")
