"""Pages of the prevention app (each module: one part of the issue)."""
