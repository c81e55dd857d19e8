"""A news site on loopback for the tests of ``dotterel fetch`` and ``watch``: ``http.server`` in
a thread, serving RSS, Atom and JSON feeds, a malformed feed, a feed with relative links, pages
with heavy boilerplate, a Latin-1 page, a French page, and the bad cases (404, 500, 429 with
Retry-After, a slow answer, a redirect loop, a 50 MB body made on the fly, a PDF, a page
without text), with a robots.txt that disallows /private/. Every story is our own invention.

``NewsSite`` logs each request (path and headers), so tests can check what was asked, how
often, with which User-Agent and validators."""
from __future__ import annotations

import json
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

# Invented political news: (headline, paragraphs). Countries are real, events are not.
STORIES: list[tuple[str, list[str]]] = [
    ("Kenya accuses Uganda of moving troops to the border",
     ["NAIROBI, March 4 - Kenya's foreign ministry accused Uganda on Monday of moving troops "
      "to the shared border near Busia, and summoned the Ugandan ambassador to explain.",
      "Ugandan officials rejected the accusation, saying the soldiers were on a routine "
      "exercise that had been announced weeks earlier.",
      "The two governments agreed to hold talks in Kampala next week, the ministry said."]),
    ("Egypt and Sudan sign a water-sharing agreement",
     ["CAIRO, March 5 - Egypt and Sudan signed an agreement on Tuesday to share data on the "
      "flow of the Nile, the Egyptian foreign minister said after a meeting in Cairo.",
      "Sudan's prime minister praised Egypt for its help in drafting the deal.",
      "Ethiopia criticised the agreement, saying it had not been consulted."]),
    ("Pakistan condemns attack on police post",
     ["ISLAMABAD, March 6 - Pakistan's interior minister condemned an attack on a police post "
      "near Peshawar on Wednesday in which four officers were killed.",
      "Police arrested six suspects after the attack, a spokesman said.",
      "The minister said the attackers had crossed from Afghanistan, a claim Kabul denied."]),
    ("Turkey threatens sanctions over gas exploration",
     ["ANKARA, March 7 - Turkey threatened Cyprus with sanctions on Thursday over gas "
      "exploration off the island, the Turkish foreign ministry said in a statement.",
      "Cyprus rejected the threat and called on the European Union to support it.",
      "Greek officials met their Cypriot counterparts in Nicosia to discuss the dispute."]),
    ("Nigeria and Chad agree to joint patrols",
     ["ABUJA, March 8 - Nigeria and Chad agreed on Friday to mount joint patrols around Lake "
      "Chad, the Nigerian defence ministry said.",
      "Chad's president thanked Nigeria for its cooperation against armed groups in the area.",
      "Niger said it would send officers to a planning meeting in Abuja."]),
    ("Iran denies supplying drones to rebels",
     ["TEHRAN, March 9 - Iran denied on Saturday that it had supplied drones to rebels in "
      "Yemen, after Saudi Arabia accused it of arming the group.",
      "Iran's foreign ministry spokesman said the accusation was baseless and demanded that "
      "Riyadh show its evidence.",
      "Saudi officials said they would present the evidence to the United Nations."]),
    ("Israel and Jordan hold talks on border crossing",
     ["AMMAN, March 10 - Israeli and Jordanian officials held talks in Amman on Sunday about "
      "reopening a border crossing closed since January.",
      "Jordan's foreign minister said the talks were constructive.",
      "Israel offered to extend the crossing's opening hours, an Israeli official said."]),
    ("India protests to China over map",
     ["NEW DELHI, March 11 - India lodged a protest with China on Monday over a new official "
      "map that shows an Indian state as Chinese territory.",
      "China's foreign ministry rejected the protest, saying the map was a routine update.",
      "Indian opposition leaders urged the government to take a firmer line with Beijing."]),
    ("Ghana praises Togo for election cooperation",
     ["ACCRA, March 12 - Ghana's president praised Togo on Tuesday for its cooperation in "
      "policing their border during Ghana's elections.",
      "The Togolese foreign minister visited Accra to discuss trade and security.",
      "Both governments promised to reopen a closed market town near the border."]),
]

FRENCH = ("Le Mali accuse la Guinée de fermer sa frontière",
          ["BAMAKO, 4 mars - Le gouvernement malien a accusé lundi la Guinée de fermer sa "
           "frontière aux camions de marchandises, selon un communiqué du ministère.",
           "Les autorités guinéennes ont rejeté ces accusations et ont appelé au dialogue entre "
           "les deux pays voisins.",
           "Une délégation malienne doit se rendre à Conakry la semaine prochaine pour des "
           "discussions sur le commerce."])

LATIN1 = ("Bolivia and Perú sign a trade accord",
          ["LA PAZ, March 13 - Bolivia's president and Perú's foreign minister signed a trade "
           "accord on Wednesday in La Paz, officials said; the ceremony was held at the Palacio "
           "Quemado.",
           "Perú's minister praised Bolivia for its openness, and said the accord would lower "
           "tariffs on café and quinoa.",
           "Chile's government welcomed the accord and asked to join the next round of talks."])

