"""The ``netra`` command.

netra demo [--port 8000] [--no-server]   seed the Kota Malang demo and serve it
netra manage <django command> ...         any manage.py command
netra <django command> ...                shorthand for the same
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    args = list(sys.argv[1:] if argv is None else argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "netra.settings.dev")
    from django.core.management import execute_from_command_line

    if not args or args[0] in {"-h", "--help", "help"}:
        print(__doc__)
        return
    if args[0] == "manage":
        args = args[1:]
    execute_from_command_line(["netra", *args])


if __name__ == "__main__":
    main()
