// The `probity` command. Placeholder until the CLI lands.