BOILERPLATE = """
<header><nav><ul>{links}</ul></nav>
<div class="cookie-banner">We use cookies to improve your experience. Cookie settings. Accept all
cookies.</div><div class="promo">Subscribe to our newsletter for the latest headlines.</div>
</header>
<aside class="sidebar"><h3>Most read</h3><ul>{most_read}</ul></aside>
"""
FOOTER = """
<footer><p>Copyright The Daily Loopback. All rights reserved.</p><ul>{links}</ul>
<p>Follow us on social media. Advertise with us. Terms of use. Privacy policy.</p></footer>
"""


def story_html(n: int, story: tuple[str, list[str]] | None = None, *, lang: str = "en",
               heavy: bool = False, charset: str = "utf-8", date: str = "2024-03-04") -> str:
    title, paragraphs = story or STORIES[n % len(STORIES)]
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    links = "".join(f'<li><a href="/section/{i}">Section {i}</a></li>' for i in range(30))
    most = "".join(f'<li><a href="/news/{i}">Popular story number {i}</a></li>' for i in range(12))
    before = BOILERPLATE.format(links=links, most_read=most) if heavy else ""
    after = FOOTER.format(links=links) if heavy else ""
    comments = ('<section class="comments"><h3>Comments</h3><p>Reader one: first comment here.'
                '</p><p>Reader two: I disagree with the previous commenter.</p></section>'
                if heavy else "")
    return (f'<!doctype html><html lang="{lang}"><head><meta charset="{charset}">'
            f'<title>{title} | The Daily Loopback</title>'
            f'<meta property="og:site_name" content="The Daily Loopback">'
            f'<meta property="article:published_time" content="{date}T09:00:00Z"></head><body>'
            f'{before}<main><article><h1>{title}</h1>{body}</article></main>{comments}{after}'
            "</body></html>")


@dataclass
class Response:
    status: int = 200
    body: bytes | Callable[[], Iterator[bytes]] = b""
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds before the status line


@dataclass
class Hit:
    path: str
    headers: dict[str, str]
    at: float


class NewsSite:
    """The site's routes: a path -> a function of the request headers returning a
    ``Response``. Tests may add or replace routes."""

    def __init__(self) -> None:
        self.routes: dict[str, Callable[[dict[str, str]], Response]] = {}
        self.hits: list[Hit] = []
        self.lock = threading.Lock()
        self.base = ""
        self._default_routes()

    def count(self, path: str) -> int:
        with self.lock:
            return sum(1 for h in self.hits if h.path == path)

    def requests(self, path: str) -> list[Hit]:
        with self.lock:
            return [h for h in self.hits if h.path == path]

    def route(self, path: str, response: Response | Callable[[dict[str, str]], Response]) -> None:
        self.routes[path] = response if callable(response) else (lambda h, r=response: r)

    def page(self, path: str, html: str, *, charset: str = "utf-8",
             content_type: str = "text/html") -> None:
        self.route(path, Response(body=html.encode(charset),
                                  headers={"Content-Type": f"{content_type}; charset={charset}"}))

    def feed(self, path: str, body: str, content_type: str) -> None:
        """A feed that answers 304 to the validators it sent."""
        etag = f'"{abs(hash(body)) % 10**8}"'
        modified = formatdate(1_700_000_000, usegmt=True)

        def answer(headers: dict[str, str]) -> Response:
            if headers.get("if-none-match") == etag or headers.get("if-modified-since") == modified:
                return Response(status=304, headers={"ETag": etag})
            return Response(body=body.encode("utf-8"), headers={
                "Content-Type": content_type, "ETag": etag, "Last-Modified": modified})
        self.routes[path] = answer

    # --- the default site ---------------------------------------------------------------

    def _default_routes(self) -> None:
        self.route("/robots.txt", Response(body=b"User-agent: *\nDisallow: /private/\n",
                                           headers={"Content-Type": "text/plain"}))
        for n in range(len(STORIES)):
            self.page(f"/news/{n}", story_html(n, heavy=n == 0))
        self.page("/private/secret", story_html(3))
        self.page("/french", story_html(0, FRENCH, lang="fr"))
        self.page("/latin1", story_html(0, LATIN1, charset="iso-8859-1"), charset="iso-8859-1")
        self.page("/empty", "<!doctype html><html><head><title>Menu</title></head><body><nav>"
                  "<a href='/'>Home</a></nav></body></html>")
        self.route("/pdf", Response(body=b"%PDF-1.4 not a page", headers={
            "Content-Type": "application/pdf"}))
        self.route("/status/404", Response(status=404, body=b"not found"))
        self.route("/status/500", Response(status=500, body=b"broken"))
        self.route("/loop/a", Response(status=302, headers={"Location": "/loop/b"}))
        self.route("/loop/b", Response(status=302, headers={"Location": "/loop/a"}))
        self.route("/moved", Response(status=301, headers={"Location": "/news/2"}))
        self.route("/slow", Response(delay=3.0, body=story_html(4).encode(), headers={
            "Content-Type": "text/html"}))
        self.route("/big", Response(body=_big, headers={"Content-Type": "text/html"}))
        self.route("/big-declared", Response(body=_big, headers={
            "Content-Type": "text/html", "Content-Length": str(BIG_BYTES)}))
        self.routes["/busy"] = self._busy_once()
        self.feed("/feeds/rss.xml", rss([f"{{base}}/news/{n}" for n in (0, 1, 2)]),
                  "application/rss+xml")
        self.feed("/feeds/atom.xml", atom([f"{{base}}/news/{n}" for n in (3, 4)]
                                          + ["{base}/news/1?utm_source=atom&fbclid=abc"]),
                  "application/atom+xml")
        self.feed("/feeds/feed.json", json_feed(["{base}/news/5", "{base}/news/6"]),
                  "application/feed+json")
        self.feed("/feeds/relative.xml", rss(["/news/7", "news/8"]), "application/rss+xml")
        self.route("/feeds/broken.xml", Response(body=b"<rss><channel><item><title>oops</ti",
                                                 headers={"Content-Type": "application/rss+xml"}))

    def _busy_once(self) -> Callable[[dict[str, str]], Response]:
        """429 with Retry-After: 1 the first time, the story after."""
        def answer(headers: dict[str, str]) -> Response:
            if self.count("/busy") <= 1:
                return Response(status=429, headers={"Retry-After": "1"})
            return Response(body=story_html(5).encode(), headers={"Content-Type": "text/html"})
        return answer


