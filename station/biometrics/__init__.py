"""The biometric engine: plain images and ISO records in, plain dataclasses and bytes out.

Fingerprints (NFIQ 2, minutiae, ISO/IEC 19794-2 templates, Bozorth3 same-finger checks, slap
segmentation), irises (quality in the spirit of ISO/IEC 29794-6), ISO/IEC 19794-4/-6 records with WSQ
or JPEG 2000 inside, and signatures rendered at print size. No Qt, no SQL, no network.
"""
