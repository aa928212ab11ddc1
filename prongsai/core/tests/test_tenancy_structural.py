"""Organisation-owned queries are scoped by the models, not by each view remembering.

App code is simulated by compiling a snippet under a project path outside
``tests/`` (code in test modules is exempt from the check by design).
"""

import logging

import pytest
from django.db.models import Q

from prongsai.core import tenancy
from prongsai.core.models import AuditEvent, Sequence
from prongsai.core.tenancy import UnscopedTenantQuery, query_is_scoped

APP_FILE = "/srv/prongsai/someapp/services.py"


def run_as_app_code(source: str, **names):
    """Evaluate *source* as if it were a line of app code."""
    code = compile(source, APP_FILE, "eval")
    return eval(code, {"Sequence": Sequence, "Q": Q}, names)  # noqa: S307


@pytest.fixture
def counters(organization, other_organization):
    mine = Sequence.objects.create(organization=organization, name="a", last_value=1)
    theirs = Sequence.objects.create(
        organization=other_organization, name="a", last_value=2
    )
    return mine, theirs


@pytest.mark.django_db
@pytest.mark.parametrize(
    "source",
    [
        "list(Sequence.objects.all())",
        "Sequence.objects.get(pk=pk)",
        "Sequence.objects.filter(name='a').count()",
        "Sequence.objects.filter(pk=pk).exists()",
        "Sequence.objects.filter(name='a').update(last_value=9)",
        "Sequence.objects.filter(name='a').delete()",
        "list(Sequence.objects.values_list('pk', flat=True))",
        "list(Sequence.objects.filter(Q(organization=org) | Q(name='a')))",
        "list(Sequence.objects.exclude(organization=org))",
        "list(Sequence.objects.filter(organization__isnull=False))",
        "list(Sequence.objects.filter(organization__name='x'))",
        "Sequence.objects.first()",
        "list(Sequence.objects.iterator())",
    ],
)
def test_an_unscoped_tenant_query_fails_loudly(counters, organization, source):
    mine, _ = counters
    with pytest.raises(UnscopedTenantQuery, match=r"core\.Sequence"):
        run_as_app_code(source, pk=mine.pk, org=organization)
    # Nothing was changed by the refused update or delete.
    assert Sequence.objects.filter(name="a", last_value__in=[1, 2]).count() == 2


@pytest.mark.django_db
@pytest.mark.parametrize(
    "source",
    [
        "list(Sequence.objects.for_organization(org))",
        "list(Sequence.objects.for_organization(org.pk))",
        "Sequence.objects.get(organization=org, pk=pk)",
        "Sequence.objects.filter(organization_id=org.pk).count()",
        "Sequence.objects.filter(organization__slug=org.slug).exists()",
        "Sequence.objects.filter(organization__in=[org]).count()",
        "list(Sequence.objects.filter(Q(organization=org) & Q(name='a')))",
        "list(Sequence.objects.filter("
        "Q(organization=org, name='a') | Q(organization=org, name='b')))",
        "Sequence.objects.all_organizations().count()",
        "Sequence.objects.all_organizations().filter(name='a').order_by('pk').first()",
        "list(Sequence.objects.none())",
    ],
)
def test_scoped_or_declared_queries_run(counters, organization, source):
    mine, _ = counters
    run_as_app_code(source, pk=mine.pk, org=organization)


@pytest.mark.django_db
def test_a_scoped_query_sees_only_its_organisation(counters, organization):
    mine, theirs = counters
    found = run_as_app_code(
        "list(Sequence.objects.for_organization(org))", org=organization
    )
    assert found == [mine]
    with pytest.raises(Sequence.DoesNotExist):
        run_as_app_code(
            "Sequence.objects.for_organization(org).get(pk=pk)",
            org=organization,
            pk=theirs.pk,
        )


