from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "tinhgon.api"
    label = "api"
