"""The Django functions' init runs without the cyclic collector, which then comes back with
the start-up objects frozen out of its way (config.startup)."""

import gc

import pytest

from config import startup


@pytest.fixture
def collector_restored():
    yield
    gc.unfreeze()
    gc.enable()


def test_the_collector_pauses_for_init_and_comes_back_with_start_up_objects_frozen(
    collector_restored,
):
    gc.unfreeze()
    startup.init_started()
    assert not gc.isenabled()
    made_during_init = [{"start-up": index} for index in range(1000)]

    startup.init_finished()

    assert gc.isenabled()
    assert gc.get_freeze_count() >= len(made_during_init)
