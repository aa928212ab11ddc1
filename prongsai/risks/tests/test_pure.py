"""The 5 x 5 risk matrix and its bands (no database)."""

import pytest

from prongsai.risks import risk_matrix


@pytest.mark.parametrize(
    ("likelihood", "impact", "level"),
    [
        (1, 1, "low"),
        (2, 2, "low"),
        (1, 5, "medium"),
        (3, 3, "medium"),
        (2, 5, "high"),
        (4, 4, "high"),
        (4, 5, "very_high"),
        (5, 5, "very_high"),
    ],
)
def test_levels(likelihood, impact, level):
    assert risk_matrix.level(likelihood, impact) == level


@pytest.mark.parametrize("bad", [0, 6, True, "3"])
def test_levels_out_of_range(bad):
    with pytest.raises(ValueError):
        risk_matrix.score(bad, 3)


def test_priority_ties_share_a_rank():
    ranked = risk_matrix.prioritise(
        [("a", 2, 2), ("b", 4, 5), ("c", 5, 4), ("d", 4, 5)]
    )
    assert [(r.key, r.priority) for r in ranked] == [
        ("b", 1),
        ("d", 1),
        ("c", 3),
        ("a", 4),
    ]


def test_matrix_counts():
    counts = risk_matrix.matrix_counts([(3, 4), (3, 4), (1, 1)])
    assert counts[(3, 4)] == 2
    assert counts[(1, 1)] == 1
    assert sum(counts.values()) == 3


def test_badge_colours_are_the_band_table():
    from pathlib import Path

    from prongsai.core import risk_bands

    css = (Path(__file__).parents[1] / "static" / "risks" / "risks.css").read_text()
    for band in risk_bands.BANDS:
        rule = (
            f".risk-{band.key} {{ background-color: {band.fill}; color: {band.text}; }}"
        )
        assert rule in css


def test_band_text_colours_meet_wcag_aa_contrast():
    from prongsai.core import risk_bands

    def luminance(colour):
        channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [
            c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
            for c in channels
        ]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    for band in risk_bands.BANDS:
        light, dark = sorted([luminance(band.fill), luminance(band.text)])[::-1]
        assert (light + 0.05) / (dark + 0.05) >= 4.5, band


def test_levels_follow_the_band_table():
    from prongsai.core.charts_risk import risk_level

    for likelihood in range(1, 6):
        for impact in range(1, 6):
            assert risk_matrix.level(likelihood, impact) == risk_bands_key(
                risk_level(likelihood * impact).maximum
            )


def risk_bands_key(maximum):
    from prongsai.core import risk_bands

    return next(b.key for b in risk_bands.BANDS if b.maximum == maximum)
