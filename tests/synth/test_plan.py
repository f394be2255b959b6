"""The plan without a database: the provinces chosen for a scale, the members and cells."""

from __future__ import annotations

from tinhgon.synth.plan import choose, places, plan

from .test_synth import package_rows


def test_scale_one_is_the_whole_nation() -> None:
    found = places()[1]
    sizes = dict(package_rows("SELECT provinceCode, COUNT(*) FROM admin_units GROUP BY 1"))
    assert {code: len(communes) for code, *_, communes in found} == sizes
    assert len(choose(found, 1, seed=5)) == 34


def test_a_fraction_takes_whole_provinces_within_the_target() -> None:
    found = places()[1]
    for scale, seed in ((0.1, 1), (0.1, 2), (0.3, 7), (0.5, 3)):
        chosen = choose(found, scale, seed)
        assert chosen == choose(found, scale, seed)  # deterministic
        communes = sum(len(c) for *_, c in chosen)
        assert communes <= scale * 3321
        assert communes > 0.6 * scale * 3321  # near the target, not far below
        assert all(place in found for place in chosen)
    assert choose(found, 0.1, 1) != choose(found, 0.1, 2)  # the seed matters


def test_members_and_cells_add_up() -> None:
    found = [p for p in places()[1] if p[0] in ("12", "96")]
    _source, provinces, last = plan(100_000, 9, found, first_id=500, admin=False)
    assert sum(p.members for p in provinces) == 100_000
    for p in provinces:
        for c in p.communes:
            assert sum(c.cells) == c.members
            assert all(3 <= size <= 60 for size in c.cells)
        # 15 to 60, but the last of a province takes what remains (at least 3).
        assert all(15 <= size <= 60 for size in p.grassroots[:-1])
        assert 3 <= p.grassroots[-1] <= 60
    # Ids: the root is 500, then every organization once, up to `last`.
    ids = [p.org_id for p in provinces]
    ids += [c.org_id for p in provinces for c in p.communes]
    ids += [c.first_cell + i for p in provinces for c in p.communes for i in range(len(c.cells))]
    ids += [p.first_grassroots + i for p in provinces for i in range(len(p.grassroots))]
    assert sorted(ids) == list(range(501, last + 1))
