"""Pure modules: redaction, similarity, signatures, workflow (the chat: test_chat)."""

import base64
import hashlib
import hmac

import pytest

from prongsai.complaints import redaction, similarity, workflow
from prongsai.complaints.models import Status
from prongsai.complaints.signatures import (
    line_signature,
    line_signature_valid,
    meta_signature,
    meta_signature_valid,
)
from prongsai.core import codes


class TestRedaction:
    @pytest.mark.parametrize(
        "text",
        [
            "โทร 081-234-5678 ด่วน",
            "โทร 0812345678 ด่วน",
            "โทร 081 234 5678 ด่วน",
            "โทร +66 81 234 5678 ด่วน",
            "โทร 043-000-111 ด่วน",
            "โทร ๐๘๑-๒๓๔-๕๖๗๘ ด่วน",
        ],
    )
    def test_phone_numbers(self, text):
        out = redaction.redact(text)
        assert redaction.PHONE_MARK in out
        assert "ด่วน" in out and "โทร" in out

    @pytest.mark.parametrize("number", ["1-2345-67890-12-3", "1234567890123"])
    def test_national_id(self, number):
        out = redaction.redact(f"เลขบัตร {number} ของผู้ร้อง")
        assert number not in out and redaction.ID_MARK in out

    @pytest.mark.parametrize(
        "text", ["บ้านเลขที่ 45/2 หมู่ 3", "เลขที่ 12 ซอย 4", "No. 99/1 Moo 5"]
    )
    def test_house_numbers(self, text):
        out = redaction.redact(text)
        assert redaction.HOUSE_MARK in out
        assert "45/2" not in out and "99/1" not in out

    def test_email(self):
        assert "a.b@example.org" not in redaction.redact("อีเมล a.b@example.org")

    def test_ordinary_text_and_numbers_stay(self):
        text = "ไฟดับ 4 ต้น หมู่ 5 ตั้งแต่ปี 2568 งบ 150000 บาท"
        assert redaction.redact(text) == text

    def test_empty(self):
        assert redaction.redact("") == ""


class TestSimilarity:
    def test_thai_text_similarity(self):
        a = "ไฟถนนหน้าโรงเรียนดับสามต้น"
        assert similarity.text_similarity(a, a) == 1.0
        assert similarity.text_similarity(a, "ไฟถนนหน้าโรงเรียนดับหลายต้น") > 0.5
        assert similarity.text_similarity(a, "ขยะล้นถังที่ตลาด") < 0.2

    def test_distance(self):
        d = similarity.distance_m(16.4, 102.8, 16.401, 102.8)
        assert 100 < d < 120

    def test_score_needs_same_category_and_a_reason(self):
        base = similarity.Candidate(1, 7, "ไฟถนนดับหน้าวัด", 16.4, 102.8)
        near = similarity.Candidate(2, 7, "ไฟถนนดับหน้าวัด", 16.4005, 102.8)
        far_same_text = similarity.Candidate(3, 7, "ไฟถนนดับหน้าวัด", 16.5, 102.8)
        far_other_text = similarity.Candidate(5, 7, "ขยะล้นถังที่ตลาดสด", 16.5, 102.8)
        other = similarity.Candidate(4, 8, "ไฟถนนดับหน้าวัด", 16.4, 102.8)
        assert similarity.score(base, near) == 1.0
        assert similarity.score(base, far_same_text) == 1.0
        assert similarity.score(base, far_other_text) is None
        assert similarity.score(base, other) is None
        assert similarity.score(base, base) is None


class TestSignatures:
    def test_line_matches_reference_implementation(self):
        body = '{"events":[{"message":{"text":"สวัสดี"}}]}'.encode()
        expected = base64.b64encode(
            hmac.new(b"secret", body, hashlib.sha256).digest()
        ).decode()
        assert line_signature("secret", body) == expected
        assert line_signature_valid("secret", body, expected)
        assert not line_signature_valid("secret", body + b" ", expected)
        assert not line_signature_valid("", body, expected)
        assert not line_signature_valid("secret", body, "")
        assert not line_signature_valid("secret", body, "ไม่ใช่")

    def test_meta(self):
        body = b'{"text":"\\u0e2a\\u0e27\\u0e31\\u0e2a\\u0e14\\u0e35"}'
        signature = meta_signature("appsecret", body)
        assert signature.startswith("sha256=")
        assert meta_signature_valid("appsecret", body, signature)
        assert meta_signature_valid(
            "appsecret", body, signature.upper().replace("SHA", "sha")
        )
        assert not meta_signature_valid(
            "appsecret", body.replace(b"e2a", b"e2b"), signature
        )


class TestReceiptsAndWorkflow:
    def test_receipt_code(self):
        made = {codes.new_receipt_code() for _ in range(50)}
        assert len(made) == 50
        assert all(len(c) == 16 and c.isdigit() for c in made)
        assert codes.normalize_receipt_code("๑๒๓๔ 5678-9012 3456") == "1234567890123456"
        assert codes.format_receipt_code("1234567890123456") == "1234 5678 9012 3456"

    def test_workflow(self):
        cases = workflow.CASES
        assert cases.can_move(Status.RECEIVED, Status.RESOLVED)
        assert not cases.can_move(Status.RESOLVED, Status.RECEIVED)
        assert cases.allowed_next(Status.RESOLVED) == [Status.IN_PROGRESS]
        for status in Status.values:
            assert status not in cases.allowed_next(status)
