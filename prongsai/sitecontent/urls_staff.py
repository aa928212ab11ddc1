"""Site content back office, mounted at ``/<org>/staff/site/``."""

from django.urls import path

from . import views_staff

app_name = "sitecontent-staff"

urlpatterns = [
    path("", views_staff.index, name="index"),
    path("design/", views_staff.design_system, name="design-system"),
    path(
        "website-standard/",
        views_staff.website_standard,
        name="website-standard",
    ),
    path(
        "pages/structure/",
        views_staff.page_edit,
        {"key": "structure"},
        name="page-structure",
    ),
    path(
        "pages/contacts/",
        views_staff.page_edit,
        {"key": "contacts"},
        name="page-contacts",
    ),
    path("executives/new/", views_staff.executive_edit, name="executive-create"),
    path("executives/<int:pk>/", views_staff.executive_edit, name="executive-edit"),
    path(
        "executives/<int:pk>/delete/",
        views_staff.executive_delete,
        name="executive-delete",
    ),
    path("news/new/", views_staff.news_edit, name="news-create"),
    path("news/<int:pk>/", views_staff.news_edit, name="news-edit"),
    path("laws/new/", views_staff.law_edit, name="law-create"),
    path("laws/<int:pk>/", views_staff.law_edit, name="law-edit"),
    path("inquiries/", views_staff.inquiries, name="inquiries"),
    path("inquiries/<int:pk>/", views_staff.inquiry_answer, name="inquiry-answer"),
]
