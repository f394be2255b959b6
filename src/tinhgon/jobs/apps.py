from django.apps import AppConfig


class JobsConfig(AppConfig):
    name = "tinhgon.jobs"
    label = "jobs"
