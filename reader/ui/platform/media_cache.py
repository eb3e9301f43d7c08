"""Thumbnails fetched over the network once, then shown from the data directory (also offline).

Used only when the user allows remote images (off by default). Every download is checked before it is
stored: http/https only (also after redirects), a size cap, an image content type, and bytes that Qt
can decode as an image. Files are written atomically as ``<data_dir>/media/<sha256 of URL>.<ext>``.

Only public hosts are asked (platform/hosts.py): an address that is loopback, private, link-local or
otherwise not global is refused at once, and so is a local-only name (``localhost``, ``*.localhost``, a
single label); any other name is resolved first, off the GUI thread (QHostInfo), and refused unless
every address it has is public. Each redirect is checked the same way before it is followed. (Qt resolves
the name again when it connects; a DNS server that answers differently the second time is not caught.)
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
from collections.abc import Callable, Collection
from pathlib import Path

from PySide6.QtCore import QByteArray, QObject, QUrl, Signal, Slot
from PySide6.QtGui import QImage
from PySide6.QtNetwork import QHostInfo, QNetworkAccessManager, QNetworkReply, QNetworkRequest

from reader.ui.platform.hosts import addresses_are_public, host_verdict
from reader.ui.platform.links import is_external_url

log = logging.getLogger("reader.ui.media")

MAX_IMAGE_BYTES = 5 * 1024 * 1024
TIMEOUT_MS = 15_000
_URL_PROPERTY = "media_cache_url"
_EXTENSIONS = {"image/png": "png", "image/jpeg": "jpg", "image/gif": "gif", "image/webp": "webp"}


class MediaCache(QObject):
    """Downloads images into the cache and loads them back; one per window, GUI thread only."""

    ready = Signal(str)  # URL whose image is now in the cache
    failed = Signal(str, str)  # URL, reason for the user

    def __init__(
        self,
        data_dir: Path | str,
        parent: QObject | None = None,
        max_bytes: int = MAX_IMAGE_BYTES,
        timeout_ms: int = TIMEOUT_MS,
        allowed_hosts: Collection[str] = (),
    ) -> None:
        """``allowed_hosts`` are hosts exempt from the public-address rule (tests serve images on 127.0.0.1)."""
        super().__init__(parent)
        self.directory = Path(data_dir) / "media"
        self._max_bytes = max_bytes
        self._timeout_ms = timeout_ms
        self._allowed_hosts = {host.lower() for host in allowed_hosts}
        self._manager = QNetworkAccessManager(self)
        self._pending: dict[str, bytearray] = {}
        self._refused: dict[str, str] = {}  # URL -> reason; not retried until the app restarts

    def cached_path(self, url: str) -> Path | None:
        """The cached file for a URL, or None."""
        stem = hashlib.sha256(url.encode("utf-8")).hexdigest()
        for extension in _EXTENSIONS.values():
            path = self.directory / f"{stem}.{extension}"
            if path.is_file():
                return path
        return None

    def load_image(self, url: str) -> QImage | None:
        """The cached image for a URL; never touches the network."""
        path = self.cached_path(url)
        if path is None:
            return None
        image = QImage(str(path))
        return None if image.isNull() else image

    def fetch(self, url: str) -> bool:
        """Start downloading an image unless it is cached, in flight, or was refused before.

        Returns False for URLs that will never be fetched (not http/https, a host that is not public, or
        refused earlier). A name is resolved first: ``failed`` says when it turns out to be private.
        """
        if not is_external_url(url) or url in self._refused:
            return False
        if url in self._pending or self.cached_path(url) is not None:
            return True
        host = QUrl(url).host()
        verdict = self._verdict(host)
        if verdict == "private":
            self._refused[url] = "not a public address"
            log.info("image %s refused: %s is not a public address", url, host)
            return False
        self._pending[url] = bytearray()
        if verdict == "public":
            self._download(url)
        else:
            self._resolve(host, lambda addresses: self._resolved(url, host, addresses))
        return True

    def _verdict(self, host: str) -> str:
        return "public" if host.lower() in self._allowed_hosts else host_verdict(host)

    def _resolve(self, host: str, done: Callable[[list[str]], None]) -> None:
        """Look the name up off the GUI thread; ``done`` gets its addresses (none when it has none)."""

        def answer(info: QHostInfo) -> None:  # on this thread, from its event loop
            ok = info.error() == QHostInfo.HostInfoError.NoError
            with contextlib.suppress(RuntimeError):  # the cache (or the reply) was deleted meanwhile
                done([address.toString() for address in info.addresses()] if ok else [])

        QHostInfo.lookupHost(host, answer)  # type: ignore[call-overload]  # the stub makes it an instance method

    def _resolved(self, url: str, host: str, addresses: list[str]) -> None:
        if url not in self._pending:
            return
        if addresses_are_public(addresses):
            self._download(url)
            return
        reason = f"{host} has a private address" if addresses else f"{host} cannot be found"
        self._pending.pop(url, None)
        self._refused[url] = reason
        log.info("image %s refused: %s", url, reason)
        self.failed.emit(url, reason)

    def _download(self, url: str) -> None:
        request = QNetworkRequest(QUrl(url))
        request.setTransferTimeout(self._timeout_ms)
        request.setAttribute(
            QNetworkRequest.Attribute.RedirectPolicyAttribute,
            QNetworkRequest.RedirectPolicy.UserVerifiedRedirectPolicy,  # each one checked in _check_redirect
        )
        request.setMaximumRedirectsAllowed(5)
        reply = self._manager.get(request)
        reply.setProperty(_URL_PROPERTY, url)
        # Slots and sender(), not lambdas: a lambda holding `self` and the reply crashes PySide6 when
        # the cache is destroyed while the reply's deleteLater() is still pending.
        reply.metaDataChanged.connect(self._check_headers)
        reply.readyRead.connect(self._receive)
        reply.redirected.connect(self._check_redirect)
        reply.finished.connect(self._finish)

    @Slot(QUrl)
    def _check_redirect(self, target: QUrl) -> None:
        """Follow a redirect only to http(s), never from https to http, and only to a public host."""
        url, reply = self._sender_reply()
        if not is_external_url(target) or (reply.url().scheme() == "https" and target.scheme() != "https"):
            self._refuse(url, reply, "redirected away from http/https")
            return
        host = target.host()
        verdict = self._verdict(host)
        if verdict == "public":
            reply.redirectAllowed.emit()
        elif verdict == "private":
            self._refuse(url, reply, f"redirected to {host}, not a public address")
        else:
            self._resolve(host, lambda addresses: self._redirect_resolved(url, reply, host, addresses))

    def _redirect_resolved(self, url: str, reply: QNetworkReply, host: str, addresses: list[str]) -> None:
        if url not in self._pending or url in self._refused:
            return
        if addresses_are_public(addresses):
            reply.redirectAllowed.emit()
        else:
            self._refuse(url, reply, f"redirected to {host}, not a public address")

    def _sender_reply(self) -> tuple[str, QNetworkReply]:
        reply = self.sender()
        assert isinstance(reply, QNetworkReply)
        return str(reply.property(_URL_PROPERTY)), reply

    @Slot()
    def _check_headers(self) -> None:
        url, reply = self._sender_reply()
        content_type = _content_type(reply)
        length = reply.header(QNetworkRequest.KnownHeaders.ContentLengthHeader)
        if content_type and content_type not in _EXTENSIONS:
            self._refuse(url, reply, f"not an image ({content_type})")
        elif isinstance(length, int) and length > self._max_bytes:
            self._refuse(url, reply, f"larger than {self._max_bytes // 1024} KiB")

    @Slot()
    def _receive(self) -> None:
        url, reply = self._sender_reply()
        buffer = self._pending.get(url)
        if buffer is None:
            return
        buffer += reply.readAll().data()
        if len(buffer) > self._max_bytes:
            self._refuse(url, reply, f"larger than {self._max_bytes // 1024} KiB")

    def _refuse(self, url: str, reply: QNetworkReply, reason: str) -> None:
        self._refused[url] = reason
        self._pending.pop(url, None)
        reply.abort()

    @Slot()
    def _finish(self) -> None:
        url, reply = self._sender_reply()
        reply.deleteLater()
        if url in self._refused:
            self.failed.emit(url, self._refused[url])
            return
        buffer = self._pending.pop(url, None)
        if buffer is None:
            return
        buffer += reply.readAll().data()
        reason = self._problem(reply, buffer)
        if reason is None:
            try:
                self._store(url, bytes(buffer), _EXTENSIONS[_content_type(reply)])
            except OSError as error:
                reason = f"could not be cached: {error.strerror or error}"
        if reason is not None:
            self._refused[url] = reason
            log.info("image %s refused: %s", url, reason)
            self.failed.emit(url, reason)
        else:
            self.ready.emit(url)

    def _problem(self, reply: QNetworkReply, data: bytearray) -> str | None:
        """Why a finished download must not be cached, or None when it is a usable image."""
        if reply.error() != QNetworkReply.NetworkError.NoError:
            return reply.errorString()
        if not is_external_url(reply.url()):
            return "redirected away from http/https"
        if _content_type(reply) not in _EXTENSIONS:
            return f"not an image ({_content_type(reply) or 'no content type'})"
        if len(data) > self._max_bytes:
            return f"larger than {self._max_bytes // 1024} KiB"
        if QImage.fromData(QByteArray(bytes(data))).isNull():
            return "not a readable image"
        return None

    def _store(self, url: str, data: bytes, extension: str) -> None:
        """Write to a temporary file and rename, so a crash never leaves half an image in the cache."""
        self.directory.mkdir(parents=True, exist_ok=True)
        target = self.directory / f"{hashlib.sha256(url.encode('utf-8')).hexdigest()}.{extension}"
        temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
        with open(temporary, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, target)


def _content_type(reply: QNetworkReply) -> str:
    value = reply.header(QNetworkRequest.KnownHeaders.ContentTypeHeader)
    return str(value or "").split(";", 1)[0].strip().lower()
