from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "tinhgon.web"
    label = "web"
