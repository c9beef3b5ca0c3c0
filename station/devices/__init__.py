"""Biometric devices through MOSIP's Secure Biometric Interface (SBI 0.9.5) on 127.0.0.1:4501-4600.

    client = SbiClient(TrustStore.from_folder(trusted_folder(data_dir)))
    scanner = client.find("Finger")
    items = client.capture(scanner, sub_id=1, count=4, requested_score=40)

HTTP lives here (and in sync/); the rest of the station sees plain dataclasses and DeviceError, whose
message is what the operator reads.
"""

from station.devices.client import CapturedItem, Device, SbiClient
from station.devices.sbi import DeviceError
from station.devices.trust import TrustStore, UntrustedDevice, trusted_folder

__all__ = ["CapturedItem", "Device", "DeviceError", "SbiClient", "TrustStore", "UntrustedDevice", "trusted_folder"]
