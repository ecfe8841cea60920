"""Writes for the API's own records: tokens, webhooks, and the delivery log."""

import hashlib
import json
import logging
import secrets
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from core.ids import new_id
from gallery.dispatch import dispatcher

from . import webhooks
from .models import ApiToken, Delivery, DeliveryAttempt, Webhook

logger = logging.getLogger(__name__)

TOKEN_KEY_PREFIX = "psk"  # noqa: S105 (a visible marker, not a secret)
WEBHOOK_SECRET_PREFIX = "whsec"  # noqa: S105 (a visible marker, not a secret)
# Writing `last_used_at` on every request would turn each read into a write.
LAST_USED_RESOLUTION = timedelta(minutes=1)
# Longer than one attempt can take (the POST's timeout), so a claim outlives its sender.
CLAIM_DURATION = timedelta(seconds=webhooks.TIMEOUT_SECONDS * 3)


# ---- Tokens -----------------------------------------------------------------------------


def secret_digest(secret: str) -> str:
    """A fast hash is enough: the secret is 256 random bits, not a password to guess."""
    return hashlib.sha256(secret.encode()).hexdigest()


def token_create(*, owner, name: str) -> tuple[ApiToken, str]:
    """A new token and its key. The key is returned here once and never stored."""
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": "Give the token a name, e.g. the integration using it."})
    if len(name) > ApiToken._meta.get_field("name").max_length:
        raise ValidationError({"name": "Keep the name under 100 characters."})
    prefix = secrets.token_hex(6)
    secret = secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        owner=owner, name=name, prefix=prefix, secret_hash=secret_digest(secret)
    )
    return token, f"{TOKEN_KEY_PREFIX}_{prefix}_{secret}"


def token_revoke(*, token: ApiToken) -> ApiToken:
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token


def token_touch(*, token: ApiToken) -> None:
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_RESOLUTION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now


# ---- Webhooks -----------------------------------------------------------------------------


def _clean_webhook(*, url: str, events: list[str]) -> list[str]:
    problem = webhooks.url_problem(url, resolve=False)
    if problem:
        raise ValidationError({"url": problem})
    unknown = sorted(set(events) - set(webhooks.EVENTS))
    if unknown:
        known = ", ".join(webhooks.EVENTS)
        raise ValidationError({"events": f"Unknown events: {', '.join(unknown)}. Use {known}."})
    if not events:
        raise ValidationError({"events": "Choose at least one event to be told about."})
    return sorted(set(events))


def webhook_create(
    *, owner, url: str, events: list[str], description: str = "", active: bool = True
) -> tuple[Webhook, str]:
    """A new webhook and its signing secret, which is returned here and shown only once."""
    events = _clean_webhook(url=url, events=events)
    secret = f"{WEBHOOK_SECRET_PREFIX}_{secrets.token_urlsafe(32)}"
    webhook = Webhook(
        owner=owner,
        url=url,
        events=events,
        description=description,
        active=active,
        secret=secret,
    )
    webhook.full_clean()
    webhook.save()
    return webhook, secret


def webhook_update(*, webhook: Webhook, **fields) -> Webhook:
    unknown = set(fields) - {"url", "events", "description", "active"}
    if unknown:
        raise TypeError(f"unknown webhook fields: {sorted(unknown)}")
    for name, value in fields.items():
        setattr(webhook, name, value)
    webhook.events = _clean_webhook(url=webhook.url, events=webhook.events)
    webhook.full_clean()
    webhook.save()
    return webhook


def webhook_delete(*, webhook: Webhook) -> None:
    webhook.delete()


# ---- Deliveries ---------------------------------------------------------------------------


def _body(*, delivery_id: str, event: str, payload: dict) -> str:
    envelope = {
        "id": delivery_id,
        "event": event,
        "created_at": timezone.now().isoformat(),
        "data": payload,
    }
    return json.dumps(envelope, cls=DjangoJSONEncoder, separators=(",", ":"))


def _deliveries_create(*, hooks: list[Webhook], event: str, payload: dict) -> list[Delivery]:
    now = timezone.now()
    deliveries = []
    for hook in hooks:
        delivery_id = new_id()
        deliveries.append(
            Delivery.objects.create(
                id=delivery_id,
                webhook=hook,
                event=event,
                body=_body(delivery_id=delivery_id, event=event, payload=payload),
                next_attempt_at=now,
            )
        )
    ids = [delivery.pk for delivery in deliveries]
    if ids:
        # Sending waits for the commit: a worker must find the rows, and a rolled-back
        # event must tell nobody.
        transaction.on_commit(lambda: _send_soon(ids))
    return deliveries


# Named, not imported: the task module imports this one, and Zappa routes by this path.
DELIVERY_TASK = "proofs_api.tasks.deliver_in_background"


def _send_soon(delivery_ids: list[str]) -> None:
    """Called once the transaction that recorded the deliveries has committed."""
    try:
        dispatcher().run_task(DELIVERY_TASK, list(delivery_ids))
    except Exception:
        # The scheduled sweep (or the local thread's next round) sends them; not lost.
        logger.exception("Could not start the delivery task for %s", delivery_ids)


