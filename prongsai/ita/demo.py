"""Demo ITA results: three years per demo organisation, with weaknesses to analyse."""

from prongsai.ita.models import ItaResult
from prongsai.ita.services import framework_load_files, ita_result_record

# Indicators 1-10 per fiscal year. Ban Dong improves but stays weak in OIT
# (9, 10) and in use of property (4); Nong Bua is strong but slips on
# communication (7) in 2568.
RESULTS = {
    "bandong": {
        2566: [
            "88.12",
            "80.45",
            "86.30",
            "78.90",
            "84.10",
            "87.55",
            "82.40",
            "83.15",
            "62.50",
            "56.25",
        ],
        2567: [
            "90.05",
            "83.70",
            "88.25",
            "81.35",
            "86.60",
            "89.10",
            "84.75",
            "85.90",
            "70.83",
            "62.50",
        ],
        2568: [
            "92.40",
            "86.15",
            "90.80",
            "82.05",
            "88.95",
            "91.30",
            "86.20",
            "88.05",
            "76.19",
            "68.75",
        ],
    },
    "nongbua": {
        2566: [
            "95.30",
            "93.85",
            "96.10",
            "94.20",
            "95.75",
            "94.80",
            "92.35",
            "93.40",
            "91.67",
            "87.50",
        ],
        2567: [
            "96.15",
            "94.60",
            "96.85",
            "95.05",
            "96.40",
            "95.25",
            "93.10",
            "94.35",
            "95.83",
            "93.75",
        ],
        2568: [
            "96.80",
            "95.45",
            "97.20",
            "95.90",
            "96.95",
            "95.70",
            "84.60",
            "94.90",
            "97.62",
            "100.00",
        ],
    },
}


def load_ita_demo(organizations) -> None:
    framework_load_files()
    for organization in organizations:
        for fiscal_year, values in RESULTS.get(organization.slug, {}).items():
            if ItaResult.objects.filter(
                organization=organization, fiscal_year=fiscal_year
            ).exists():
                continue
            ita_result_record(
                actor=None,
                organization=organization,
                fiscal_year=fiscal_year,
                indicators=dict(zip(range(1, 11), values, strict=True)),
                notes="ข้อมูลตัวอย่างสำหรับสาธิตระบบ",
            )
