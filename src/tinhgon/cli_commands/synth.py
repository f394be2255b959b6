"""`tinhgon synth --scale S --seed N`: a generated nation in an empty database
(tinhgon.synth), with a progress bar on stderr for each phase."""

from __future__ import annotations

import dataclasses
import sys
from contextlib import ExitStack
from typing import TYPE_CHECKING

import click
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .output import echo_json

if TYPE_CHECKING:
    from click._termui_impl import ProgressBar


@click.command(
    "synth",
    help=gettext_lazy(
        "Generate a nation-sized apparatus for benchmarks and trials into an empty, migrated "
        "database: the real provinces and communes (scale 1: all 34 provinces and 3,321 "
        "communes, with the 63 provinces and their communes before 2025-07-01), the party "
        "organizations and about 5.6 million party members times the scale. The same scale "
        "and seed give the same data."
    ),
)
@click.option(
    "--scale",
    type=float,
    default=0.01,
    show_default=True,
    help=gettext_lazy("Share of the nation, greater than 0 and at most 1 (0.01 runs in CI)."),
)
@click.option("--seed", type=int, default=20150101, show_default=True)
@click.option(
    "--province",
    "codes",
    multiple=True,
    metavar="CODE",
    help=gettext_lazy(
        "Only the new province with this code (e.g. 96 for Cà Mau), instead of the provinces "
        "chosen for the scale. Repeat for several."
    ),
)
@click.option(
    "--json",
    "as_json",
    is_flag=True,
    help=gettext_lazy("Print the counts, the seconds of each phase and the peak memory as JSON."),
)
def synth(scale: float, seed: int, codes: tuple[str, ...], as_json: bool) -> None:
    from tinhgon.synth.country import synthesize

    labels = {
        "units": _("Administrative units"),
        "members": _("Party members"),
        "employment": _("Public employment"),
    }
    with ExitStack() as stack:
        bars: dict[str, ProgressBar[int]] = {}

        def progress(phase: str, done: int, total: int) -> None:
            if phase not in bars:
                stack.close()  # ends the bar of the phase before
                shown = click.progressbar(length=total, label=labels[phase], file=sys.stderr)
                bars[phase] = stack.enter_context(shown)
            bar = bars[phase]
            bar.update(done - bar.pos)

        result = synthesize(
            scale=scale, seed=seed, provinces=list(codes) or None, progress=progress
        )
    if as_json:
        echo_json(dataclasses.asdict(result))
    else:
        click.echo(result.summary())


COMMANDS = [synth]
