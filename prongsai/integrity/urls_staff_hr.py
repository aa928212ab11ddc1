"""Back-office URLs of the HR registers, at ``/<org>/staff/integrity/hr/``
(included by ``urls_staff``, names in the ``integrity-staff`` namespace)."""

from django.urls import path

from . import views_staff_hr as v
from .urls_public_hr import _Document, _Extension  # noqa: F401 (converters)

urlpatterns = [
    path("", v.hr_home, name="hr"),
    path("plan/", v.hr_plan_edit, name="hr-plan-edit"),
    path("projects/new/", v.hr_project_edit, name="hr-project-create"),
    path("projects/<int:pk>/edit/", v.hr_project_edit, name="hr-project-edit"),
    path("projects/<int:pk>/result/", v.hr_project_result, name="hr-project-result"),
    path("projects/<int:pk>/delete/", v.hr_project_delete, name="hr-project-delete"),
    path("criteria/", v.hr_criteria, name="hr-criteria"),
    path("criteria/new/", v.hr_criterion_edit, name="hr-criterion-create"),
    path("criteria/<int:pk>/edit/", v.hr_criterion_edit, name="hr-criterion-edit"),
    path(
        "criteria/<int:pk>/delete/", v.hr_criterion_delete, name="hr-criterion-delete"
    ),
    path("training/", v.hr_training, name="hr-training"),
    path("training/new/", v.hr_training_edit, name="hr-training-create"),
    path("training/<int:pk>/edit/", v.hr_training_edit, name="hr-training-edit"),
    path("training/<int:pk>/delete/", v.hr_training_delete, name="hr-training-delete"),
    path("training/import/", v.hr_training_import, name="hr-training-import"),
    path(
        "training/import/<int:pk>/",
        v.hr_training_import_preview,
        name="hr-training-import-preview",
    ),
    path("report/", v.hr_report, name="hr-report"),
    path(
        "<hr_document:document>/draft.<hr_extension:extension>",
        v.hr_document,
        name="hr-document",
    ),
    path("<hr_document:document>/publish/", v.hr_publish, name="hr-publish"),
]
