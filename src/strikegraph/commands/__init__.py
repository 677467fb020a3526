"""Sub-command groups of the CLI; each module has `register(subparsers)`."""
