import gc

from django.apps import AppConfig

# The youngest generation is collected after 50,000 allocations instead of 700: a national
# read builds hundreds of thousands of short-lived objects (model instances, rows), and the
# collector's passes over them took 40 % of a coverage of the nation. The cycles they leave
# wait a little longer to be freed; the other generations keep Python's settings.
GC_YOUNG_THRESHOLD = 50_000


class CoreConfig(AppConfig):
    name = "tinhgon.core"
    label = "core"

    def ready(self) -> None:
        _, older, oldest = gc.get_threshold()
        gc.set_threshold(GC_YOUNG_THRESHOLD, older, oldest)
