from django.urls import path
from drf_spectacular.views import SpectacularAPIView

from . import address, adminunits, indicators, party, people, plans, staffing, targets
from .documents import DocumentListView, DocumentView
from .events import EventListView, EventView
from .units import (
    CodeView,
    UnitDiffView,
    UnitHistoryView,
    UnitLineageView,
    UnitSearchView,
    UnitTreeView,
    UnitView,
)

app_name = "api"

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("units/", UnitSearchView.as_view(), name="units"),
    path("units/<str:ref>/", UnitView.as_view(), name="unit"),
    path("units/<str:ref>/tree/", UnitTreeView.as_view(), name="unit-tree"),
    path("units/<str:ref>/history/", UnitHistoryView.as_view(), name="unit-history"),
    path("units/<str:ref>/lineage/", UnitLineageView.as_view(), name="unit-lineage"),
    path("units/<str:ref>/diff/", UnitDiffView.as_view(), name="unit-diff"),
    path("units/<str:ref>/posts/", people.UnitPostsView.as_view(), name="unit-posts"),
    path("codes/<str:code>/", CodeView.as_view(), name="code"),
    path("posts/<int:pk>/", people.PostView.as_view(), name="post"),
    path("persons/", people.PersonSearchView.as_view(), name="persons"),
    path("persons/<int:pk>/", people.PersonView.as_view(), name="person"),
    path("policies/", people.PolicyListView.as_view(), name="policies"),
    path("coverage/", people.CoverageView.as_view(), name="coverage"),
    path("coverage/projection/", people.ProjectionView.as_view(), name="coverage-projection"),
    path("non-local/", people.NonLocalView.as_view(), name="non-local"),
    path("units/<str:ref>/staffing/", staffing.UnitStaffingView.as_view(), name="unit-staffing"),
    path("reductions/", staffing.ReductionsView.as_view(), name="reductions"),
    path("indicators/", indicators.IndicatorsView.as_view(), name="indicators"),
    path("indicators/<str:key>/", indicators.IndicatorView.as_view(), name="indicator"),
    path("schemes/", targets.SchemesView.as_view(), name="schemes"),
    path("dashboard/", targets.DashboardView.as_view(), name="dashboard"),
    path(
        "units/<str:ref>/staffing/targets/",
        staffing.TargetsView.as_view(),
        name="unit-staffing-targets",
    ),
    path("plans/", plans.PlanListView.as_view(), name="plans"),
    path("plans/compare/", plans.PlanCompareView.as_view(), name="plans-compare"),
    path("plans/<int:pk>/", plans.PlanView.as_view(), name="plan"),
    path("plans/<int:pk>/events/", plans.PlanEventsView.as_view(), name="plan-events"),
    path("plans/<int:pk>/impact/", plans.PlanImpactView.as_view(), name="plan-impact"),
    path("plans/<int:pk>/checks/", plans.PlanChecksView.as_view(), name="plan-checks"),
    path("plans/<int:pk>/submit/", plans.PlanSubmitView.as_view(), name="plan-submit"),
    path("plans/<int:pk>/approve/", plans.PlanApproveView.as_view(), name="plan-approve"),
    path("plans/<int:pk>/reject/", plans.PlanRejectView.as_view(), name="plan-reject"),
    path("events/", EventListView.as_view(), name="events"),
    path("events/<int:pk>/", EventView.as_view(), name="event"),
    path("documents/", DocumentListView.as_view(), name="documents"),
    path("documents/<int:pk>/", DocumentView.as_view(), name="document"),
    path(
        "admin-units/provinces/",
        adminunits.ProvinceListView.as_view(),
        name="admin-units-provinces",
    ),
    path(
        "admin-units/provinces/<str:ref>/transition/",
        adminunits.TransitionView.as_view(),
        name="admin-units-transition",
    ),
    path("admin-units/summary/", adminunits.SummaryView.as_view(), name="admin-units-summary"),
    path("address/convert/", address.AddressConvertView.as_view(), name="address-convert"),
    path("address/reverse/", address.AddressReverseView.as_view(), name="address-reverse"),
    path(
        "party/organizations/<str:ref>/",
        party.OrganizationView.as_view(),
        name="party-organization",
    ),
    path("party/counts/", party.CountsView.as_view(), name="party-counts"),
    path("party/admissions/", party.AdmissionsView.as_view(), name="party-admissions"),
    path(
        "party/admission-rates/",
        party.AdmissionRatesView.as_view(),
        name="party-admission-rates",
    ),
    path(
        "party/term-admissions/",
        party.TermAdmissionsView.as_view(),
        name="party-term-admissions",
    ),
    path(
        "party/confirmations-due/",
        party.ConfirmationsDueView.as_view(),
        name="party-confirmations-due",
    ),
    path("party/structure/", party.StructureView.as_view(), name="party-structure"),
    path("party/statistics/", party.StatisticsView.as_view(), name="party-statistics"),
    path("party/ratings/", party.RatingsView.as_view(), name="party-ratings"),
    path("party/pipeline/", party.PipelineView.as_view(), name="party-pipeline"),
    path("party/congresses/", party.CongressesView.as_view(), name="party-congresses"),
    path("party/members/", party.MembersView.as_view(), name="party-members"),
    path("party/members/<int:pk>/", party.MemberView.as_view(), name="party-member"),
    path(
        "party/members/<int:pk>/confirm/",
        party.MemberConfirmView.as_view(),
        name="party-member-confirm",
    ),
    path(
        "party/members/<int:pk>/transfer/",
        party.MemberTransferView.as_view(),
        name="party-member-transfer",
    ),
    path("party/members/<int:pk>/end/", party.MemberEndView.as_view(), name="party-member-end"),
]
