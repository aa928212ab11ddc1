"""Fuzzing the LAO directory import: hostile files and random cells give a
Thai ``DomainError`` (nothing imported) or a clean import, never a crash."""

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from prongsai.core.errors import DomainError
from prongsai.core.tests.fuzz import CELL, FUZZ, bad_files, csv_bytes
from prongsai.organizations.models import DirectoryEntry
from prongsai.organizations.services_regions import directory_import

pytestmark = pytest.mark.django_db

HEADER = ["รหัส อปท.", "ชื่อ อปท.", "ประเภท", "อำเภอ", "จังหวัด", "เว็บไซต์"]
THAI = re.compile(r"[\u0e00-\u0e7f]")


def _import(filename: str, content: bytes) -> None:
    before = DirectoryEntry.objects.count()
    try:
        directory_import(actor=None, content=content, filename=filename)
    except DomainError as error:
        assert THAI.search(error.message), error.message
        assert DirectoryEntry.objects.count() == before


@FUZZ
@given(upload=bad_files(header=HEADER))
def test_directory_import_survives_hostile_files(upload):
    _import(*upload)


@FUZZ
@given(cells=st.lists(CELL, min_size=len(HEADER), max_size=8))
def test_directory_import_random_cells(cells):
    _import("d.csv", csv_bytes([HEADER, cells], "cp874"))
