"""The Qt window. The only package that imports Qt; it calls station.services, never SQL or HTTP."""
