"""Every URL name a template or module reverses exists (namespaces moved in #14)."""

import pathlib
import re

from django.urls import get_resolver

ROOT = pathlib.Path(__file__).resolve().parents[3]
# {% url 'ns:name' ... %} in templates; reverse("ns:name") / redirect("ns:name")
# in code.
TEMPLATE_URL = re.compile(r"{%\s*url\s+['\"]([\w-]+:[\w-]+)['\"]")
CODE_URL = re.compile(
    r"(?:reverse|redirect|reverse_lazy)\(\s*['\"]([\w-]+:[\w-]+)['\"]"
)


def _known_names() -> set[str]:
    names: set[str] = set()

    def walk(resolver, prefix: str) -> None:
        for key in resolver.reverse_dict:
            if isinstance(key, str):
                names.add(prefix + key)
        for namespace, (_pattern, sub) in resolver.namespace_dict.items():
            walk(sub, f"{prefix}{namespace}:")

    walk(get_resolver(), "")
    return names


def test_every_reversed_url_name_exists():
    known = _known_names()
    missing = []
    for path in [*ROOT.glob("prongsai/**/*.html"), *ROOT.glob("templates/**/*.html")]:
        for name in TEMPLATE_URL.findall(path.read_text()):
            if name not in known:
                missing.append(f"{path.relative_to(ROOT)}: {name}")
    for path in ROOT.glob("prongsai/**/*.py"):
        if "/migrations/" in str(path) or path.name == "test_url_names.py":
            continue
        for name in CODE_URL.findall(path.read_text()):
            if name not in known:
                missing.append(f"{path.relative_to(ROOT)}: {name}")
    assert missing == []
