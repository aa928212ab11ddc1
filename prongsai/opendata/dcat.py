"""DCAT metadata of datasets and organisation catalogues as JSON-LD.

Uses the W3C DCAT 2 vocabulary with Dublin Core terms (``dct:``), FOAF and
vCard, the terms ckanext-dcat emits, so that DCAT harvesters can read it.
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import override

from . import ckan
from .models import Dataset, UpdateFrequency

CONTEXT = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "vcard": "http://www.w3.org/2006/vcard/ns#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dct:issued": {"@type": "xsd:dateTime"},
    "dct:modified": {"@type": "xsd:dateTime"},
    "dcat:startDate": {"@type": "xsd:date"},
    "dcat:endDate": {"@type": "xsd:date"},
    "dcat:landingPage": {"@type": "@id"},
    "dcat:accessURL": {"@type": "@id"},
    "dcat:downloadURL": {"@type": "@id"},
    "dct:license": {"@type": "@id"},
    "dct:language": {"@type": "@id"},
    "dct:accrualPeriodicity": {"@type": "@id"},
    "foaf:homepage": {"@type": "@id"},
    "foaf:mbox": {"@type": "@id"},
    "vcard:hasEmail": {"@type": "@id"},
}

# Dublin Core frequency vocabulary for the update frequency units.
FREQUENCIES = {
    UpdateFrequency.YEAR: "http://purl.org/cld/freq/annual",
    UpdateFrequency.HALF_YEAR: "http://purl.org/cld/freq/semiannual",
    UpdateFrequency.QUARTER: "http://purl.org/cld/freq/quarterly",
    UpdateFrequency.MONTH: "http://purl.org/cld/freq/monthly",
    UpdateFrequency.WEEK: "http://purl.org/cld/freq/weekly",
    UpdateFrequency.DAY: "http://purl.org/cld/freq/daily",
    UpdateFrequency.BUSINESS_DAY: "http://purl.org/cld/freq/daily",
    UpdateFrequency.HOUR: "http://purl.org/cld/freq/continuous",
    UpdateFrequency.REAL_TIME: "http://purl.org/cld/freq/continuous",
    UpdateFrequency.NO_UPDATE: "http://purl.org/cld/freq/irregular",
    UpdateFrequency.UNKNOWN: "http://purl.org/cld/freq/irregular",
    UpdateFrequency.OTHER: "http://purl.org/cld/freq/irregular",
}
LANGUAGES = {
    "th": "http://id.loc.gov/vocabulary/iso639-1/th",
    "en": "http://id.loc.gov/vocabulary/iso639-1/en",
}


def _iso(value) -> str | None:
    return value.isoformat() if value else None


def _publisher(organization, base_url: str) -> dict:
    node = {
        "@id": base_url + organization.get_absolute_url() + "#organization",
        "@type": "foaf:Organization",
        "foaf:name": {"@value": organization.name, "@language": "th"},
        "foaf:homepage": base_url + organization.get_absolute_url(),
    }
    if organization.email:
        node["foaf:mbox"] = f"mailto:{organization.email}"
    return node


def _dataset_node(dataset: Dataset, *, base_url: str) -> dict:
    landing = base_url + dataset.get_absolute_url()
    with override("th"):
        frequency = FREQUENCIES.get(dataset.update_frequency_unit)
    node = {
        "@id": landing + "#dataset",
        "@type": "dcat:Dataset",
        "dct:identifier": str(dataset.pk),
        "dct:title": {"@value": dataset.title, "@language": "th"},
        "dct:description": {"@value": dataset.description, "@language": "th"},
        "dcat:keyword": [{"@value": t, "@language": "th"} for t in dataset.tags],
        "dcat:theme": {
            "@type": "skos:Concept",
            "skos:prefLabel": {"@value": dataset.category, "@language": "th"},
        }
        if dataset.category
        else None,
        "dct:issued": _iso(dataset.created_at),
        "dct:modified": _iso(dataset.modified_at),
        "dct:publisher": _publisher(dataset.organization, base_url),
        "dct:accrualPeriodicity": frequency,
        "dcat:landingPage": landing,
        "dct:license": dataset.license_url or None,
        "dct:accessRights": {
            "@value": ckan.thai_gdc_fields(dataset)["data_classification"],
            "@language": "th",
        },
        "dct:spatial": {
            "@type": "dct:Location",
            "dct:title": {"@value": dataset.organization.name, "@language": "th"},
        },
        "dct:temporal": {
            "@type": "dct:PeriodOfTime",
            "dcat:startDate": _iso(dataset.temporal_start),
            "dcat:endDate": _iso(dataset.temporal_end),
        },
        "dcat:contactPoint": {
            "@type": "vcard:Organization",
            "vcard:fn": dataset.maintainer,
            **(
                {"vcard:hasEmail": f"mailto:{dataset.maintainer_email}"}
                if dataset.maintainer_email
                else {}
            ),
        },
        "dcat:distribution": [
            {
                "@id": f"{landing}#{suffix}",
                "@type": "dcat:Distribution",
                "dct:title": {"@value": f"{dataset.title} ({fmt})", "@language": "th"},
                "dct:format": fmt,
                "dcat:mediaType": mimetype,
                "dcat:accessURL": landing,
                "dcat:downloadURL": base_url + dataset.download_url(suffix),
                "dct:license": dataset.license_url or None,
                "dct:modified": _iso(dataset.data_modified_at or dataset.modified_at),
            }
            for fmt, mimetype, suffix in ckan.FORMATS
        ],
    }
    if dataset.language in LANGUAGES:
        node["dct:language"] = LANGUAGES[dataset.language]
    return _drop_empty(node)


def _drop_empty(value):
    if isinstance(value, dict):
        return {
            k: _drop_empty(v)
            for k, v in value.items()
            if v not in (None, "", [], {}) and _drop_empty(v) not in ({}, [])
        }
    if isinstance(value, list):
        return [_drop_empty(v) for v in value if v not in (None, "")]
    return value


def dataset_jsonld(dataset: Dataset, *, base_url: str) -> dict:
    """One ``dcat:Dataset`` with its distributions, as a JSON-LD document."""
    return {"@context": CONTEXT, **_dataset_node(dataset, base_url=base_url)}


def catalog_jsonld(organization, datasets, *, base_url: str) -> dict:
    """The organisation's ``dcat:Catalog`` with every published dataset."""
    home = base_url + organization.get_absolute_url()
    catalogue_url = base_url + f"/{organization.slug}/open-data/"
    nodes = [_dataset_node(d, base_url=base_url) for d in datasets]
    modified = max((d.modified_at for d in datasets), default=None)
    with override("th"):
        title = _("Open data catalogue of %(name)s") % {"name": organization.name}
        description = _("Datasets published by %(name)s.") % {"name": organization.name}
    return _drop_empty(
        {
            "@context": CONTEXT,
            "@id": catalogue_url + "#catalog",
            "@type": "dcat:Catalog",
            "dct:title": {"@value": title, "@language": "th"},
            "dct:description": {"@value": description, "@language": "th"},
            "dct:publisher": _publisher(organization, base_url),
            "foaf:homepage": home,
            "dct:language": LANGUAGES["th"],
            "dct:modified": _iso(modified),
            "dcat:dataset": nodes,
        }
    )
