"""Full garbage collections wait for a pause in the typing (ui/collector.py).

A full pass holds the interpreter lock for tens of milliseconds; during a refresh
Python started one every second or so, and a key pressed then waited for it.
"""

from __future__ import annotations

import gc

from tests.ui.conftest import AppFactory, listed
from tui_news.ui.collector import (
    GROWTH,
    IDLE,
    LONGEST_WAIT,
    OFF,
    Collector,
    full_pass_due,
    resident_bytes,
)


def test_a_full_pass_waits_until_python_would_and_the_user_pauses() -> None:
    due = dict(now=100.0, last_pass=90.0, threshold=10, grown=0)
    assert not full_pass_due(**due, last_input=99.9, pending=50)  # typing
    assert not full_pass_due(**due, last_input=50.0, pending=9)  # nothing to do yet
    assert full_pass_due(**due, last_input=100.0 - IDLE, pending=10)


def test_typing_on_never_waits_for_a_full_pass_unless_memory_grew_a_lot() -> None:
    """A minute of typing is no reason to freeze a key (the pass took up to 0.5 s of
    CPU while a refresh's objects were alive); memory grown by GROWTH is."""
    typing = dict(now=1000.0, last_pass=0.0, threshold=10, last_input=999.9, pending=500)
    assert not full_pass_due(**typing, grown=GROWTH - 1)
    assert full_pass_due(**typing, grown=GROWTH)
    # Where the memory cannot be read, the minute after the last pass is the rule.
    assert full_pass_due(**typing, grown=None)
    assert not full_pass_due(**{**typing, "last_pass": 1000.0 - LONGEST_WAIT + 1}, grown=None)
    assert resident_bytes() is not None  # Linux: read from /proc


def _pending_full_pass(threshold: int) -> None:
    """As many middle-generation passes as make Python due for a full one."""
    for _ in range(threshold + 1):
        gc.collect(1)


def test_the_collector_makes_full_passes_itself_only_in_pauses() -> None:
    now = [1000.0]
    memory = [100 * 2**20]
    before = gc.get_threshold()
    collector = Collector(clock=lambda: now[0], resident=lambda: memory[0])
    collector.start()
    try:
        assert gc.get_threshold() == (before[0], before[1], OFF)  # Python's own: off
        _pending_full_pass(before[2])
        now[0] += 0.5
        collector.input_seen()
        collector.tick()
        assert collector.passes == 0  # a key was just pressed
        now[0] += IDLE
        collector.tick()
        assert collector.passes == 1
        assert gc.get_count()[2] == 0
        collector.tick()
        assert collector.passes == 1  # nothing pending any more
        for _ in range(10 * int(LONGEST_WAIT)):  # a key every second for ten minutes
            _pending_full_pass(before[2])
            now[0] += 1.0
            memory[0] += 2**20 // 10  # the memory grows a little meanwhile
            collector.input_seen()
            collector.tick()
        assert collector.passes == 1  # no key waited for a full pass
        memory[0] += GROWTH  # now it grew by as much as a pass is worth
        now[0] += 1.0
        collector.input_seen()
        collector.tick()
        assert collector.passes == 2
        now[0] += 1.0
        memory[0] += 2**20
        collector.input_seen()
        collector.tick()
        assert collector.passes == 2  # counted from the memory after that pass
    finally:
        collector.stop()
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == 0


async def test_the_app_collects_in_pauses_and_restores_python_s_collector_at_exit(
    make_app: AppFactory, world: object
) -> None:
    before = gc.get_threshold()
    app = make_app()
    async with app.run_test() as pilot:
        await listed(pilot, app)
        await pilot.pause()
        assert gc.get_threshold()[2] == OFF
        typed = app.collector.last_input
        await pilot.press("j")
        assert app.collector.last_input > typed
    assert gc.get_threshold() == before
