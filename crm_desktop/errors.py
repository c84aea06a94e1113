"""Errors that reach the operator.

Every error the operator can cause carries two messages: an English one for the command line
and logs, and a Persian one for the app. ``str(error)`` is the English message.
"""


class UserError(Exception):
    """Something the operator (or a file they chose) got wrong; never a programming bug."""

    exit_code = 2

    def __init__(self, message: str, fa: str | None = None):
        super().__init__(message)
        self.message = message
        self.fa = fa or message


class ValidationError(UserError):
    """A field value that cannot be accepted. ``field`` names the field (Persian label)."""

    def __init__(self, message: str, fa: str, field: str | None = None):
        super().__init__(message, fa)
        self.field = field


class Cancelled(UserError):
    """The operator pressed «انصراف» (or a progress callback said stop). Long work raises it from
    its progress call and lets it propagate; whatever it wrote is rolled back."""

    exit_code = 1

    def __init__(self):
        super().__init__("cancelled; nothing was changed", "عملیات لغو شد؛ چیزی تغییر نکرد.")
