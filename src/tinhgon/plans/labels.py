"""Words the interfaces show about plans (kept here so that they live in the plans
catalogue): the CLI's help and headings, the impact tables' titles."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

TABLES = {
    "units": _("Units by kind"),
    "party": _("Party organizations and members"),
    "staffing": _("Headcount and quotas"),
    "coverage": _("Post unification (share of places complying)"),
    "targets": _("Indicators with a target"),
}

CLI = {
    "plan_help": _("Restructuring plans: propose events, see their impact, approve or reject."),
    "create_help": _("Create a draft plan over the apparatus of a unit (--scope REF)."),
    "list_help": _("List the plans."),
    "show_help": _("Show a plan: its dates, status, proposed events and notes."),
    "propose_help": _(
        "Add the event(s) of FILE (YAML or JSON, as event files; “documents” may be left out: "
        "the deciding document is cited on approval) to the plan."
    ),
    "submit_help": _("Submit a draft plan for decision."),
    "update_event_help": _(
        "Replace the proposed event at POSITION of the plan by the event of FILE (YAML or JSON, "
        "as event files) or of --json TEXT."
    ),
    "remove_event_help": _("Remove the proposed event at POSITION from the plan."),
    "event_json_help": _("The event as JSON text, instead of a file."),
    "carry_help": _(
        "Carry (or not) the staff and party members of merged units; left out: unchanged."
    ),
    "file_or_json": _("Give either FILE or --json, not both."),
    "event_updated": _("Replaced event %(position)s of plan #%(id)s."),
    "event_removed": _("Removed event %(position)s from plan #%(id)s."),
    "impact_help": _(
        "What the plan does at its effective date, against the records without it: units, "
        "party organizations, successors against the norms, headcount, people affected, "
        "coverage and indicators."
    ),
    "check_help": _(
        "Every problem of the plan (exit status 2 if there is any): conflicting events, units "
        "ended twice, codes reused, staff or members left without a successor."
    ),
    "compare_help": _("Two plans side by side: every figure without and with each."),
    "approve_help": _(
        "Approve the plan with its deciding document: its events are recorded for real, in "
        "one transaction, or nothing is."
    ),
    "reject_help": _("Reject the plan; it is kept for the record and nothing real is written."),
    "note_help": _("Add a note (or a document reference) to a plan."),
    "scope_help": _("The unit whose apparatus the plan changes (REF)."),
    "base_help": _("The base date: the records the plan was drafted on (YYYY-MM-DD)."),
    "effective_help": _("The effective date of the plan (YYYY-MM-DD)."),
    "status_help": _("Only plans with this status."),
    "json_help": _("Print JSON."),
    "format_help": _("Read FILE as this format whatever its extension."),
    "no_carry_help": _("Do not carry staff and party members of merged units to the successor."),
    "document_help": _("Number of the deciding document, e.g. 1679/NQ-UBTVQH15."),
    "issuer_help": _("Issuer of the deciding document."),
    "signed_help": _("Date the deciding document was signed (YYYY-MM-DD)."),
    "kind_help": _("Kind of the deciding document (resolution, decision, …)."),
    "title_help": _("Title of the deciding document."),
    "reference_help": _("A document the note refers to."),
    "note_option_help": _("Why the plan is rejected."),
    "created": _("Created plan #%(id)s “%(name)s” (%(status)s)."),
    "proposed": _("Added %(count)s event(s) to plan #%(id)s."),
    "status_now": _("Plan #%(id)s “%(name)s” is now %(status)s."),
    "approved": _("Plan #%(id)s approved by %(document)s: %(count)s event(s) recorded."),
    "no_plans": _("No plan."),
    "no_problem": _("No problem found."),
    "problems": _("%(count)s problem(s):"),
    "plan_line": _(
        "#%(id)s %(name)s — %(scope)s, base %(base)s, effective %(effective)s, %(status)s"
    ),
    "events": _("Proposed events:"),
    "notes": _("Notes:"),
    "impact_line": _("Impact of plan #%(id)s “%(name)s” on %(date)s"),
    "figure": _("Figure"),
    "before": _("Without the plan"),
    "after": _("With the plan"),
    "successors": _("Successors:"),
    "leaders": _("leaders"),
    "deputies": _("deputies"),
    "surplus_line": _("%(post)s: %(holders)s (norm %(allowed)s, surplus %(surplus)s)"),
    "deadline": _("resolve by %(date)s"),
    "staff_line": _("staff: %(headcount)s, quota %(quota)s, surplus %(surplus)s"),
    "affected": _("People affected: %(count)s"),
    "small_cells": _("Cells below the official minimum:"),
    "refused": _("Problems while applying the plan:"),
    "computing": _("Computing the impact"),
    "plan_a": _("Plan A"),
    "plan_b": _("Plan B"),
}
