"""Headless subcommands; each module has `register(subparsers)` and is discovered by `alyesdesk.cli`."""
