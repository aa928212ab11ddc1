"""``localized``: the English text in English when written, Thai otherwise."""

from types import SimpleNamespace

from django.template import Context, Template
from django.utils import translation

from prongsai.core.localized import localized_lang, localized_value

NEWS = SimpleNamespace(title="ข่าว", title_en="News", body="เนื้อหา", body_en="")


def test_thai_always_shows_the_thai_text():
    with translation.override("th"):
        assert localized_value(NEWS, "title") == "ข่าว"
        assert localized_lang(NEWS, "title") == "th"


def test_english_shows_the_english_text_when_written():
    with translation.override("en"):
        assert localized_value(NEWS, "title") == "News"
        assert localized_lang(NEWS, "title") == "en"
        assert localized_value(NEWS, "body") == "เนื้อหา"
        assert localized_lang(NEWS, "body") == "th"


def test_a_model_without_english_field_and_none_are_safe():
    with translation.override("en"):
        assert localized_value(SimpleNamespace(name="บ้านดง"), "name") == "บ้านดง"
        assert localized_value(None, "name") == ""


def test_template_filter():
    template = Template('{% load localized %}{{ news|localized:"title" }}')
    with translation.override("en"):
        assert template.render(Context({"news": NEWS})) == "News"
