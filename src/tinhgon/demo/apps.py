from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "tinhgon.demo"
    label = "demo"
