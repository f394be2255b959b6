"""People and posts: `coverage` (and `coverage snapshot`), `posts`, `person`, `policies`.

The commands only call people.queries and print; every word shown comes from people.labels
(the people catalogue), so that this module adds nothing to the project catalogue.
"""

from __future__ import annotations

import datetime as dt

import click

from tinhgon.people import queries
from tinhgon.people.coverage_snapshots import coverage_snapshot_build
from tinhgon.people.labels import CLI
from tinhgon.people.representations import data

from .output import echo_json, heading, kind_label, period
from .params import DATE, date_or_today, resolve


def percent(rate: float | None) -> str:
    """ "52,9%" (Vietnamese decimal comma); "—" when there is nothing to count."""
    if rate is None:
        return "—"
    return f"{rate * 100:.1f}".replace(".", ",").removesuffix(",0") + "%"


def person_text(person: queries.PersonRef | None) -> str:
    if person is None:
        return str(CLI["hidden_person"])
    return f"{person.full_name} #{person.id}"


def holders_text(people: list[queries.PersonRef], shown: bool) -> str:
    if not shown:
        return ""
    return ", ".join(person_text(p) for p in people) or "—"


def place_line(place: queries.PlaceResult, shown: bool) -> str:
    where = f" ({place.place.name})" if place.place else ""
    line = f"  {place.lead_unit.name}{where}"
    if not place.complies:
        line += f": {place.reason_label}"
    lead = holders_text(place.lead_holders, shown)
    related = holders_text(place.related_holders, shown)
    if shown and (lead or related):
        line += f" — {lead} / {related}" if lead != related else f" — {lead}"
    if place.planned:
        line += f" {CLI['planned_mark']}"
    return line


