"""Logos (issue 16, items 3 and 10): a 17.5 KB "logo bomb" is refused at upload, an accepted
logo is stored as a small PNG without metadata, the documents never decode a huge stored logo,
and changing what the documents show bumps the organisation's data version."""

from __future__ import annotations

import base64
import io
import logging
import struct
import time
import zlib

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from organisations.models import Organisation, Role
from reports.exports.document import logo_data_url
from reports.models import OrganisationDataVersion
from tests.factories import MembershipFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def logo_bomb(side: int = 12_000) -> bytes:
    """A 1-bit black PNG of side × side pixels: about 17.5 KB for 12,000 × 12,000 (144 MP),
    written chunk by chunk so that building it decodes nothing either."""
    row = b"\x00" + b"\x00" * ((side + 7) // 8)
    pixels = zlib.compress(row * side, 9)
    header = struct.pack(">IIBBBBB", side, side, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", pixels)
        + _chunk(b"IEND", b"")
    )


def image_bytes(width: int, height: int, fmt: str = "PNG", **save) -> bytes:
    image = Image.new("RGB", (width, height), "#0b6e4f")
    buffer = io.BytesIO()
    image.save(buffer, format=fmt, **save)
    return buffer.getvalue()


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def owner(client):
    membership = MembershipFactory(
        role=Role.OWNER, organisation__name="Acme", organisation__brand_colour="#123456"
    )
    client.force_login(membership.user)
    return membership


def post_settings(client, organisation: Organisation, **changes):
    data = {"name": organisation.name, "brand_colour": organisation.brand_colour, **changes}
    return client.post(reverse("organisation_settings", args=[organisation.slug]), data)


def data_version(organisation: Organisation) -> int:
    row = OrganisationDataVersion.objects.filter(organisation=organisation).first()
    return row.version if row else 0


# --- at upload -------------------------------------------------------------------------------


def test_a_logo_bomb_is_refused_at_upload_with_a_message_next_to_the_field(
    client, owner, media
) -> None:
    bomb = logo_bomb()
    assert len(bomb) < 20 * 1024
    started = time.perf_counter()

    response = post_settings(
        client, owner.organisation, logo=SimpleUploadedFile("logo.png", bomb, "image/png")
    )

    seconds = time.perf_counter() - started
    print(f"\nlogo bomb ({len(bomb):,} bytes, 12,000 × 12,000) refused in {seconds:.3f} s")
    assert seconds < 5
    assert response.status_code == 200
    errors = response.context["form"].errors["logo"]
    assert errors == [
        "This image is far too large for a logo. A logo may be at most 4,000 × 4,000 pixels "
        "and 16 megapixels."
    ]
    assert "far too large for a logo" in response.content.decode()
    owner.organisation.refresh_from_db()
    assert not owner.organisation.logo


def test_a_logo_over_the_side_limit_is_refused_with_its_size(client, owner, media) -> None:
    wide = image_bytes(4001, 10)

    response = post_settings(
        client, owner.organisation, logo=SimpleUploadedFile("wide.png", wide, "image/png")
    )

    assert response.context["form"].errors["logo"] == [
        "This image is 4,001 × 10 pixels. A logo may be at most 4,000 × 4,000 pixels and 16 "
        "megapixels."
    ]
    owner.organisation.refresh_from_db()
    assert not owner.organisation.logo


def test_a_large_logo_is_stored_as_a_png_downscaled_to_the_size_documents_use(
    client, owner, media
) -> None:
    exif = Image.Exif()
    exif[0x010E] = "secret description"  # ImageDescription
    photo = image_bytes(2000, 1000, "JPEG", exif=exif.tobytes())

    response = post_settings(
        client, owner.organisation, logo=SimpleUploadedFile("photo.jpg", photo, "image/jpeg")
    )

    assert response.status_code == 302
    owner.organisation.refresh_from_db()
    assert owner.organisation.logo.name.startswith("logos/photo")
    assert owner.organisation.logo.name.endswith(".png")
    with owner.organisation.logo.open("rb") as handle, Image.open(handle) as stored:
        assert (stored.format, stored.size) == ("PNG", (600, 300))
        assert "exif" not in stored.info
        assert stored.getpixel((300, 150))[:3] == pytest.approx((11, 110, 79), abs=3)


def test_a_small_logo_keeps_its_size_and_its_transparency(client, owner, media) -> None:
    image = Image.new("RGBA", (240, 80), (0, 0, 0, 0))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")

    post_settings(
        client,
        owner.organisation,
        logo=SimpleUploadedFile("small.png", buffer.getvalue(), "image/png"),
    )

    owner.organisation.refresh_from_db()
    with owner.organisation.logo.open("rb") as handle, Image.open(handle) as stored:
        assert (stored.size, stored.mode) == ((240, 80), "RGBA")


def test_a_file_that_is_not_an_image_is_still_refused_as_one(client, owner, media) -> None:
    response = post_settings(
        client, owner.organisation, logo=SimpleUploadedFile("logo.png", b"not a png")
    )

    assert "Upload a valid image" in response.content.decode()


# --- in the documents (logos stored before the limit) ----------------------------------------


def stored_logo(organisation: Organisation, name: str, content: bytes) -> Organisation:
    """Put a file in storage as the logo, past the form, as older data may be."""
    organisation.logo.save(name, ContentFile(content), save=True)
    return Organisation.objects.get(pk=organisation.pk)


def test_a_stored_logo_bomb_is_left_out_of_the_documents_with_a_warning(media, caplog) -> None:
    organisation = stored_logo(OrganisationFactory(), "bomb.png", logo_bomb())
    started = time.perf_counter()

    with caplog.at_level(logging.WARNING, logger="reports.exports.document"):
        url = logo_data_url(organisation)

    seconds = time.perf_counter() - started
    print(f"\nstored logo bomb read for a document in {seconds:.3f} s")
    assert url == ""
    assert seconds < 2
    assert f"Left the logo of organisation {organisation.pk} out" in caplog.text


def test_a_stored_large_logo_is_downscaled_for_the_documents(media) -> None:
    organisation = stored_logo(OrganisationFactory(), "big.png", image_bytes(2000, 1000))

    url = logo_data_url(organisation)

    assert url.startswith("data:image/png;base64,")
    with Image.open(io.BytesIO(base64.b64decode(url.split(",", 1)[1]))) as embedded:
        assert embedded.size == (600, 300)


def test_a_stored_logo_of_document_size_is_embedded_as_it_is(media) -> None:
    small = image_bytes(300, 100)
    organisation = stored_logo(OrganisationFactory(), "small.png", small)

    assert logo_data_url(organisation).endswith(base64.b64encode(small).decode())


# --- the data version ------------------------------------------------------------------------


def test_a_logo_change_bumps_the_data_version_so_the_documents_are_rebuilt(
    client, owner, media
) -> None:
    before = data_version(owner.organisation)

    post_settings(
        client,
        owner.organisation,
        logo=SimpleUploadedFile("logo.png", image_bytes(200, 100), "image/png"),
    )

    assert data_version(owner.organisation) == before + 1


@pytest.mark.parametrize(
    ("changes", "bumps"),
    [
        ({"brand_colour": "#654321"}, True),
        ({"name": "Acme Renamed"}, True),
        ({"sector": "Shipping"}, False),
        ({}, False),
    ],
)
def test_only_changes_the_documents_show_bump_the_data_version(
    client, owner, media, changes, bumps
) -> None:
    before = data_version(owner.organisation)

    response = post_settings(client, owner.organisation, **changes)

    assert response.status_code == 302
    assert data_version(owner.organisation) == before + (1 if bumps else 0)


def test_creating_an_organisation_does_not_bump_a_data_version() -> None:
    organisation = OrganisationFactory()

    assert data_version(organisation) == 0


def test_the_refusal_is_in_dutch_for_dutch_speakers() -> None:
    from django.utils import translation

    from organisations.forms import too_large_message
    from organisations.logos import LogoError

    with translation.override("nl"):
        message = too_large_message(LogoError("too large", 5000, 10))

    assert message == (
        "Deze afbeelding is 5.000 × 10 pixels. Een logo mag hoogstens 4.000 × 4.000 pixels en "
        "16 megapixels groot zijn."
    )
