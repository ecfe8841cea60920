"""Local mode's reminder thread: a reminder run every few minutes in the web process, as
the worker stage's schedule does on AWS (`sharing.tasks.send_due_reminders`). Runs are
idempotent (each reminder goes once), so a restart or a second process sends nothing twice."""

from core.background import BackgroundLoop

from .invitations import link_reminders_send_due


class ReminderLoop(BackgroundLoop):
    thread_name = "proofsheet-reminders"

    def __init__(self, *, poll_seconds: float = 600.0):
        super().__init__(poll_seconds=poll_seconds)

    def work(self) -> bool:
        # One run per wake-up: what it sent is recorded, so "no more work" until the next.
        link_reminders_send_due()
        return False


_loop = ReminderLoop()


def get_loop() -> ReminderLoop:
    return _loop
