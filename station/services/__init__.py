"""Use cases: what the window and the command line both call. No Qt, no SQL here."""
