"""A fixed data key and password for tests (never used outside tests)."""

from station.storage.crypto import DataKey

TEST_KEY = DataKey(bytes(range(32)))
PASSWORD = "rahasia-spv-1"
