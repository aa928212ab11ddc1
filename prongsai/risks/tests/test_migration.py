"""Moving the register out of ``plans`` keeps every row, in its own table."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection

from prongsai.core.testing import migrate_to, migrate_to_latest, migration_targets
from prongsai.risks.models import Risk, RiskAssessment

BEFORE = migration_targets(("plans", "0005_reminders_to_notifications"))


@pytest.mark.django_db(transaction=True)
def test_a_risk_made_before_the_move_is_kept(organization):
    try:
        old = migrate_to(BEFORE)
        assert "plans_risk" in connection.introspection.table_names()
        OldAssessment = old.get_model("plans", "RiskAssessment")
        OldRisk = old.get_model("plans", "Risk")
        OldContentType = old.get_model("contenttypes", "ContentType")
        assessment = OldAssessment.objects.create(
            organization_id=organization.pk,
            fiscal_year=2569,
            title="การประเมินความเสี่ยงการทุจริต ปีงบประมาณ พ.ศ. 2569",
        )
        risk = OldRisk.objects.create(
            organization_id=organization.pk,
            assessment=assessment,
            process="permits",
            event="เรียกรับผลประโยชน์ในการอนุญาตก่อสร้าง",
            likelihood=4,
            impact=3,
        )
        content_type = OldContentType.objects.get_or_create(
            app_label="plans", model="risk"
        )[0]
    finally:
        migrate_to_latest()
    tables = connection.introspection.table_names()
    assert {"risks_risk", "risks_riskassessment"} <= set(tables)
    assert not {"plans_risk", "plans_riskassessment"} & set(tables)
    moved = Risk.objects.get(pk=risk.pk)
    assert moved.event == "เรียกรับผลประโยชน์ในการอนุญาตก่อสร้าง"
    assert moved.assessment == RiskAssessment.objects.get(pk=assessment.pk)
    ContentType.objects.clear_cache()
    assert ContentType.objects.get_for_model(Risk).pk == content_type.pk
    assert not ContentType.objects.filter(app_label="plans", model="risk").exists()
