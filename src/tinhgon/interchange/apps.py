from django.apps import AppConfig


class InterchangeConfig(AppConfig):
    name = "tinhgon.interchange"
    label = "interchange"
