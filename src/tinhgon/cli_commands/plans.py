"""Restructuring plans: `plan create|list|show|propose|submit|impact|check|compare|approve|
reject|note`. The commands only call plans.services and plans.queries and print."""

from __future__ import annotations

import datetime as dt
import sys
from typing import Any

import click

from tinhgon.plans import queries, services
from tinhgon.plans.labels import CLI, TABLES
from tinhgon.plans.models import Status
from tinhgon.plans.representations import data
from tinhgon.registry.kinds import DocumentKind

from .eventfiles import FORMATS, file_format, load_data, read_text
from .output import EXIT_BAD_INPUT, echo_json, heading, show_problems, table
from .params import DATE


def _t(key: str, **params: Any) -> str:
    return str(CLI[key]) % params if params else str(CLI[key])


def _n(value: float | None) -> str:
    if value is None:
        return "—"
    return str(int(value)) if float(value).is_integer() else f"{value:.2f}"


def _rate(value: float | None) -> str:
    return "—" if value is None else f"{value:.1%}"


@click.group(help=CLI["plan_help"])
def plan() -> None:
    """Only groups its subcommands."""


@plan.command("create", help=CLI["create_help"])
@click.argument("name")
@click.option("--scope", required=True, help=CLI["scope_help"])
@click.option("--base", "base_on", type=DATE, required=True, help=CLI["base_help"])
@click.option("--effective", "effective_on", type=DATE, required=True, help=CLI["effective_help"])
def create(name: str, scope: str, base_on: dt.date, effective_on: dt.date) -> None:
    found = services.plan_create(name=name, scope=scope, base_on=base_on, effective_on=effective_on)
    click.echo(_t("created", id=found.pk, name=found.name, status=Status(found.status).label))


@plan.command("list", help=CLI["list_help"])
@click.option("--status", type=click.Choice(Status.values), help=CLI["status_help"])
@click.option("--json", "as_json", is_flag=True, help=CLI["json_help"])
def list_plans(status: str | None, as_json: bool) -> None:
    rows = queries.plans(status or "")
    if as_json:
        echo_json(data(rows))
        return
    for row in rows:
        click.echo(_line(row))
    if not rows:
        click.echo(_t("no_plans"))


def _line(row: queries.PlanRow) -> str:
    return _t(
        "plan_line",
        id=row.id,
        name=row.name,
        scope=row.scope.name,
        base=row.base_on.isoformat(),
        effective=row.effective_on.isoformat(),
        status=row.status_label,
    )


@plan.command("show", help=CLI["show_help"])
@click.argument("ref", metavar="PLAN")
@click.option("--json", "as_json", is_flag=True, help=CLI["json_help"])
def show(ref: str, as_json: bool) -> None:
    found = queries.plan_detail(ref)
    if as_json:
        echo_json(data(found))
        return
    heading(_line(found.plan))
    click.echo(_t("events"))
    for p in found.proposals:
        applied = f" → #{p.applied_event}" if p.applied_event else ""
        click.echo(f"  [{p.position}] {p.kind_label}: {p.title}{applied}")
    if found.notes:
        click.echo(_t("notes"))
        for n in found.notes:
            click.echo(f"  {n.text}" + (f" ({n.reference})" if n.reference else ""))


@plan.command("propose", help=CLI["propose_help"])
@click.argument("ref", metavar="PLAN")
@click.argument("path", metavar="FILE")
@click.option("--format", "fmt", type=click.Choice(FORMATS), help=CLI["format_help"])
@click.option("--no-carry", is_flag=True, help=CLI["no_carry_help"])
def propose(ref: str, path: str, fmt: str | None, no_carry: bool) -> None:
    name = "stdin" if path == "-" else path
    loaded = load_data(read_text(path), file_format(path, fmt), name)
    items = loaded if isinstance(loaded, list) else [loaded]
    found = services.plan_of(ref)
    for item in items:
        services.plan_propose(plan=found, spec=item, carry=not no_carry)
    click.echo(_t("proposed", count=len(items), id=found.pk))


