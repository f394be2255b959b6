import pytest

from .sample import Sample, build


@pytest.fixture
def sample(db) -> Sample:
    return build()
