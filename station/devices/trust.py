"""Which devices the office trusts: a folder of X.509 certificates (PEM or DER), each either a device's
own certificate or a device provider's CA. A signed SBI response is accepted only when its JWS
signature checks out with the certificate in its x5c header and that certificate is trusted,
directly or through the chain the device sends, and valid today.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, padding, rsa

from station.devices.sbi import DeviceError

CERT_SUFFIXES = {".pem", ".crt", ".cer", ".der"}
TRUSTED_FOLDER = ("devices", "trusted")  # under the station's data folder


def trusted_folder(data_dir: Path) -> Path:
    """Where an office drops the certificates of the device providers it trusts."""
    return Path(data_dir).joinpath(*TRUSTED_FOLDER)


class UntrustedDevice(DeviceError):
    """A device whose signature is missing, wrong, or made with a key the office does not trust."""

    def __init__(self, why: str):
        super().__init__("untrusted", f"Perangkat tidak dipercaya: {why}. Hubungi admin sebelum memakai pemindai ini.")


def b64url_decode(text: str) -> bytes:
    text = text.strip()
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


@dataclass(frozen=True)
class Signed:
    """A verified JWS: its payload bytes and the certificate that signed it."""

    payload: bytes
    certificate: x509.Certificate
    header: dict

    def json(self):
        return json.loads(self.payload)


def _load_certs(path: Path) -> list[x509.Certificate]:
    data = path.read_bytes()
    if b"-----BEGIN CERTIFICATE-----" in data:
        return x509.load_pem_x509_certificates(data)
    return [x509.load_der_x509_certificate(data)]


class TrustStore:
    def __init__(self, certificates: list[x509.Certificate]):
        self.certificates = certificates
        self._fingerprints = {c.fingerprint(hashes.SHA256()) for c in certificates}

    @classmethod
    def from_folder(cls, folder: Path | None) -> TrustStore:
        """Every certificate in FOLDER (an empty store when it does not exist: nothing is trusted)."""
        certs: list[x509.Certificate] = []
        if folder is not None and Path(folder).is_dir():
            for p in sorted(Path(folder).iterdir()):
                if p.suffix.lower() in CERT_SUFFIXES:
                    try:
                        certs.extend(_load_certs(p))
                    except ValueError:
                        continue  # not a certificate: ignored, as the folder is an admin's drop box
        return cls(certs)

    def _issued_by_trusted(self, cert: x509.Certificate) -> bool:
        for ca in self.certificates:
            if ca.subject != cert.issuer:
                continue
            try:
                cert.verify_directly_issued_by(ca)
                return True
            except (ValueError, TypeError, InvalidSignature):
                continue
        return False

    def check_chain(self, chain: list[x509.Certificate], now: dt.datetime | None = None) -> None:
        """CHAIN[0] signed the data; accept when it, or a certificate up its chain, is trusted."""
        now = now or dt.datetime.now(dt.UTC)
        for i, cert in enumerate(chain):
            if not cert.not_valid_before_utc <= now <= cert.not_valid_after_utc:
                raise UntrustedDevice("sertifikat perangkat kedaluwarsa atau belum berlaku")
            if cert.fingerprint(hashes.SHA256()) in self._fingerprints or self._issued_by_trusted(cert):
                return
            if i + 1 < len(chain):
                try:
                    cert.verify_directly_issued_by(chain[i + 1])
                except (ValueError, TypeError, InvalidSignature):
                    break
        raise UntrustedDevice("sertifikat perangkat tidak diterbitkan oleh penyedia yang dipercaya kantor")

    def verify(self, token: str) -> Signed:
        """Check a compact JWS (header.payload.signature) as SBI devices sign their data."""
        parts = token.split(".") if isinstance(token, str) else []
        if len(parts) != 3:
            raise UntrustedDevice("data tidak bertanda tangan")
        try:
            header = json.loads(b64url_decode(parts[0]))
            payload = b64url_decode(parts[1])
            signature = b64url_decode(parts[2])
            chain = [x509.load_der_x509_certificate(base64.b64decode(c)) for c in header.get("x5c") or []]
        except (ValueError, TypeError):
            raise UntrustedDevice("tanda tangan rusak") from None
        if not chain:
            raise UntrustedDevice("sertifikat perangkat tidak disertakan")
        _check_signature(header.get("alg"), chain[0].public_key(), f"{parts[0]}.{parts[1]}".encode(), signature)
        self.check_chain(chain)
        return Signed(payload, chain[0], header)


def _check_signature(alg: str | None, key, signing_input: bytes, signature: bytes) -> None:
    try:
        if alg == "RS256" and isinstance(key, rsa.RSAPublicKey):
            key.verify(signature, signing_input, padding.PKCS1v15(), hashes.SHA256())
        elif alg == "PS256" and isinstance(key, rsa.RSAPublicKey):
            key.verify(signature, signing_input, padding.PSS(padding.MGF1(hashes.SHA256()), 32), hashes.SHA256())
        elif alg == "ES256" and isinstance(key, ec.EllipticCurvePublicKey) and len(signature) == 64:
            from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature

            der = encode_dss_signature(int.from_bytes(signature[:32], "big"), int.from_bytes(signature[32:], "big"))
            key.verify(der, signing_input, ec.ECDSA(hashes.SHA256()))
        elif alg == "EdDSA" and isinstance(key, ed25519.Ed25519PublicKey):
            key.verify(signature, signing_input)
        else:
            raise UntrustedDevice(f"algoritme tanda tangan {alg!r} tidak didukung")
    except InvalidSignature:
        raise UntrustedDevice("tanda tangan tidak cocok dengan data (data diubah?)") from None
