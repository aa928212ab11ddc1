"""model_update: the one way a service changes fields and gets the audit diff."""

import pytest
from django.core.exceptions import ValidationError

from prongsai.core.models import Sequence
from prongsai.core.services import model_update


@pytest.fixture
def counter(organization):
    return Sequence.objects.create(organization=organization, name="a", last_value=1)


@pytest.mark.django_db
def test_changed_fields_are_saved_and_returned_as_the_audit_diff(counter):
    changes = model_update(
        counter, {"name": "b", "last_value": 1, "extra": "x"}, ["name", "last_value"]
    )
    assert changes == {"name": {"old": "a", "new": "b"}}
    counter.refresh_from_db()
    assert (counter.name, counter.last_value) == ("b", 1)


@pytest.mark.django_db
def test_fields_not_named_are_never_touched(counter):
    changes = model_update(counter, {"name": "b", "last_value": 5}, ["last_value"])
    assert changes == {"last_value": {"old": 1, "new": 5}}
    counter.refresh_from_db()
    assert counter.name == "a"


@pytest.mark.django_db
def test_nothing_changed_saves_nothing(counter, django_assert_num_queries):
    with django_assert_num_queries(0):
        assert model_update(counter, {"name": "a"}, ["name"]) == {}


@pytest.mark.django_db
def test_invalid_values_raise_before_saving(counter):
    with pytest.raises(ValidationError) as error:
        model_update(counter, {"name": ""}, ["name"])
    assert "name" in error.value.message_dict
    counter.refresh_from_db()
    assert counter.name == "a"


@pytest.mark.django_db
def test_related_objects_are_kept_readable_in_the_diff(counter, other_organization):
    changes = model_update(
        counter, {"organization": other_organization}, ["organization"]
    )
    assert changes["organization"]["new"] == str(other_organization)