@pytest.mark.django_db
def test_all_organizations_survives_chaining(counters):
    qs = Sequence.objects.all_organizations().filter(name="a").order_by("pk")
    assert run_as_app_code("qs.count()", qs=qs) == 2
    assert run_as_app_code("list(qs.values_list('last_value', flat=True))", qs=qs) == [
        1,
        2,
    ]


@pytest.mark.django_db
def test_related_manager_of_an_organisation_is_scoped(organization):
    Sequence.objects.create(organization=organization, name="b")
    # Sequence's FK has related_name="+", so go through the reverse lookup.
    assert query_is_scoped(Sequence.objects.filter(organization=organization).query)
    assert not query_is_scoped(Sequence.objects.filter(name="b").query)


def test_test_code_itself_is_exempt(db):
    # This line is in a test module: no error.
    assert Sequence.objects.count() == 0


@pytest.mark.django_db
def test_production_logs_instead_of_failing(settings, counters, caplog):
    settings.PRONGSAI_TENANCY_STRICT = False
    tenancy._LOGGED.clear()
    with caplog.at_level(logging.WARNING, logger="prongsai.core.tenancy"):
        assert run_as_app_code("Sequence.objects.count()") == 2
        assert run_as_app_code("Sequence.objects.count()") == 2
    warnings = [r for r in caplog.records if "core.Sequence" in r.getMessage()]
    assert len(warnings) == 1  # once per model and place
    assert APP_FILE in warnings[0].getMessage()


def test_models_that_are_not_organisation_owned_are_not_checked(db):
    assert not tenancy.is_tenant_model(AuditEvent)
    assert tenancy.is_tenant_model(Sequence)
    run_as_app_code("list(AuditEvent.objects.all())", AuditEvent=AuditEvent)


@pytest.mark.django_db
def test_settings_rows_are_scoped_through_their_one_to_one_key(organization):
    from prongsai.organizations.models import ChannelSettings

    ChannelSettings.objects.create(organization=organization)
    found = run_as_app_code(
        "ChannelSettings.for_organization(org)",
        ChannelSettings=ChannelSettings,
        org=organization,
    )
    assert found.pk is not None
    with pytest.raises(UnscopedTenantQuery):
        run_as_app_code(
            "ChannelSettings.objects.count()", ChannelSettings=ChannelSettings
        )


@pytest.mark.django_db
def test_every_organisation_owned_model_inherits_the_scoped_base():
    """A model with an ``organization`` foreign key is organisation-owned.

    The exceptions say why they cross organisations.
    """
    from django.apps import apps

    crossing = {
        # A user's memberships across organisations is what it answers.
        "organizations.Membership",
        # The audit trail also holds platform events without an organisation.
        "core.AuditEvent",
        # The DLA's list of every LAO in the country; ``organization`` is the
        # match on the platform, if any (read by viewers above organisations).
        "organizations.DirectoryEntry",
    }
    missing = []
    for model in apps.get_models():
        label = model._meta.label
        if not label.startswith(("core.", "organizations.")) and not (
            model.__module__.startswith("prongsai.")
        ):
            continue
        field_names = {f.name for f in model._meta.get_fields()}
        if "organization" not in field_names or label in crossing:
            continue
        field = model._meta.get_field("organization")
        if not field.many_to_one and not field.one_to_one:
            continue
        if not tenancy.is_tenant_model(model):
            missing.append(label)
    assert missing == [], (
        f"organisation-owned models without the scoped base: {missing}"
    )


@pytest.mark.django_db
def test_records_that_belong_to_an_organisation_owned_record_are_scoped_too():
    """A model with a required key to an organisation-owned model is owned too."""
    from django.apps import apps

    missing = []
    for model in apps.get_models():
        if not model.__module__.startswith("prongsai.") or tenancy.is_tenant_model(
            model
        ):
            continue
        parents = [
            f.name
            for f in model._meta.get_fields()
            if getattr(f, "many_to_one", False)
            and f.concrete
            and not f.null
            and tenancy.is_tenant_model(f.related_model)
        ]
        if parents:
            missing.append((model._meta.label, parents))
    assert missing == []
