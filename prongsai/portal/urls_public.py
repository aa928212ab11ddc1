"""Public URLs of an organisation, mounted at ``/<org>/``."""

from django.urls import path

from . import views_public

app_name = "portal-public"

urlpatterns = [
    path("", views_public.home, name="home"),
    path("structure/", views_public.structure, name="structure"),
    path("executives/", views_public.executives, name="executives"),
    path("contact/", views_public.contacts, name="contacts"),
    path("news/", views_public.news, name="news"),
    path("news/<int:pk>/", views_public.news_detail, name="news-detail"),
    path("laws/", views_public.laws, name="laws"),
    path("accessibility/", views_public.accessibility, name="accessibility"),
    path("search/", views_public.search, name="search"),
    path("sitemap/", views_public.sitemap, name="sitemap"),
    path("theme.css", views_public.theme_css, name="theme-css"),
    path("oit/", views_public.oit, name="oit"),
    path("oit/<int:fiscal_year>/", views_public.oit, name="oit-year"),
    path("oit/evidence/<int:pk>/", views_public.oit_evidence, name="oit-evidence"),
]
