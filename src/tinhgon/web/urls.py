from django.urls import path

from . import (
    account_views,
    address_views,
    adminunits_views,
    audit_views,
    document_views,
    indicator_views,
    party_views,
    people_views,
    staffing_views,
    views,
)

app_name = "web"

urlpatterns = [
    path("", views.home, name="home"),
    path("units/<int:unit_id>/", views.unit_detail, name="unit"),
    path("units/<int:unit_id>/tree/", views.unit_tree, name="tree"),
    path("code/<str:code>/", views.code_redirect, name="code"),
    path("events/", views.event_list, name="events"),
    path("events/<int:event_id>/", views.event_detail, name="event"),
    path("documents/<int:document_id>/", views.document_detail, name="document"),
    path("documents/<int:document_id>/edit/", document_views.document_edit, name="document-edit"),
    path("search/", views.search, name="search"),
    path("admin-units/", adminunits_views.summary, name="adminunits"),
    path("admin-units/pick/", adminunits_views.province_pick, name="adminunits-pick"),
    path(
        "admin-units/provinces/<int:unit_id>/",
        adminunits_views.province,
        name="adminunits-province",
    ),
    path("address/", address_views.address, name="address"),
    path("units/<int:unit_id>/posts/", people_views.unit_posts, name="unit-posts"),
    path("posts/<int:post_id>/", people_views.post_detail, name="post"),
    path("persons/", people_views.person_search, name="persons"),
    path("persons/<int:person_id>/", people_views.person_detail, name="person"),
    path("coverage/", people_views.coverage, name="coverage"),
    path("units/<int:unit_id>/staffing/", staffing_views.unit_staffing, name="unit-staffing"),
    path("reductions/", staffing_views.reductions, name="reductions"),
    path("indicators/", indicator_views.indicators, name="indicators"),
    path("indicators/<str:key>/", indicator_views.indicator, name="indicator"),
    path("party/org/<int:unit_id>/", party_views.organization, name="party-org"),
    path("party/member/<int:member_id>/", party_views.member, name="party-member"),
    path(
        "party/member/<int:member_id>/confirm/",
        party_views.member_confirm,
        name="party-member-confirm",
    ),
    path("party/admissions/", party_views.admissions, name="party-admissions"),
    path("party/statistics/", party_views.statistics, name="party-statistics"),
    path("party/pipeline/", party_views.pipeline, name="party-pipeline"),
    path("party/structure/", party_views.structure, name="party-structure"),
    path("login/", account_views.SignInView.as_view(), name="login"),
    path("logout/", account_views.SignOutView.as_view(), name="logout"),
    path("audit/", audit_views.audit_log, name="audit"),
]
