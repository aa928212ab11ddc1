"""Where Thailand's local administrative organisations are, for the national
benchmark data (``bench/national_data.py``).

National totals (Department of Local Administration, 2566): 76 provincial
administrative organisations (one per province outside Bangkok), 30 city,
195 town and 2,247 subdistrict municipalities, 5,300 subdistrict
administrative organisations, plus the two special forms, Bangkok (BMA) and
Pattaya City: 7,850 in all. Bangkok is left out (it has no type on this
platform and runs its own systems); Pattaya is kept as a city municipality
of Chon Buri. That makes 7,849 organisations.

``LAO_WEIGHTS`` is the approximate number of LAOs per province (rounded
DLA figures; the proportions matter, not the last unit): municipalities and
SAOs are spread over the provinces in these proportions, each type to its
national total by largest remainder. ``CITIES`` puts the 30 city
municipalities where they are.
"""

from __future__ import annotations

KIND_TOTALS = (
    ("pao", 76),
    ("city_municipality", 30),
    ("town_municipality", 195),
    ("tambon_municipality", 2247),
    ("sao", 5300),
)
PATTAYA = ("city_municipality", "ชลบุรี", "เมืองพัทยา")
NATIONAL_TOTAL = sum(count for _kind, count in KIND_TOTALS) + 1  # + Pattaya

LAO_WEIGHTS: dict[str, int] = {
    # Central
    "สมุทรปราการ": 49, "นนทบุรี": 46, "ปทุมธานี": 60, "พระนครศรีอยุธยา": 158,
    "อ่างทอง": 65, "ลพบุรี": 123, "สิงห์บุรี": 41, "ชัยนาท": 67, "สระบุรี": 109,
    "นครนายก": 45, "สุพรรณบุรี": 123, "นครปฐม": 116, "สมุทรสาคร": 40,
    "สมุทรสงคราม": 36, "ราชบุรี": 105, "กาญจนบุรี": 114, "เพชรบุรี": 93,
    "ประจวบคีรีขันธ์": 64,
    # East
    "ชลบุรี": 99, "ระยอง": 68, "จันทบุรี": 76, "ตราด": 43, "ฉะเชิงเทรา": 105,
    "ปราจีนบุรี": 65, "สระแก้ว": 67,
    # Northeast
    "นครราชสีมา": 333, "บุรีรัมย์": 208, "สุรินทร์": 172, "ศรีสะเกษ": 216,
    "อุบลราชธานี": 240, "ยโสธร": 89, "ชัยภูมิ": 141, "อำนาจเจริญ": 63,
    "บึงกาฬ": 61, "หนองบัวลำภู": 67, "ขอนแก่น": 225, "อุดรธานี": 178, "เลย": 100,
    "หนองคาย": 66, "มหาสารคาม": 141, "ร้อยเอ็ด": 203, "กาฬสินธุ์": 151,
    "สกลนคร": 143, "นครพนม": 103, "มุกดาหาร": 53,
    # North
    "เชียงใหม่": 211, "ลำพูน": 57, "ลำปาง": 100, "อุตรดิตถ์": 78, "แพร่": 83,
    "น่าน": 99, "พะเยา": 77, "เชียงราย": 143, "แม่ฮ่องสอน": 49,
    "นครสวรรค์": 145, "อุทัยธานี": 58, "กำแพงเพชร": 79, "ตาก": 65,
    "สุโขทัย": 86, "พิษณุโลก": 102, "พิจิตร": 89, "เพชรบูรณ์": 126,
    # South
    "นครศรีธรรมราช": 185, "กระบี่": 62, "พังงา": 51, "ภูเก็ต": 19,
    "สุราษฎร์ธานี": 137, "ระนอง": 30, "ชุมพร": 78, "สงขลา": 141, "สตูล": 39,
    "ตรัง": 100, "พัทลุง": 73, "ปัตตานี": 113, "ยะลา": 65, "นราธิวาส": 88,
}  # fmt: skip

CITIES: tuple[tuple[str, str], ...] = (
    ("นครราชสีมา", "นครราชสีมา"), ("เชียงใหม่", "เชียงใหม่"), ("ขอนแก่น", "ขอนแก่น"),
    ("อุดรธานี", "อุดรธานี"), ("อุบลราชธานี", "อุบลราชธานี"), ("สงขลา", "หาดใหญ่"),
    ("สงขลา", "สงขลา"), ("ภูเก็ต", "ภูเก็ต"), ("นครศรีธรรมราช", "นครศรีธรรมราช"),
    ("สุราษฎร์ธานี", "สุราษฎร์ธานี"), ("สุราษฎร์ธานี", "เกาะสมุย"), ("ยะลา", "ยะลา"),
    ("ตรัง", "ตรัง"), ("พิษณุโลก", "พิษณุโลก"), ("นครสวรรค์", "นครสวรรค์"),
    ("เชียงราย", "เชียงราย"), ("ลำปาง", "ลำปาง"), ("ตาก", "แม่สอด"),
    ("นนทบุรี", "นนทบุรี"), ("นนทบุรี", "ปากเกร็ด"), ("สมุทรปราการ", "สมุทรปราการ"),
    ("ปทุมธานี", "รังสิต"), ("สมุทรสาคร", "อ้อมน้อย"), ("สมุทรสาคร", "สมุทรสาคร"),
    ("นครปฐม", "นครปฐม"), ("พระนครศรีอยุธยา", "พระนครศรีอยุธยา"),
    ("สกลนคร", "สกลนคร"), ("ระยอง", "ระยอง"), ("ชลบุรี", "แหลมฉบัง"),
    ("ชลบุรี", "เจ้าพระยาสุรศักดิ์"),
)  # fmt: skip


def spread(total: int, weights: dict[str, int]) -> dict[str, int]:
    """``total`` split over the keys in proportion to ``weights`` (largest
    remainder, ties by name, so the result is the same on every run)."""
    whole = sum(weights.values())
    shares = {key: total * weight / whole for key, weight in weights.items()}
    counts = {key: int(share) for key, share in shares.items()}
    left = total - sum(counts.values())
    order = sorted(shares, key=lambda key: (counts[key] - shares[key], key))
    for key in order[:left]:
        counts[key] += 1
    return counts


def national_organizations() -> list[tuple[str, str, str]]:
    """Every LAO as ``(kind, province, place name)``: PAOs and cities where
    they are, the other types spread in the provinces' proportions."""
    rows: list[tuple[str, str, str]] = []
    for kind, total in KIND_TOTALS:
        if kind == "pao":
            rows += [(kind, province, province) for province in sorted(LAO_WEIGHTS)]
        elif kind == "city_municipality":
            rows += [(kind, province, place) for province, place in CITIES]
        else:
            for province, count in sorted(spread(total, LAO_WEIGHTS).items()):
                rows += [(kind, province, "") for _ in range(count)]
    rows.append(PATTAYA)
    return rows