def _one_event(path: str | None, text: str | None, fmt: str | None) -> Any:
    """The event of FILE, or of --json TEXT (exactly one of them)."""
    if (path is None) == (text is None):
        raise click.UsageError(_t("file_or_json"))
    if text is not None:
        return load_data(text, "json", "--json")
    assert path is not None
    return load_data(read_text(path), file_format(path, fmt), "stdin" if path == "-" else path)


@plan.command("update-event", help=CLI["update_event_help"])
@click.argument("ref", metavar="PLAN")
@click.argument("position", type=click.IntRange(min=0))
@click.argument("path", metavar="FILE", required=False)
@click.option("--json", "text", metavar="TEXT", help=CLI["event_json_help"])
@click.option("--format", "fmt", type=click.Choice(FORMATS), help=CLI["format_help"])
@click.option("--carry/--no-carry", default=None, help=CLI["carry_help"])
def update_event(
    ref: str, position: int, path: str | None, text: str | None, fmt: str | None, carry: bool | None
) -> None:
    spec = _one_event(path, text, fmt)
    found = services.plan_of(ref)
    services.plan_event_update(
        plan=found, position=position, spec=spec if isinstance(spec, dict) else {}, carry=carry
    )
    click.echo(_t("event_updated", position=position, id=found.pk))


@plan.command("remove-event", help=CLI["remove_event_help"])
@click.argument("ref", metavar="PLAN")
@click.argument("position", type=click.IntRange(min=0))
def remove_event(ref: str, position: int) -> None:
    found = services.plan_of(ref)
    services.plan_event_remove(plan=found, position=position)
    click.echo(_t("event_removed", position=position, id=found.pk))


@plan.command("submit", help=CLI["submit_help"])
@click.argument("ref", metavar="PLAN")
def submit(ref: str) -> None:
    found = services.plan_submit(plan=ref)
    click.echo(_t("status_now", id=found.pk, name=found.name, status=Status(found.status).label))


def _figures(found: queries.Impact) -> None:
    for table_key, title in TABLES.items():
        before = {r.key: r for r in getattr(found.before, table_key)}
        after = {r.key: r for r in getattr(found.after, table_key)}
        keys = [*before, *(k for k in after if k not in before)]
        if not keys:
            continue
        click.echo(str(title))
        rows = []
        for key in keys:
            label = (after.get(key) or before[key]).label
            show = _rate if table_key == "coverage" else _n
            rows.append(
                [
                    f"  {label}",
                    show(before[key].value if key in before else None),
                    show(after[key].value if key in after else None),
                ]
            )
        table([f"  {_t('figure')}", _t("before"), _t("after")], rows)


def _successors(found: queries.Impact) -> None:
    shown = [s for s in found.successors if s.leaders or s.deputies or s.staffing]
    if not shown:
        return
    click.echo(_t("successors"))
    for s in shown:
        click.echo(f"  {s.unit.name} ← " + ", ".join(i.name for i in s.inputs))
        for p in [*s.leaders, *s.deputies]:
            line = _t(
                "surplus_line",
                post=p.label,
                holders=p.holders,
                allowed=_n(p.allowed),
                surplus=_n(p.surplus),
            )
            click.echo(f"    {line}")
        if s.deputy_deadline:
            click.echo(f"    {_t('deadline', date=s.deputy_deadline.isoformat())}")
        staff = _t("staff_line", headcount=s.headcount, quota=_n(s.quota), surplus=s.staff_surplus)
        deadline = (
            f" — {_t('deadline', date=s.staff_deadline.isoformat())}" if s.staff_deadline else ""
        )
        click.echo(f"    {staff}{deadline}")


def _impact_with_bar(ref: str) -> queries.Impact:
    """The impact, with a progress bar on stderr per proposed event (a province: minutes)."""
    with click.progressbar(length=1, label=_t("computing"), file=sys.stderr) as bar:

        def progress(done: int, total: int, step: str) -> None:
            bar.length = total
            bar.update(done - bar.pos)

        return queries.impact(ref, progress=progress)