class CoverageGroup(click.Group):
    """`tinhgon coverage POLICY --scope REF …` as before (the command `show`, which the name may
    be left out of), and `tinhgon coverage snapshot …`: what is not a command's name goes to
    `show`."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and args[0] not in ctx.help_option_names:
            args = ["show", *args]
        return super().parse_args(ctx, args)


@click.group("coverage", cls=CoverageGroup, help=CLI["coverage_group_help"])
def coverage_group() -> None:
    pass


@coverage_group.command("show", help=CLI["coverage_help"])
@click.argument("policy")
@click.option("--scope", "scope_ref", required=True, metavar="REF", help=CLI["coverage_scope"])
@click.option("--on", type=DATE, help=CLI["on_help"])
@click.option("--all", "show_all", is_flag=True, help=CLI["all_help"])
@click.option("--non-local", "with_locality", is_flag=True, help=CLI["coverage_non_local"])
@click.option("--from", "as_of", type=DATE, help=CLI["coverage_from"])
@click.option("--json", "as_json", is_flag=True, help=CLI["json_help"])
def coverage(
    policy: str,
    scope_ref: str,
    on: dt.date | None,
    show_all: bool,
    with_locality: bool,
    as_of: dt.date | None,
    as_json: bool,
) -> None:
    day = date_or_today(on)
    scope = resolve(scope_ref, day)
    projected = queries.projection(policy, scope, day, as_of=as_of) if as_of else None
    result = projected.coverage if projected else queries.coverage(policy, scope, day)
    locality = queries.non_local(scope, day, policy=policy) if with_locality else None
    if as_json:
        echo_json(
            {
                "coverage": data(result),
                **({"projection": data(projected)} if projected else {}),
                **({"non_local": data(locality)} if locality else {}),
            }
        )
        return
    heading(
        str(CLI["coverage_line"])
        % {
            "policy": result.policy.name,
            "scope": result.scope.name,
            "date": day.isoformat(),
            "n": result.complying,
            "total": result.total,
            "rate": percent(result.rate),
        }
    )
    if not result.in_force:
        click.echo(str(CLI["not_in_force"]))
    if not result.persons_shown:
        click.echo(str(CLI["persons_hidden"]))
    click.echo(str(CLI["exceptions"]))
    for place in result.exceptions or []:
        click.echo(place_line(place, result.persons_shown))
    if not result.exceptions:
        click.echo(f"  {CLI['none']}")
    if show_all:
        click.echo(str(CLI["complying"]))
        for place in result.complying_places:
            click.echo(place_line(place, result.persons_shown))
    if locality is not None:
        click.echo(
            str(CLI["non_local_line"])
            % {
                "n": locality.non_local,
                "total": locality.total,
                "rate": percent(locality.rate),
                "local": locality.local,
                "unknown": locality.unknown,
                "vacant": locality.vacant,
            }
        )
        for row in locality.exceptions:
            click.echo(f"  {row.lead_unit.name}: {row.locality_label}")
    if projected is not None:
        base = projected.baseline
        click.echo(
            str(CLI["projection_line"])
            % {
                "date": base.on.isoformat(),
                "n": base.complying,
                "total": base.total,
                "rate": percent(base.rate),
            }
        )
        for title, places in ((CLI["gained"], projected.gained), (CLI["lost"], projected.lost)):
            if places:
                click.echo(str(title))
                for place in places:
                    click.echo(place_line(place, result.persons_shown))
        if projected.changes:
            click.echo(str(CLI["scheduled"]))
            for change in projected.changes:
                verb = CLI["starts"] if change.change == "start" else CLI["ends"]
                who = person_text(change.person) if result.persons_shown else ""
                mark = f" {CLI['planned_mark']}" if change.planned else ""
                click.echo(
                    f"  {change.day.isoformat()} {verb}: {change.post_label}, "
                    f"{change.unit.name} {who}{mark}".rstrip()
                )


@click.command(help=CLI["posts_help"])
@click.argument("unit_ref", metavar="UNIT")
@click.option("--on", type=DATE, help=CLI["on_help"])
@click.option("--json", "as_json", is_flag=True, help=CLI["json_help"])
def posts(unit_ref: str, on: dt.date | None, as_json: bool) -> None:
    day = date_or_today(on)
    result = queries.unit_posts(resolve(unit_ref, day), day)
    if as_json:
        echo_json(data(result))
        return
    heading(f"{result.unit.name} ({kind_label(result.unit.kind)}) #{result.unit.id} — {day}")
    if not result.persons_shown:
        click.echo(str(CLI["persons_hidden"]))
    if not result.posts:
        click.echo(str(CLI["no_posts"]))
    for post in result.posts:
        term = f" [{post.term}]" if post.term else ""
        if not post.holders:
            click.echo(f"  {post.label}{term}: {CLI['vacant']}")
            continue
        for holder in post.holders:
            mark = f" {CLI['planned_mark']}" if holder.planned else ""
            click.echo(
                f"  {post.label}{term}: {person_text(holder.person)} "
                f"({holder.manner_label}, {period(holder.valid_from, holder.valid_to)}){mark}"
            )


@click.command(help=CLI["person_help"])
@click.argument("ref")
@click.option("--json", "as_json", is_flag=True, help=CLI["json_help"])
def person(ref: str, as_json: bool) -> None:
    result = queries.career(ref)
    if as_json:
        echo_json(data(result))
        return
    who = result.person
    heading(str(CLI["career_of"]) % {"person": person_text(who)})
    if who.personal_shown:
        details = []
        if who.birth_date:
            details.append(str(CLI["born"]) % {"date": who.birth_date.isoformat()})
        if who.home_commune:
            details.append(str(CLI["home"]) % {"unit": who.home_commune.name})
        if details:
            click.echo("  " + "; ".join(details))
    if not result.entries:
        click.echo(str(CLI["no_career"]))
    for entry in result.entries:
        mark = f" {CLI['planned_mark']}" if entry.planned else ""
        ended = f"; {entry.end_reason_label}" if entry.end_reason else ""
        click.echo(
            f"  {period(entry.valid_from, entry.valid_to)}  {entry.post_label}, "
            f"{entry.unit.name} ({entry.manner_label}{ended}){mark}"
        )
    if result.hidden_entries:
        click.echo(str(CLI["hidden_entries"]) % {"count": result.hidden_entries})


@click.command(help=CLI["policies_help"])
@click.option("--on", type=DATE, help=CLI["on_help"])
@click.option("--json", "as_json", is_flag=True, help=CLI["json_help"])
def policies(on: dt.date | None, as_json: bool) -> None:
    rows = queries.policies(on)
    if as_json:
        echo_json(data(rows))
        return
    for row in rows:
        origin = CLI["builtin"] if row.builtin else CLI["user_defined"]
        heading(f"{row.code}: {row.name}")
        click.echo(
            "  "
            + str(CLI["policy_lead"])
            % {"post": row.lead_label, "kind": kind_label(row.lead_unit_kind)}
        )
        click.echo(
            "  "
            + str(CLI["policy_related"])
            % {
                "post": row.related_label,
                "kind": kind_label(row.related_unit_kind),
                "how": row.related_by_label,
            }
        )
        validity = str(CLI["valid"]) % {"period": period(row.valid_from, row.valid_to)}
        click.echo(f"  {origin}; {validity}; {row.basis} [{row.status}]")


@coverage_group.command("snapshot", help=CLI["snapshot_help"])
@click.option("--policy", "policy_code", required=True, metavar="CODE", help=CLI["snapshot_policy"])
@click.option("--scope", "scope_ref", required=True, metavar="REF", help=CLI["coverage_scope"])
@click.option("--on", type=DATE, help=CLI["on_help"])
def snapshot(policy_code: str, scope_ref: str, on: dt.date | None) -> None:
    day = date_or_today(on)
    scope = resolve(scope_ref, day)
    policy = queries.policy_resolve(policy_code)
    coverage_snapshot_build(policy=policy, scope=scope, on=day)
    count = queries.coverage_count(policy, scope, day)
    click.echo(
        str(CLI["snapshot_line"])
        % {
            "policy": queries.policy_row(policy).name,
            "scope": count.scope.name,
            "date": day.isoformat(),
            "n": count.complying,
            "total": count.total,
        }
    )


COMMANDS = (coverage_group, posts, person, policies)
