"""What a new instance of the processor's package loads: it leaves out what its event
paths never import (other services' botocore models among them), and still runs them (a
good photo and a bad one, by render request; then the lost-uploads sweep's schedule)
through its own Lambda handler, not Zappa's."""

import zipfile

import pytest

from deploy.zappa_config import (
    BOTOCORE_DATA,
    LOST_UPLOADS_SWEEP_FUNCTION,
    PROCESSOR_AWS_SERVICES,
    PROCESSOR_FUNCTION,
)
from tests.conftest import SAMPLES
from tests.deploy.lambda_events import render_queue_event, scheduled_event

pytestmark = [pytest.mark.e2e, pytest.mark.long, pytest.mark.xdist_group("package")]

# Dependencies of the web (Django's, drf-spectacular's, requests') the processor ships without.
LEFT_OUT = ["yaml", "jsonschema", "requests", "sqlparse", "asgiref", "idna", "rpds", "django"]
# Pillow's plugins for the formats the processor opens and saves (lambda_processor.decode and
# .encode import them; PPM comes with Image.open's preinit, MPO with camera JPEGs): Image.init()
# would import some forty.
PILLOW_PLUGINS = {
    f"PIL.{name}ImagePlugin" for name in ("Bmp", "Gif", "Jpeg", "Mpo", "Png", "Ppm", "Tiff", "WebP")
}


def test_processor_package_leaves_out_what_it_never_imports_and_runs_without_it(
    packages, run_package, lambda_environment, aws, moto_endpoint, names, bootstrapped
):
    names_in_zip = zipfile.ZipFile(packages.processor).namelist()
    shipped = {name.split("/")[0] for name in names_in_zip}
    assert not shipped & set(LEFT_OUT)
    # botocore's models of the services the processor calls, and of no other.
    models = {
        name.split("/")[2]
        for name in names_in_zip
        if name.startswith(f"{BOTOCORE_DATA}/") and name.count("/") > 2
    }
    assert models == set(PROCESSOR_AWS_SERVICES)
    assert {"PIL", "boto3", "botocore", "urllib3", "zappa", "werkzeug"} <= shipped
    bootstrapped()
    s3 = aws("s3")
    good, bad = "originals/gal-9/photo-1/Landscape_2.jpg", "originals/gal-9/photo-2/notes.jpg"
    s3.put_object(Bucket=names.bucket, Key=good, Body=(SAMPLES / "Landscape_2.jpg").read_bytes())
    s3.put_object(Bucket=names.bucket, Key=bad, Body=b"not a photo at all")

    output = run_package(
        packages.processor,
        [
            render_queue_event(queue_arn=names.render_queue_arn, keys=[good, bad]),
            scheduled_event(names, f"{names.processor_function}-{LOST_UPLOADS_SWEEP_FUNCTION}"),
        ],
        lambda_environment("processor", AWS_ENDPOINT_URL=moto_endpoint),
        full=True,
    )

    # Both originals have their record now: the sweep finds nothing lost.
    assert output["results"] == [{"records": 2, "outcomes": {"processed": 1, "failed": 1}}, 0]
    assert PROCESSOR_FUNCTION.rsplit(".", 1)[0] in output["modules"]
    # Lambda calls lambda_processor.entry: Zappa's handler (werkzeug, asyncio) never loads.
    assert not {"handler", "werkzeug", "asyncio", "zappa"} & set(output["modules"])
    # pillow-heif loads with the first HEIF upload only (lambda_processor.decode).
    assert "pillow_heif" not in output["modules"]
    # Bare botocore clients (lambda_processor.aws): boto3 and its S3 transfers never load.
    assert not {"boto3", "s3transfer", "multiprocessing"} & set(output["modules"])
    # Only the plugins of the formats met (lambda_processor.decode.register_plugins), and no
    # LittleCMS for photos without an ICC profile (lambda_processor.transforms).
    loaded_plugins = {name for name in output["modules"] if name.endswith("ImagePlugin")}
    assert "PIL.JpegImagePlugin" in loaded_plugins <= PILLOW_PLUGINS
    assert "PIL.ImageCms" not in output["modules"]
    assert not {module.split(".")[0] for module in output["modules"]} & set(LEFT_OUT)
