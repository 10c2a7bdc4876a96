"""Synthetic demo data for Kota Malang: units, ASN, the Pilkada 2024 and one user per role.

Every step is idempotent (a second run adds nothing and keeps what users changed) and
deterministic (random choices come from fixed seeds), so two machines get the same demo.
"""
