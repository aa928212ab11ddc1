"""Site content back office, mounted at ``/<org>/staff/site/``."""

from django.urls import path

from . import views

app_name = "sitecontent"

urlpatterns = [
    path("", views.index, name="index"),
    path(
        "pages/structure/",
        views.page_edit,
        {"key": "structure"},
        name="page-structure",
    ),
    path("pages/contacts/", views.page_edit, {"key": "contacts"}, name="page-contacts"),
    path("executives/new/", views.executive_edit, name="executive-create"),
    path("executives/<int:pk>/", views.executive_edit, name="executive-edit"),
    path(
        "executives/<int:pk>/delete/",
        views.executive_delete,
        name="executive-delete",
    ),
    path("news/new/", views.news_edit, name="news-create"),
    path("news/<int:pk>/", views.news_edit, name="news-edit"),
    path("laws/new/", views.law_edit, name="law-create"),
    path("laws/<int:pk>/", views.law_edit, name="law-edit"),
    path("inquiries/", views.inquiries, name="inquiries"),
    path("inquiries/<int:pk>/", views.inquiry_answer, name="inquiry-answer"),
]
