"""Stand-ins for biometric hardware: an SBI 0.9.5 device service serving real images (python -m devices.simulator)."""
