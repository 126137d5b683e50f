"""The staff area: sign-in, uploads checked on a copy and published with the atomic swap, and the audit log."""
