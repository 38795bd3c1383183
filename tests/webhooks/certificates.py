"""A throwaway certificate authority and a server certificate it signs, for HTTPS receivers
on loopback (made with `trustme`, a library for exactly this; nothing leaves the test's
folder)."""

from __future__ import annotations

import ssl
from pathlib import Path

import trustme


def authority_and_server(folder: Path, server_name: str) -> tuple[Path, ssl.SSLContext]:
    """The authority's certificate (a PEM file to trust) and a server context whose
    certificate, signed by it, is for `server_name`."""
    authority = trustme.CA(organization_name="Test webhooks CA")
    ca_file = folder / "ca.pem"
    authority.cert_pem.write_to_path(str(ca_file))
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    # The server's key and chain, for `load_cert_chain` (which reads only files), in the
    # test's folder and removed once loaded.
    chain = authority.issue_cert(server_name).private_key_and_cert_chain_pem
    with chain.tempfile(dir=str(folder)) as path:
        context.load_cert_chain(path)
    return ca_file, context
