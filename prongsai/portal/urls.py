"""Public URLs of an organisation, mounted at ``/<org>/``."""

from django.urls import path

from . import views

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("structure/", views.structure, name="structure"),
    path("executives/", views.executives, name="executives"),
    path("contact/", views.contacts, name="contacts"),
    path("news/", views.news, name="news"),
    path("news/<int:pk>/", views.news_detail, name="news-detail"),
    path("laws/", views.laws, name="laws"),
    path("search/", views.search, name="search"),
    path("oit/", views.oit, name="oit"),
    path("oit/<int:fiscal_year>/", views.oit, name="oit-year"),
    path("oit/evidence/<int:pk>/", views.oit_evidence, name="oit-evidence"),
]
