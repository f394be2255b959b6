"""The collector's youngest generation is tuned when the apps are ready (core.apps)."""

import gc

from tinhgon.core.apps import GC_YOUNG_THRESHOLD


def test_the_young_generation_is_collected_less_often_than_pythons_default():
    assert gc.get_threshold()[0] == GC_YOUNG_THRESHOLD > 700
