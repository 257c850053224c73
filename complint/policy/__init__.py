"""Rule packs: loading YAML with positions, validating, compiling to matchers."""