BIG_BYTES = 50 * 1024 * 1024


def _big() -> Iterator[bytes]:
    """50 MB of HTML, made as it is sent (never stored)."""
    chunk = b"<p>" + b"filler " * 9360 + b"</p>\n"
    yield b"<!doctype html><html><body>"
    for _ in range(BIG_BYTES // len(chunk)):
        yield chunk


def rss(links: list[str], *, title: str = "Loopback World News") -> str:
    items = "".join(
        f"<item><title>Story {i}</title><link>{link}</link><guid>{link}</guid>"
        f"<pubDate>Mon, 04 Mar 2024 0{i % 10}:00:00 GMT</pubDate></item>"
        for i, link in enumerate(links))
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
            f"<title>{title}</title><link>{{base}}/</link><description>News</description>"
            f"{items}</channel></rss>")


def atom(links: list[str]) -> str:
    entries = "".join(
        f'<entry><title>Entry {i}</title><link href="{link.replace("&", "&amp;")}"/>'
        f"<id>urn:loopback:{i}</id><updated>2024-03-05T10:00:00Z</updated></entry>"
        for i, link in enumerate(links))
    return ('<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
            '<title>Loopback Atom</title><id>urn:loopback</id>'
            f"<updated>2024-03-05T10:00:00Z</updated>{entries}</feed>")


def json_feed(links: list[str]) -> str:
    return json.dumps({"version": "https://jsonfeed.org/version/1.1", "title": "Loopback JSON",
                       "items": [{"id": str(i), "url": link, "title": f"Item {i}",
                                  "date_published": "2024-03-06T08:00:00Z"}
                                 for i, link in enumerate(links)]})


def _handler(site: NewsSite) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        disable_nagle_algorithm = True  # else each answer waits 40 ms for a delayed ACK

        def log_message(self, *args: Any) -> None:  # quiet
            pass

        def do_GET(self) -> None:  # noqa: N802
            path = self.path
            headers = {k.lower(): v for k, v in self.headers.items()}
            with site.lock:
                site.hits.append(Hit(path=path, headers=headers, at=time.monotonic()))
            answer = site.routes.get(path) or site.routes.get(path.split("?")[0])
            response = answer(headers) if answer else Response(status=404, body=b"no such page")
            if response.delay:
                time.sleep(response.delay)
            try:
                self._send(response)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client stopped reading (the size limit, a timeout)

        def _send(self, response: Response) -> None:
            self.send_response(response.status)
            for k, v in response.headers.items():
                self.send_header(k, v)
            body = response.body
            if callable(body):
                if "Content-Length" not in response.headers:
                    self.send_header("Transfer-Encoding", "chunked")
                self.end_headers()
                chunked = "Content-Length" not in response.headers
                for chunk in body():
                    self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk) if chunked else chunk)
                if chunked:
                    self.wfile.write(b"0\r\n\r\n")
                return
            data = body.replace(b"{base}", site.base.encode()) if isinstance(body, bytes) else b""
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
    return Handler


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        if isinstance(sys.exc_info()[1], ConnectionError):
            return  # a client killed or gone (the SIGKILL tests): nothing to report
        super().handle_error(request, client_address)


@contextmanager
def serving(site: NewsSite | None = None) -> Iterator[NewsSite]:
    """Start the site on a free loopback port (``site.base`` is its URL), stop it after."""
    site = site or NewsSite()
    server = _Server(("127.0.0.1", 0), _handler(site))
    site.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield site
    finally:
        server.shutdown()
        server.server_close()
