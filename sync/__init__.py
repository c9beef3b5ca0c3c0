"""Sync: the station's client for the central Disdukcapil server, and a reference server to talk to.
The only place in the project that speaks HTTP."""
