"""`python -m telltale.content build|check`: rebuild the face library, or validate all content."""
from __future__ import annotations

import sys


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in ("build", "check"):
        print("usage: python -m telltale.content build [options] | check", file=sys.stderr)
        return 2
    if argv[0] == "build":
        from telltale.content import build
        return build.main(argv[1:])
    from telltale import checks  # every lesson file's checks: above content/ and ads/
    return checks.main(argv[1:])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
