"""The files in deploy/ agree with the settings and with each other.

Every environment variable the image, the compose file and the systemd units
use is described in .env.example, and every variable .env.example describes
is read by something: the settings or the code, boto3 (credentials), or the
compose file (its database and MinIO accounts).
"""

import configparser
import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[3]
DEPLOY = ROOT / "deploy"
UNITS = sorted((DEPLOY / "systemd").glob("*.service"))

#: Variables of the process or the image build, not Prongsai's configuration.
PROCESS_VARIABLES = re.compile(r"^(PATH|PYTHON[A-Z_]*|PIP_[A-Z_]*)$")
#: Read by boto3 itself, so that credentials never sit in the settings.
READ_BY_BOTO3 = {"AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"}


def _env_example() -> set[str]:
    text = (ROOT / ".env.example").read_text(encoding="utf-8")
    return set(re.findall(r"^([A-Z][A-Z0-9_]*)=", text, re.M))


def _compose() -> dict:
    return yaml.safe_load((DEPLOY / "compose.yaml").read_text(encoding="utf-8"))


def _compose_variables() -> tuple[set[str], set[str]]:
    """(variables set for Prongsai's containers, variables compose interpolates)."""
    text = (DEPLOY / "compose.yaml").read_text(encoding="utf-8")
    interpolated = set(re.findall(r"(?<!\$)\$\{([A-Z][A-Z0-9_]*)", text))
    prongsai = set()
    for service in _compose()["services"].values():
        if "build" in service or service.get("image", "").startswith("prongsai"):
            prongsai |= set(service.get("environment", {}))
    return prongsai, interpolated


def _dockerfile_variables() -> set[str]:
    text = (DEPLOY / "Dockerfile").read_text(encoding="utf-8").replace("\\\n", " ")
    names = set()
    for line in text.splitlines():
        if line.startswith("ENV "):
            names |= set(re.findall(r"([A-Z][A-Z0-9_]*)=", line))
    return names


def _unit(path: Path) -> configparser.ConfigParser:
    parser = configparser.ConfigParser(strict=False, interpolation=None)
    parser.optionxform = str
    parser.read(path, encoding="utf-8")
    return parser


def _read_by_code() -> set[str]:
    names = set()
    for folder in ("config", "prongsai", "deploy"):
        for path in (ROOT / folder).rglob("*.py"):
            if "tests" in path.parts or "migrations" in path.parts:
                continue
            names |= set(re.findall(r"[\"']([A-Z][A-Z0-9_]+)[\"']", path.read_text()))
    return names


def test_every_variable_the_deploy_files_use_is_in_env_example():
    described = _env_example()
    prongsai, interpolated = _compose_variables()
    used = prongsai | interpolated | _dockerfile_variables()
    for unit in UNITS:
        for line in unit.read_text().splitlines():
            if line.startswith("Environment="):
                used.add(line.split("=", 2)[1])
    missing = sorted(n for n in used - described if not PROCESS_VARIABLES.match(n))
    assert not missing, f"not described in .env.example: {missing}"


def test_every_variable_in_env_example_is_read_by_something():
    _prongsai, interpolated = _compose_variables()
    readers = _read_by_code() | READ_BY_BOTO3 | interpolated
    unread = sorted(_env_example() - readers)
    assert not unread, f"described in .env.example but read by nothing: {unread}"


def test_prongsai_containers_are_built_from_the_repository_dockerfile():
    services = _compose()["services"]
    built = {n for n, s in services.items() if "build" in s}
    assert {"web", "worker", "beat", "migrate"} <= built
    for name in built:
        build = services[name]["build"]
        assert (DEPLOY / build["context"] / build["dockerfile"]).resolve() == (
            DEPLOY / "Dockerfile"
        )
    assert {"postgres", "redis", "minio"} <= set(services)


def test_the_web_port_is_published_on_loopback_only_for_the_host_proxy():
    web = _compose()["services"]["web"]
    assert web["ports"] == ["127.0.0.1:8000:8000"]
    assert "--config=deploy/gunicorn.conf.py" in web["entrypoint"]
    nginx = (DEPLOY / "nginx.conf").read_text()
    assert "server 127.0.0.1:8000;" in nginx
    gunicorn = (DEPLOY / "gunicorn.conf.py").read_text()
    assert 'bind = "127.0.0.1:8000"' in gunicorn


def test_there_is_one_beat_and_workers_that_can_scale():
    services = _compose()["services"]
    beat = services["beat"]
    assert "beat" in beat["entrypoint"]
    assert beat.get("deploy", {}).get("replicas", 1) == 1
    assert "worker" in services["worker"]["entrypoint"]
    assert [u.name for u in UNITS].count("prongsai-beat.service") == 1


def test_units_run_the_same_commands_as_the_containers():
    units = {path.stem: _unit(path) for path in UNITS}
    assert set(units) == {"prongsai-web", "prongsai-worker", "prongsai-beat"}
    for unit in units.values():
        service = unit["Service"]
        assert service["User"] == "prongsai"
        assert service["EnvironmentFile"] == "/srv/prongsai/prongsai.env"
        assert service["ExecStart"].startswith("/srv/prongsai/venv/bin/")
        assert unit["Install"]["WantedBy"] == "multi-user.target"
    web = units["prongsai-web"]["Service"]["ExecStart"]
    assert "--config deploy/gunicorn.conf.py" in web
    assert (ROOT / "deploy" / "gunicorn.conf.py").exists()
    assert "-A config worker" in units["prongsai-worker"]["Service"]["ExecStart"]
    assert "-A config beat" in units["prongsai-beat"]["Service"]["ExecStart"]
    assert (ROOT / "config" / "celery.py").exists()


def test_the_image_runs_as_an_unprivileged_user_with_prongsai_as_entry_point():
    text = (DEPLOY / "Dockerfile").read_text()
    assert re.search(r"^FROM python:3\.11-slim-\w+ AS build$", text, re.M)
    assert re.search(r"^USER prongsai$", text, re.M)
    assert 'ENTRYPOINT ["prongsai"]' in text
    assert 'CMD ["python", "deploy/healthcheck.py"]' in text
    for folder in ("config", "prongsai", "templates", "static", "locale", "deploy"):
        assert f"COPY {folder} ./{folder}" in text
        assert (ROOT / folder).is_dir()


def test_the_docs_name_every_deploy_file():
    docs = (ROOT / "docs" / "deploy.md").read_text(encoding="utf-8")
    for path in [DEPLOY / "Dockerfile", DEPLOY / "compose.yaml", *UNITS]:
        assert str(path.relative_to(ROOT)) in docs, path