def deliveries_for_event(*, owner, name: str, payload: dict) -> list[Delivery]:
    """The `core.events` listener: records one delivery per subscribed webhook. Sending
    happens off the request path (see `tasks`)."""
    if name not in webhooks.EVENTS:
        return []
    owner_id = getattr(owner, "pk", owner)
    # Filtered here rather than with a JSON lookup, which SQLite does not offer.
    hooks = [
        hook
        for hook in Webhook.objects.filter(owner_id=owner_id, active=True)
        if name in hook.events
    ]
    return _deliveries_create(hooks=hooks, event=name, payload=payload)


def event_listener(*, owner, name: str, payload: dict) -> None:
    """Subscribed to `core.events`: a webhook problem must never undo what happened
    (a processed photo, a submitted selection), so it is logged and contained."""
    try:
        with transaction.atomic():
            deliveries_for_event(owner=owner, name=name, payload=payload)
    except Exception:
        logger.exception("Could not record webhook deliveries for %s", name)


def delivery_ping(*, webhook: Webhook) -> Delivery:
    """A test delivery, so an integrator can check their receiver and its signature check."""
    payload = {"webhook_id": webhook.pk, "message": "Proofsheet can reach this URL."}
    [delivery] = _deliveries_create(hooks=[webhook], event=webhooks.PING_EVENT, payload=payload)
    return delivery


def delivery_redeliver(*, delivery: Delivery) -> Delivery:
    """Sends a finished delivery once more, with the same body and id."""
    if delivery.state == Delivery.State.PENDING:
        raise ValidationError("This delivery is still being tried; wait for its outcome.")
    delivery.state = Delivery.State.PENDING
    delivery.next_attempt_at = timezone.now()
    delivery.finished_at = None
    delivery.save(update_fields=["state", "next_attempt_at", "finished_at"])
    transaction.on_commit(lambda: _send_soon([delivery.pk]))
    return delivery


def _claim(delivery_id: str, *, now) -> bool:
    """Takes a due delivery for this sender alone; False if it is not due or held."""
    free = Q(claimed_until__isnull=True) | Q(claimed_until__lt=now)
    claimed = Delivery.objects.filter(
        free, pk=delivery_id, state=Delivery.State.PENDING, next_attempt_at__lte=now
    ).update(claimed_until=now + CLAIM_DURATION)
    return claimed == 1


def delivery_attempt(*, delivery: Delivery, now=None, delays=None) -> DeliveryAttempt:
    """Sends a delivery once, logs the attempt, and schedules the next one or gives up.

    `now` is the clock the schedule counts from and `delays` the schedule itself
    (`webhooks.retry_delays()` by default); tests pass both rather than wait.
    """
    now = now or timezone.now()
    delays = tuple(delays if delays is not None else webhooks.retry_delays())
    webhook = delivery.webhook
    body = delivery.body.encode()
    number = delivery.attempt_count + 1
    headers = webhooks.request_headers(
        secret=webhook.secret, body=body, event=delivery.event, delivery_id=delivery.pk
    )
    started_at = timezone.now()
    outcome = webhooks.post(url=webhook.url, body=body, headers=headers)
    attempt = DeliveryAttempt.objects.create(
        delivery=delivery,
        number=number,
        started_at=started_at,
        duration_ms=outcome.duration_ms,
        status_code=outcome.status_code,
        error=outcome.error,
        response_excerpt=outcome.response_excerpt,
    )
    delivery.attempt_count = number
    delivery.claimed_until = None
    if outcome.succeeded:
        delivery.state = Delivery.State.SUCCEEDED
        delivery.next_attempt_at = None
        delivery.finished_at = timezone.now()
    elif number >= len(delays):
        delivery.state = Delivery.State.FAILED
        delivery.next_attempt_at = None
        delivery.finished_at = timezone.now()
    else:
        delivery.next_attempt_at = now + delays[number]
    delivery.save(
        update_fields=[
            "attempt_count",
            "claimed_until",
            "state",
            "next_attempt_at",
            "finished_at",
        ]
    )
    return attempt


def deliveries_send(*, delivery_ids: list[str], now=None, delays=None) -> int:
    """Attempts each of these deliveries that is due and not held by another sender."""
    now = now or timezone.now()
    sent = 0
    for delivery_id in delivery_ids:
        if not _claim(delivery_id, now=now):
            continue
        delivery = Delivery.objects.select_related("webhook").get(pk=delivery_id)
        try:
            delivery_attempt(delivery=delivery, now=now, delays=delays)
        except Exception:
            # Our fault, not the receiver's (the database, say): release the claim so the
            # next sweep tries again, and keep going with the others.
            logger.exception("Webhook delivery %s could not be attempted", delivery_id)
            Delivery.objects.filter(pk=delivery_id).update(claimed_until=None)
            continue
        sent += 1
    return sent


def deliveries_send_due(*, now=None, delays=None, limit: int = 100) -> int:
    """One sweep: every delivery whose next attempt is due gets that attempt."""
    now = now or timezone.now()
    due = Delivery.objects.filter(state=Delivery.State.PENDING, next_attempt_at__lte=now).order_by(
        "next_attempt_at"
    )
    ids = list(due.values_list("pk", flat=True)[:limit])
    return deliveries_send(delivery_ids=ids, now=now, delays=delays)
