"""core.memo: answers remembered inside `remembering()` only, lists handed out as copies."""

from __future__ import annotations

from tinhgon.core.memo import remembered, remembering

calls: list[tuple[object, ...]] = []


@remembered
def answer(*ids: object, on: object = None) -> list[object]:
    calls.append((*ids, on))
    return [*ids, on]


def test_outside_a_block_every_call_reads_afresh():
    calls.clear()
    answer(1, on=2)
    answer(1, on=2)
    assert len(calls) == 2


def test_inside_a_block_the_same_question_is_answered_once():
    calls.clear()
    with remembering():
        first = answer(1, on=2)
        first.append("changed by the caller")
        again = answer(1, on=2)
        other = answer(1, on=3)
        with remembering():  # nested: the same memory
            answer(1, on=2)
    assert len(calls) == 2
    assert again == [1, 2] and other == [1, 3]
    answer(1, on=2)  # the block is over: forgotten
    assert len(calls) == 3


def test_sets_and_lists_are_keys_by_their_content():
    calls.clear()
    with remembering():
        answer({1, 2})
        answer({2, 1})
        answer([3, 4])
        answer([3, 4])
        answer({"unhashable": "dict"})
        answer({"unhashable": "dict"})
    assert len(calls) == 4
