import pytest

from prongsai.procurement import identifiers

from .factories import thai_id


def test_check_digit_accepts_a_valid_id_and_rejects_a_typo():
    valid = thai_id("010556300865")
    assert identifiers.is_valid_thai_id(valid)
    typo = valid[:12] + str((int(valid[12]) + 1) % 10)
    assert not identifiers.is_valid_thai_id(typo)


@pytest.mark.parametrize("value", ["", "123", "01055630086560", "abcdefghijklm"])
def test_malformed_ids_are_invalid(value):
    assert not identifiers.is_valid_thai_id(value)


def test_juristic_ids_are_published_and_personal_ids_masked():
    company = thai_id("010556300865")
    person = thai_id("340010001234")
    assert identifiers.mask_id(company) == company
    assert identifiers.mask_id(person) == person[:9] + "xxxx"
    assert identifiers.mask_id("") == ""


def test_masked_ids_are_recognised():
    assert identifiers.is_masked_id("130990115xxxx")
    assert identifiers.is_masked_id("130990115XXXX")
    assert not identifiers.is_masked_id("1309901150000")


def test_egp_number_is_eleven_digits_starting_with_the_be_year():
    assert identifiers.is_valid_egp_number("68049205582")
    assert not identifiers.is_valid_egp_number("6804920558")
    assert not identifiers.is_valid_egp_number("6804920558x")
    assert identifiers.is_valid_egp_number("68049205582", fiscal_year=2568)
    # Entered in October-December of the year before the fiscal year ends.
    assert identifiers.is_valid_egp_number("67119524001", fiscal_year=2568)
    assert not identifiers.is_valid_egp_number("65119524001", fiscal_year=2568)


def test_clean_digits_reads_thai_digits_and_dashes():
    assert identifiers.clean_digits("๐-๑๐๕๕-๖๓๐๐๘-๖๕-๖") == "0105563008656"
