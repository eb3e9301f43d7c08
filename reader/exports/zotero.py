"""Send papers to the Zotero desktop app through its local connector server (what the browser
Connector talks to), as Zotero's own arXiv importer would have saved them, with the Korean summary
as a child note.

What Zotero does with these requests is read from its source (zotero/zotero):

- `chrome/content/zotero/xpcom/server/server.js`, `_processEndpoint`: a request whose User-Agent
  starts with `Mozilla/` or that carries an `Origin` header is taken for a web page and dropped
  without an answer, so this client sends neither (and no `X-Zotero-Connector-API-Version`: with a
  version older than Zotero's own, /connector/saveItems answers 400 and shows an "update" dialog);
  a POST needs a Content-Length; JSON bodies are decoded as UTF-8.
- `server_connector.js`: `GET /connector/ping` answers 200 "Zotero is running";
  `POST /connector/saveItems` takes `{items, uri, sessionID}` and answers 201 when saved, 409 for a
  session id already used, 500 when the save failed (`{"libraryEditable": false}`: read-only target).
- `saveSession.js` and `xpcom/translation/translate_item.js` (ItemSaver): the items are saved in one
  database transaction, each item's `notes: [{note: "<p>…</p>"}]` as child notes, `tags` as automatic
  tags, `accessDate: "CURRENT_TIMESTAMP"` as now; `id` is the session's key for an item.
- `server_localAPI.js`: the local API (`/api/users/0/items…`, Zotero 7's "Allow other applications on
  this computer to communicate with Zotero") answers 403 while it is off; `q` with `qmode=everything`
  searches every field, so an item with the id in its DOI, archive ID, URL or Extra is found.
- the arXiv.org translator (zotero/translators): `preprint` items with `DOI` 10.48550/arXiv.ID,
  `archiveID` arXiv:ID, `repository` arXiv and `url` https://arxiv.org/abs/ID.

urllib only, no proxies (the connector is on this computer); urllib.request and the citation writers
are imported when a send starts, so the facade's import of this module costs the window's start-up little.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode, urlsplit

from reader.core import arxiv
from reader.core.errors import ReaderError
from reader.core.models import HF_SITE, Paper
from reader.exports.latex_text import title_text
from reader.exports.names import split_name, unique_authors
from reader.exports.reading_list import first_per_id

if TYPE_CHECKING:
    from urllib.request import OpenerDirector

DEFAULT_CONNECTOR = "http://127.0.0.1:23119"
USER_AGENT = "daily-papers-reader"  # never "Mozilla/...": Zotero drops those requests unanswered
TAG = "Hugging Face Daily Papers"
_EXTRA_ID = re.compile(r"arXiv:\s*(\S+)", re.IGNORECASE)


class ZoteroError(ReaderError):
    """Zotero could not be reached or refused the papers; the message is one sentence for the user."""


@dataclass(frozen=True, slots=True)
class ZoteroReport:
    """What a send did: the ids saved, the ids skipped as already in Zotero, and whether Zotero's
    local API could be asked about duplicates at all."""

    sent: tuple[str, ...]
    skipped: tuple[str, ...]
    checked: bool

    def __str__(self) -> str:
        sent = len(self.sent)
        text = f"sent {sent} {'paper' if sent == 1 else 'papers'} to Zotero"
        if self.skipped:
            text += f"; skipped {len(self.skipped)} already in the Zotero library"
        return text


def check_connector(url: str) -> str:
    """The connector's base URL (`http://127.0.0.1:23119`), or ZoteroError for one that cannot be."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.path.strip("/"):
        raise ZoteroError(f"not a Zotero connector address (like {DEFAULT_CONNECTOR}): {url!r}")
    try:
        parts.port  # noqa: B018 - raises ValueError for a port that is not a number
    except ValueError:
        raise ZoteroError(f"not a Zotero connector address (like {DEFAULT_CONNECTOR}): {url!r}") from None
    return f"{parts.scheme}://{parts.netloc}"


