"""Issue, list and revoke API tokens for programs such as the scanner."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from netra.accounts.models import ApiToken, User
from netra.accounts.services import issue_api_token, revoke_api_token


class Command(BaseCommand):
    help = (
        "Manage API tokens: issue USERNAME --name NAME [--days N] | list [USERNAME] | revoke PREFIX"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        issue = sub.add_parser("issue", help="print a new token for USERNAME (shown only once)")
        issue.add_argument("username")
        issue.add_argument("--name", required=True, help="what the token is for, e.g. scanner")
        issue.add_argument("--days", type=int, default=None, help="expire after N days")
        listing = sub.add_parser("list", help="tokens (prefix, owner, state)")
        listing.add_argument("username", nargs="?")
        revoke = sub.add_parser("revoke", help="stop the token with this prefix from working")
        revoke.add_argument("prefix")

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        if action == "issue":
            self._issue(options["username"], options["name"], options["days"])
        elif action == "list":
            self._list(options.get("username"))
        else:
            self._revoke(options["prefix"])

    def _issue(self, username: str, name: str, days: int | None) -> None:
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"no user with username '{username}'")
        if days is not None and days <= 0:
            raise CommandError(f"--days must be a positive number of days, got {days}")
        expires = timezone.now() + dt.timedelta(days=days) if days else None
        token, raw = issue_api_token(actor=None, user=user, name=name, expires_at=expires)
        self.stderr.write(
            f"token '{token.name}' for {user.username} (prefix {token.prefix}); "
            "store it now, it cannot be shown again:"
        )
        self.stdout.write(raw)

    def _list(self, username: str | None) -> None:
        tokens = ApiToken.objects.select_related("user")
        if username:
            tokens = tokens.filter(user__username=username)
        now = timezone.now()
        for token in tokens:
            if token.revoked_at:
                state = f"revoked {token.revoked_at:%Y-%m-%d}"
            elif token.expires_at and token.expires_at <= now:
                state = f"expired {token.expires_at:%Y-%m-%d}"
            else:
                state = "active"
            self.stdout.write(f"{token.prefix}\t{token.user.username}\t{token.name}\t{state}")

    def _revoke(self, prefix: str) -> None:
        matches = list(ApiToken.objects.filter(prefix=prefix))
        if len(matches) != 1:
            raise CommandError(f"{len(matches)} tokens have prefix '{prefix}'; expected exactly 1")
        revoke_api_token(actor=None, token=matches[0])
        self.stdout.write(f"revoked {prefix}")
