from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class StaffingConfig(AppConfig):
    name = "tinhgon.staffing"
    label = "staffing"
    verbose_name = _("Staffing")

    def ready(self) -> None:
        from tinhgon.registry.provinces import follow

        from .builtins import seed_builtins

        # Like people: the decrees, their cases and the targets are (re)created after every
        # migrate and flush, only those missing, so that a row a user ended stays ended.
        post_migrate.connect(seed_builtins, sender=self, dispatch_uid="staffing_seed_builtins")
        # An employment carries its unit's province key, moved with it.
        follow(self.get_model("Employment"))