def send_to_zotero(papers: list[Paper], connector: str = DEFAULT_CONNECTOR, *, skip_existing: bool = True,
                   timeout_s: float = 10.0, save_timeout_s: float = 120.0,
                   opener: OpenerDirector | None = None) -> ZoteroReport:
    """Save each paper (once per arXiv id) in Zotero with ONE /connector/saveItems request.

    First /connector/ping: if Zotero is not running, ZoteroError and nothing is sent. With
    `skip_existing`, papers the local API finds in the library (by arXiv id) are left out; when the
    local API is off, every paper is sent and `checked` is False. Raises ZoteroError.
    """
    unique = list(first_per_id(papers))
    if not unique:
        return ZoteroReport((), (), False)
    client = _Connector(check_connector(connector), timeout_s, opener)
    client.ping()
    skipped: list[str] = []
    checked = skip_existing
    if skip_existing:
        for paper in unique:
            found = client.in_library(paper.arxiv_id)
            if found is None:  # the local API is off (or too old): send everything
                checked, skipped = False, []
                break
            if found:
                skipped.append(paper.arxiv_id)
    to_send = [paper for paper in unique if paper.arxiv_id not in skipped]
    if to_send:
        client.save_items(save_items_payload(to_send), save_timeout_s)
    return ZoteroReport(tuple(paper.arxiv_id for paper in to_send), tuple(skipped), checked)


def save_items_payload(papers: list[Paper], session_id: str | None = None) -> dict[str, Any]:
    """The body of /connector/saveItems: the items, the page they came from, a new session id."""
    import secrets

    return {
        "items": [zotero_item(paper) for paper in first_per_id(papers)],
        "uri": f"{HF_SITE}/papers",
        "sessionID": session_id or secrets.token_hex(8),
    }


def zotero_item(paper: Paper) -> dict[str, Any]:
    """One paper in Zotero's item JSON, shaped as the arXiv.org translator makes a preprint.

    No `abstractNote`: the digests carry a Korean summary, not the abstract; it goes in the note."""
    from reader.exports.citations import iso_date

    creators: list[dict[str, str]] = []
    for name in unique_authors(paper.authors):
        parts = split_name(name)
        creators.append({"firstName": parts[0], "lastName": parts[1], "creatorType": "author"} if parts
                        else {"name": name, "creatorType": "author"})
    item: dict[str, Any] = {
        "id": paper.arxiv_id,
        "itemType": "preprint",
        "title": title_text(paper.title),
        "creators": creators,
        "date": iso_date(paper),
        "url": arxiv.abs_url(paper.arxiv_id),
    }
    if arxiv.is_arxiv_id(paper.arxiv_id):
        item.update({"DOI": f"10.48550/arXiv.{paper.arxiv_id}", "archiveID": f"arXiv:{paper.arxiv_id}"})
    item.update({
        "repository": "arXiv",
        "libraryCatalog": TAG,
        "accessDate": "CURRENT_TIMESTAMP",
        "tags": [{"tag": TAG}],
        "notes": [{"note": zotero_note(paper)}],
        "attachments": [],
    })
    return item


def zotero_note(paper: Paper) -> str:
    """The Korean summary as note HTML, every text escaped (digest text comes from the internet)."""
    def esc(text: str) -> str:  # element text; the two attribute values are escaped with quotes
        return html.escape(text, quote=False)

    votes = "-" if paper.votes is None else str(paper.votes)
    lines = [
        f"<h1>Daily Papers 요약: {esc(title_text(paper.title))}</h1>",
        f"<p>Hugging Face Daily Papers, {esc(paper.date)} · 추천 수 {esc(votes)}</p>",
    ]
    if paper.authors_truncated:
        lines.append("<p>저자 목록은 일부만 실렸습니다.</p>")
    for section in paper.sections:
        text = esc(section.text).replace("\n", "<br/>")
        lines.append(f"<p><strong>{esc(section.label)}</strong>: {text}</p>" if section.label else f"<p>{text}</p>")
    lines.append(f'<p><a href="{html.escape(arxiv.hf_url(paper.arxiv_id))}">Hugging Face</a> · '
                 f'<a href="{html.escape(arxiv.pdf_url(paper.arxiv_id))}">PDF</a></p>')
    return "\n".join(lines)


def names_paper(item: dict[str, Any], arxiv_id: str) -> bool:
    """True when a Zotero item (local API JSON) is this arXiv paper: by its DOI, archive ID, URL or Extra."""
    data = item.get("data", item)
    if not isinstance(data, dict):
        return False
    wanted = arxiv.normalise(arxiv_id)
    doi = str(data.get("DOI", "")).strip().lower()
    if doi == f"10.48550/arxiv.{wanted}".lower():
        return True
    for field in ("archiveID", "number", "extra"):
        if any(arxiv.normalise(found) == wanted for found in _EXTRA_ID.findall(str(data.get(field, "")))):
            return True
    return arxiv.from_url(str(data.get("url", ""))) == wanted


