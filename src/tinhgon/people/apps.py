from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    name = "tinhgon.people"
    label = "people"
    verbose_name = _("People and posts")

    def ready(self) -> None:
        from .builtins import seed_builtins

        # Like contenttypes: the built-in rules are (re)created after every migrate and flush,
        # only those missing, so that a rule a user ended or changed stays as they left it.
        post_migrate.connect(seed_builtins, sender=self, dispatch_uid="people_seed_builtins")
