"""Rules the biodata must obey: plain Python, no Qt, no SQL, no network."""
