"""Policy and routing data of the sanctions stage (YAML, validated on load)."""
