from django.urls import path

from . import address_views, adminunits_views, views

app_name = "web"

urlpatterns = [
    path("", views.home, name="home"),
    path("units/<int:unit_id>/", views.unit_detail, name="unit"),
    path("units/<int:unit_id>/tree/", views.unit_tree, name="tree"),
    path("code/<str:code>/", views.code_redirect, name="code"),
    path("events/", views.event_list, name="events"),
    path("events/<int:event_id>/", views.event_detail, name="event"),
    path("documents/<int:document_id>/", views.document_detail, name="document"),
    path("search/", views.search, name="search"),
    path("admin-units/", adminunits_views.summary, name="adminunits"),
    path("admin-units/pick/", adminunits_views.province_pick, name="adminunits-pick"),
    path(
        "admin-units/provinces/<int:unit_id>/",
        adminunits_views.province,
        name="adminunits-province",
    ),
    path("address/", address_views.address, name="address"),
]