class _Connector:
    """HTTP to one Zotero: every failure becomes a ZoteroError that says what to do."""

    def __init__(self, base: str, timeout_s: float, opener: OpenerDirector | None) -> None:
        import urllib.request

        self.base = base
        self.timeout_s = timeout_s
        self._opener = opener or urllib.request.build_opener(urllib.request.ProxyHandler({}))

    def ping(self) -> None:
        status, body = self._request("GET", "/connector/ping", timeout_s=self.timeout_s)
        if status != 200 or "Zotero" not in body:
            raise ZoteroError(f"something other than Zotero answers at {self.base} (HTTP {status}); "
                              "nothing was sent")

    def in_library(self, arxiv_id: str) -> bool | None:
        """Whether the Zotero library has this paper; None when the local API does not answer searches."""
        query = urlencode({"q": arxiv_id, "qmode": "everything", "format": "json"})
        status, body = self._request("GET", f"/api/users/0/items/top?{query}", timeout_s=self.timeout_s,
                                     headers={"Zotero-API-Version": "3"})
        if status != 200:
            return None  # 403: the local API is off; 404: a Zotero without one; 501: another API version
        try:
            items = json.loads(body)
        except ValueError:
            return None
        return isinstance(items, list) and any(isinstance(item, dict) and names_paper(item, arxiv_id)
                                               for item in items)

    def save_items(self, payload: dict[str, Any], timeout_s: float) -> None:
        data = json.dumps(payload, ensure_ascii=True).encode("ascii")
        status, body = self._request("POST", "/connector/saveItems", data=data, timeout_s=timeout_s,
                                     headers={"Content-Type": "application/json"}, sent=True)
        if status in (200, 201):
            return
        if status == 500 and '"libraryEditable":false' in body.replace(" ", ""):
            raise ZoteroError("Zotero cannot save into the library selected in its window (it is read-only): "
                              "select My Library in Zotero and send again")
        detail = f": {body.strip()[:200]}" if body.strip() else ""
        raise ZoteroError(f"Zotero did not save the papers (HTTP {status}{detail}); "
                          "Zotero's Help → Debug Output Logging tells why")

    def _request(self, method: str, path: str, *, timeout_s: float, data: bytes | None = None,
                 headers: dict[str, str] | None = None, sent: bool = False) -> tuple[int, str]:
        import http.client
        import urllib.error
        import urllib.request

        request = urllib.request.Request(self.base + path, data=data, method=method,
                                         headers={"User-Agent": USER_AGENT, **(headers or {})})
        try:
            with self._opener.open(request, timeout=timeout_s) as response:
                return response.status, response.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as error:
            with error:
                return error.code, error.read().decode("utf-8", "replace")
        except (TimeoutError, urllib.error.URLError, http.client.HTTPException, OSError) as error:
            reason = error.reason if isinstance(error, urllib.error.URLError) else error
            if isinstance(reason, ConnectionRefusedError):  # refused before a byte went out
                raise ZoteroError(f"Zotero is not running (nothing answers at {self.base}): start the Zotero "
                                  "desktop app and try again; nothing was sent") from error
            if isinstance(reason, TimeoutError) and sent:
                raise ZoteroError(f"Zotero did not answer within {timeout_s:g} s: look in Zotero before sending "
                                  "again, the papers may have been saved") from error
            if isinstance(reason, TimeoutError):
                raise ZoteroError(f"Zotero did not answer at {self.base} within {timeout_s:g} s; nothing was sent") \
                    from error
            if sent:
                raise ZoteroError(f"the connection to Zotero broke ({_describe(reason)}): look in Zotero before "
                                  "sending again, the papers may have been saved") from error
            raise ZoteroError(f"cannot talk to Zotero at {self.base} ({_describe(reason)}); nothing was sent") \
                from error


def _describe(reason: object) -> str:
    if isinstance(reason, OSError) and reason.strerror:
        return reason.strerror
    return str(reason) or type(reason).__name__
