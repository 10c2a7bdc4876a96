"""Every write in prevention: pacts, briefings and the close-out."""

from .briefings import (
    AttendanceImport,
    AttendanceImportRejected,
    check_in,
    check_in_by_nip,
    check_in_self,
    checkin_open,
    create_briefing,
    import_attendance,
    submit_quiz,
)
from .closeout import close_out_content, close_out_text, sign_close_out
from .pacts import (
    close_pact,
    confirmation_matches,
    deliver_reminder_batch,
    open_pact,
    render_pact_text,
    send_pact_reminders,
    sign_pact,
    signature_content,
)

__all__ = [
    "AttendanceImport",
    "AttendanceImportRejected",
    "check_in",
    "check_in_by_nip",
    "check_in_self",
    "checkin_open",
    "close_out_content",
    "close_out_text",
    "close_pact",
    "confirmation_matches",
    "create_briefing",
    "deliver_reminder_batch",
    "import_attendance",
    "open_pact",
    "render_pact_text",
    "send_pact_reminders",
    "sign_close_out",
    "sign_pact",
    "signature_content",
    "submit_quiz",
]
