"""``python -m cnbudget``: the same as the ``cnbudget`` command."""

from .cli import main

if __name__ == "__main__":
    raise SystemExit(main())
