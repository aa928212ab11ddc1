"""S3-compatible object storage (MinIO, cloud object stores) for media files.

With ``AWS_STORAGE_BUCKET_NAME`` set, the settings put both kinds of media in
object storage through django-storages:

- ``default``: public media (logos, published evidence, news pictures), served
  from the bucket's own address (or ``AWS_S3_CUSTOM_DOMAIN``) without a
  signature;
- ``private``: what citizens send (complaint photos, confidential evidence,
  E-Service attachments) and the kept copies of OIT evidence, under their own
  prefix (or bucket, ``PRONGSAI_PRIVATE_BUCKET_NAME``). A browser reaches such
  a file only through a permission-checked view, which answers with a redirect
  to a signed address valid for ``PRONGSAI_SIGNED_URL_SECONDS`` (default 60).

Without the bucket setting, files stay on the local disk (``MEDIA_ROOT`` and
``PRONGSAI_PRIVATE_MEDIA_ROOT``).
"""

from __future__ import annotations

from urllib.parse import urlsplit

S3_BACKEND = "storages.backends.s3.S3Storage"


def s3_storages(
    *,
    bucket: str,
    private_bucket: str = "",
    endpoint_url: str = "",
    region: str = "",
    custom_domain: str = "",
    signed_url_seconds: int = 60,
) -> dict[str, dict]:
    """The ``STORAGES`` entries for public and private media in object storage.

    Credentials are not part of the options: boto3 reads ``AWS_ACCESS_KEY_ID``
    and ``AWS_SECRET_ACCESS_KEY`` from the environment itself, so they never
    sit in the settings module.
    """
    common = {
        "endpoint_url": endpoint_url or None,
        "region_name": region or None,
        "file_overwrite": False,
        "default_acl": None,
        # Path-style addresses work with MinIO and every S3-compatible store.
        "addressing_style": "path" if endpoint_url else None,
        "signature_version": "s3v4",
    }
    return {
        "default": {
            "BACKEND": S3_BACKEND,
            "OPTIONS": {
                **common,
                "bucket_name": bucket,
                "location": "media",
                "querystring_auth": False,
                "custom_domain": custom_domain or None,
            },
        },
        "private": {
            "BACKEND": S3_BACKEND,
            "OPTIONS": {
                **common,
                "bucket_name": private_bucket or bucket,
                "location": "private",
                "querystring_auth": True,
                "querystring_expire": signed_url_seconds,
            },
        },
    }


def storage_origins(*, endpoint_url: str = "", custom_domain: str = "") -> list[str]:
    """Where pages load media from, for the Content-Security-Policy's img-src.

    Signed private addresses go to the endpoint; public ones to the custom
    domain when there is one. With neither (AWS itself), the bucket's regional
    host names under ``amazonaws.com``.
    """
    origins = []
    if endpoint_url:
        parts = urlsplit(endpoint_url)
        origins.append(f"{parts.scheme}://{parts.netloc}")
    if custom_domain:
        origins.append(f"https://{custom_domain}")
    if not endpoint_url:
        origins.append("https://*.amazonaws.com")
    return origins
