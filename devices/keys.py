"""The simulated device's keys: a device-provider CA and a device key certified by it (RSA 2048, as
SBI 0.9.5 asks for RS256), kept in a folder so a station can trust the provider once.

An office trusts a device by putting the provider's CA certificate (provider-ca.pem) in its folder of
trusted device certificates; the station then accepts any device whose certificate that CA issued.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import shutil
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.x509.oid import NameOID

CA_CERT = "provider-ca.pem"
CA_KEY = "provider-ca-key.pem"
DEVICE_CERT = "device-cert.pem"
DEVICE_KEY = "device-key.pem"


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _name(cn: str) -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "ID"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Station SBI Simulator"),
            x509.NameAttribute(NameOID.COMMON_NAME, cn),
        ]
    )


def _cert(subject: str, issuer: str, public_key, signing_key, ca: bool, days: int) -> x509.Certificate:
    now = dt.datetime.now(dt.UTC)
    return (
        x509.CertificateBuilder()
        .subject_name(_name(subject))
        .issuer_name(_name(issuer))
        .public_key(public_key)
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=days))
        .add_extension(x509.BasicConstraints(ca=ca, path_length=0 if ca else None), critical=True)
        .sign(signing_key, hashes.SHA256())
    )


def _pem_key(key) -> bytes:
    return key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )


@dataclass
class DeviceKeys:
    key: rsa.RSAPrivateKey
    cert: x509.Certificate
    ca_cert: x509.Certificate

    @classmethod
    def ensure(cls, folder: Path, provider: str = "Station Simulator Provider") -> DeviceKeys:
        """Load the keys in FOLDER, creating a provider CA and a device certificate the first time."""
        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        if not (folder / DEVICE_KEY).exists():
            ca_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
            ca = _cert(f"{provider} CA", f"{provider} CA", ca_key.public_key(), ca_key, True, 3650)
            dev_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
            dev = _cert("SIM-SBI-0001 device key", f"{provider} CA", dev_key.public_key(), ca_key, False, 365)
            (folder / CA_KEY).write_bytes(_pem_key(ca_key))
            (folder / CA_CERT).write_bytes(ca.public_bytes(serialization.Encoding.PEM))
            (folder / DEVICE_KEY).write_bytes(_pem_key(dev_key))
            (folder / DEVICE_CERT).write_bytes(dev.public_bytes(serialization.Encoding.PEM))
        key = serialization.load_pem_private_key((folder / DEVICE_KEY).read_bytes(), password=None)
        cert = x509.load_pem_x509_certificate((folder / DEVICE_CERT).read_bytes())
        ca_cert = x509.load_pem_x509_certificate((folder / CA_CERT).read_bytes())
        return cls(key, cert, ca_cert)

    def sign(self, payload: bytes) -> str:
        """Compact JWS (RFC 7515) over PAYLOAD: RS256, the device certificate in x5c, as SBI specifies."""
        header = {
            "alg": "RS256",
            "typ": "JWT",
            "x5c": [base64.b64encode(self.cert.public_bytes(serialization.Encoding.DER)).decode("ascii")],
        }
        signing_input = b64url(json.dumps(header, separators=(",", ":")).encode()) + "." + b64url(payload)
        signature = self.key.sign(signing_input.encode("ascii"), padding.PKCS1v15(), hashes.SHA256())
        return signing_input + "." + b64url(signature)

    @staticmethod
    def trust_into(folder: Path, target: Path) -> Path:
        """Copy the provider CA certificate into an office's folder of trusted device certificates."""
        target = Path(target)
        target.mkdir(parents=True, exist_ok=True)
        dest = target / "station-simulator-provider-ca.pem"
        shutil.copyfile(Path(folder) / CA_CERT, dest)
        return dest
