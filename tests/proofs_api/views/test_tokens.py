"""Tokens through the API: listed without their keys, revoked by DELETE."""

from proofs_api import services
from proofs_api.models import ApiToken


def test_tokens_are_listed_without_keys_and_revoked_stay_listed(api, photographer):
    crm, key = services.token_create(owner=photographer, name="CRM")

    listed = api.get("/api/tokens/").json()["results"]
    names = {t["name"]: t for t in listed}
    assert set(names) == {"CRM", "tests"}
    assert names["CRM"]["prefix"] == crm.prefix
    assert key not in str(listed) and "secret_hash" not in names["CRM"]

    assert api.delete(f"/api/tokens/{crm.pk}/").status_code == 204
    revoked = api.get(f"/api/tokens/{crm.pk}/").json()
    assert revoked["revoked"] is True and revoked["revoked_at"]
    assert ApiToken.objects.get(pk=crm.pk).revoked_at is not None
