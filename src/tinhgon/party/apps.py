from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class PartyConfig(AppConfig):
    name = "tinhgon.party"
    label = "party"
    verbose_name = _("Party organizations and membership")

    def ready(self) -> None:
        from tinhgon.people.membership import register_membership_source
        from tinhgon.registry.provinces import follow

        from .builtins import seed_builtins
        from .membership import not_official_on

        post_migrate.connect(seed_builtins, sender=self, dispatch_uid="party_seed_builtins")
        # Unification policies that want an official member read it from party records.
        register_membership_source(not_official_on)
        # An attachment carries its organization's province key, moved with it.
        follow(self.get_model("Attachment"))
