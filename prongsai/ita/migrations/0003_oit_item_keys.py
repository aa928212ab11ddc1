"""Give the OIT items of the stored frameworks their stable keys.

OIT evidence providers serve items by ``key`` (``prongsai.oit.registry``).
``load_ita_frameworks --update`` replaces the stored data with the files,
keys included; installs that keep corrected frameworks get the keys here, by
item code, without touching anything else. An item whose code is not below
keeps no key (no provider serves it, as before).
"""

from django.db import migrations

# Frozen copy of the keys of prongsai/ita/data/frameworks/fy2566..fy2569.yaml.
ITEM_KEYS = {
    2566: {
        "O1": "organization.structure",
        "O2": "organization.executives",
        "O3": "organization.powers",
        "O4": "organization.strategic_plan",
        "O5": "organization.contacts",
        "O6": "organization.laws",
        "O7": "organization.news",
        "O8": "organization.qa",
        "O9": "organization.social_network",
        "O10": "organization.privacy_policy",
        "O11": "operations.annual_plan",
        "O12": "operations.six_month_report",
        "O13": "operations.annual_report",
        "O14": "operations.staff_manual",
        "O15": "eservices.service_standard",
        "O16": "eservices.statistics",
        "O17": "eservices.satisfaction_survey",
        "O18": "eservices.online",
        "O19": "procurement.plan",
        "O20": "procurement.announcements",
        "O21": "procurement.monthly_summary",
        "O22": "procurement.annual_report",
        "O23": "hr.policy",
        "O24": "hr.policy_implementation",
        "O25": "hr.criteria",
        "O26": "hr.annual_report",
        "O27": "complaints.guideline",
        "O28": "complaints.channel",
        "O29": "complaints.statistics",
        "O30": "participation.opportunities",
        "O31": "no_gift.announcement",
        "O32": "no_gift.culture",
        "O33": "no_gift.report",
        "O34": "risk.assessment",
        "O35": "risk.management",
        "O36": "anti_corruption.plan",
        "O37": "anti_corruption.six_month_report",
        "O38": "anti_corruption.annual_report",
        "O39": "ethics.code",
        "O40": "ethics.promotion",
        "O41": "ethics.assessment",
        "O42": "integrity.measures",
        "O43": "integrity.measures_implementation",
    },
    2567: {
        "O1": "organization.structure",
        "O2": "organization.executives",
        "O3": "organization.powers",
        "O4": "organization.strategic_plan",
        "O5": "organization.contacts",
        "O6": "organization.laws",
        "O7": "organization.news",
        "O8": "organization.qa",
        "O9": "organization.social_network",
        "O10": "organization.privacy_policy",
        "O11": "operations.annual_plan",
        "O12": "operations.six_month_report",
        "O13": "operations.annual_report",
        "O14": "operations.staff_manual",
        "O15": "eservices.service_standard",
        "O16": "eservices.statistics",
        "O17": "eservices.satisfaction_survey",
        "O18": "eservices.online",
        "O19": "procurement.plan",
        "O20": "procurement.announcements",
        "O21": "procurement.monthly_summary",
        "O22": "procurement.annual_report",
        "O23": "hr.policy",
        "O24": "hr.policy_implementation",
        "O25": "hr.criteria",
        "O26": "hr.annual_report",
        "O27": "complaints.guideline",
        "O28": "complaints.channel",
        "O29": "complaints.statistics",
        "O30": "participation.opportunities",
        "O31": "no_gift.announcement",
        "O32": "no_gift.culture",
        "O33": "no_gift.report",
        "O34": "risk.assessment",
        "O35": "risk.management",
        "O36": "anti_corruption.plan",
        "O37": "anti_corruption.six_month_report",
        "O38": "anti_corruption.annual_report",
        "O39": "ethics.code",
        "O40": "ethics.promotion",
        "O41": "ethics.assessment",
        "O42": "integrity.measures",
        "O43": "integrity.measures_implementation",
    },
    2568: {
        "O1": "organization.structure",
        "O2": "organization.executives",
        "O3": "organization.contacts",
        "O4": "organization.news",
        "O5": "organization.strategic_plan",
        "O6": "operations.annual_plan",
        "O7": "operations.annual_report",
        "O8": "operations.staff_manual",
        "O9": "eservices.manual",
        "O10": "eservices.online",
        "O11": "eservices.statistics",
        "O12": "procurement.list",
        "O13": "procurement.annual_report",
        "O14": "hr.plan",
        "O15": "hr.annual_report",
        "O16": "ethics.code",
        "O17": "complaints.guideline",
        "O18": "complaints.channel",
        "O19": "complaints.statistics",
        "O20": "participation.opportunities",
        "O21": "no_gift.announcement",
        "O22": "no_gift.gift_reports",
        "O23": "risk.assessment",
        "O24": "risk.report",
        "O25": "anti_corruption.plan",
        "O26": "anti_corruption.annual_report",
        "O27": "integrity.ita_result_use",
    },
    2569: {
        "O1": "organization.structure",
        "O2": "organization.executives",
        "O3": "organization.contacts",
        "O4": "organization.news",
        "O5": "organization.strategic_plan",
        "O6": "operations.annual_plan",
        "O7": "operations.annual_report",
        "O8": "operations.staff_manual",
        "O9": "eservices.manual",
        "O10": "eservices.online",
        "O11": "procurement.monthly_summary",
        "O12": "procurement.annual_report",
        "O13": "hr.plan",
        "O14": "hr.annual_report",
        "O15": "ethics.code",
        "O16": "complaints.guideline",
        "O17": "complaints.channel",
        "O18": "complaints.statistics",
        "O19": "participation.opportunities",
        "O20": "no_gift.policy",
        "O21": "risk.assessment",
        "O22": "risk.report",
        "O23": "anti_corruption.plan",
        "O24": "anti_corruption.annual_report",
        "O25": "integrity.ita_result_use",
        "O26": "integrity.report",
    },
}


def add_keys(apps, schema_editor):
    FrameworkVersion = apps.get_model("ita", "FrameworkVersion")
    for version in FrameworkVersion.objects.filter(fiscal_year__in=ITEM_KEYS):
        keys = ITEM_KEYS[version.fiscal_year]
        items = (version.data or {}).get("oit_items") or []
        changed = False
        for item in items:
            key = keys.get(item.get("code")) if isinstance(item, dict) else None
            if key and not item.get("key"):
                item["key"] = key
                changed = True
        if changed:
            version.save(update_fields=["data", "updated_at"])


def remove_keys(apps, schema_editor):
    FrameworkVersion = apps.get_model("ita", "FrameworkVersion")
    for version in FrameworkVersion.objects.filter(fiscal_year__in=ITEM_KEYS):
        items = (version.data or {}).get("oit_items") or []
        for item in items:
            if isinstance(item, dict):
                item.pop("key", None)
        version.save(update_fields=["data", "updated_at"])


class Migration(migrations.Migration):
    dependencies = [("ita", "0002_analysis_peers_rules_reports")]

    operations = [migrations.RunPython(add_keys, remove_keys)]