@plan.command("impact", help=CLI["impact_help"])
@click.argument("ref", metavar="PLAN")
@click.option("--json", "as_json", is_flag=True, help=CLI["json_help"])
def impact(ref: str, as_json: bool) -> None:
    found = _impact_with_bar(ref)
    if as_json:
        echo_json(data(found))
        return
    heading(_t("impact_line", id=found.plan.id, name=found.plan.name, date=found.on.isoformat()))
    _figures(found)
    _successors(found)
    if found.after.small_cells:
        click.echo(_t("small_cells"))
        for cell in found.after.small_cells:
            click.echo(f"  {cell.name} #{cell.id}")
    click.echo(_t("affected", count=found.affected_count))
    for a in found.affected:
        click.echo(f"  {a.person.full_name} #{a.person.id}: " + "; ".join(a.roles))
    if found.problems:
        show_problems(found.problems, _t("refused"))


@plan.command("check", help=CLI["check_help"])
@click.argument("ref", metavar="PLAN")
@click.option("--json", "as_json", is_flag=True, help=CLI["json_help"])
def check(ref: str, as_json: bool) -> None:
    found = queries.checks(ref)
    if as_json:
        echo_json([p.as_dict() for p in found])
    elif not found:
        click.echo(_t("no_problem"))
    else:
        show_problems(found, _t("problems", count=len(found)))
    if found:
        click.get_current_context().exit(EXIT_BAD_INPUT)


@plan.command("compare", help=CLI["compare_help"])
@click.argument("first", metavar="A")
@click.argument("second", metavar="B")
@click.option("--json", "as_json", is_flag=True, help=CLI["json_help"])
def compare(first: str, second: str, as_json: bool) -> None:
    found = queries.compare(first, second)
    if as_json:
        echo_json(data(found))
        return
    heading(f"A: #{found.a.id} {found.a.name}  |  B: #{found.b.id} {found.b.name}")
    a, b = _t("plan_a"), _t("plan_b")
    table(
        [_t("figure"), f"{a}: {_t('before')}", f"{a}: {_t('after')}", f"{b}: {_t('after')}"],
        [[r.label, _n(r.a_before), _n(r.a_after), _n(r.b_after)] for r in found.rows],
    )


@plan.command("approve", help=CLI["approve_help"])
@click.argument("ref", metavar="PLAN")
@click.option("--document", "number", help=CLI["document_help"])
@click.option("--issuer", help=CLI["issuer_help"])
@click.option("--signed-on", type=DATE, help=CLI["signed_help"])
@click.option("--kind", type=click.Choice(DocumentKind.values), help=CLI["kind_help"])
@click.option("--title", help=CLI["title_help"])
def approve(
    ref: str,
    number: str | None,
    issuer: str | None,
    signed_on: dt.date | None,
    kind: str | None,
    title: str | None,
) -> None:
    document: dict[str, Any] | None = None
    if number:
        document = {"number": number, "issuer": issuer, "title": title or ""}
        document["signed_on"] = signed_on.isoformat() if signed_on else None
        if kind:
            document["kind"] = kind
    found = services.plan_approve(plan=ref, document=document)
    count = found.events.exclude(applied=None).count()
    number_text = found.document.number if found.document else ""
    click.echo(_t("approved", id=found.pk, document=number_text, count=count))


@plan.command("reject", help=CLI["reject_help"])
@click.argument("ref", metavar="PLAN")
@click.option("--note", default="", help=CLI["note_option_help"])
def reject(ref: str, note: str) -> None:
    found = services.plan_reject(plan=ref, note=note)
    click.echo(_t("status_now", id=found.pk, name=found.name, status=Status(found.status).label))


@plan.command("note", help=CLI["note_help"])
@click.argument("ref", metavar="PLAN")
@click.argument("text")
@click.option("--reference", default="", help=CLI["reference_help"])
def note(ref: str, text: str, reference: str) -> None:
    services.plan_note_add(plan=ref, text=text, reference=reference)


COMMANDS = (plan,)
