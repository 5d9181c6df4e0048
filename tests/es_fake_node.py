"""A fake Elasticsearch node on 127.0.0.1 for the real `elasticsearch` 8.19 client.

It speaks the wire protocol the client checks (JSON bodies, the `X-Elastic-Product` header,
NDJSON bulk) and keeps a small in-memory model of what the engine uses: indices with
aliases and `_meta`, documents written by bulk, synonym sets, the rebuild lock. Tests make it
fail the way a real cluster does: `node.on(method, path_regex, answer)` puts a canned answer
(status, body) or a callable in front of the model; `node.hang = seconds` delays every answer
(a hung cluster); `node.fail_bulk_items(n)` rejects items with a mapping error;
`node.throttle(n)` answers the next n requests with 429.

Every request is recorded in `node.requests` as (method, path, query, body).
"""

from __future__ import annotations

import json
import re
import socket
import ssl
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit


class FakeNode:
    def __init__(self, tls: tuple[str, str] | None = None, port: int = 0):
        self.requests: list[tuple[str, str, dict, object]] = []
        self.indices: dict[str, dict] = {}  # name -> {"aliases", "docs", "body", "settings"}
        self.synonym_sets: dict[str, list] = {}
        self.overrides: list[tuple[str, re.Pattern, object]] = []
        self.hang = 0.0
        self.throttled = 0
        self.failing_items = 0
        self.search_answer: dict | None = None
        self.lock = threading.Lock()
        self.server = ThreadingHTTPServer(("127.0.0.1", port), self._handler())
        self.server.daemon_threads = True
        # A client that gave up (timeout) closes the socket: not an error of the fake.
        self.server.handle_error = lambda request, address: None
        self.scheme = "http"
        if tls:  # (certificate, key): an HTTPS node like a default-secured ES 8
            context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            context.load_cert_chain(*tls)
            self.server.socket = context.wrap_socket(self.server.socket, server_side=True)
            self.scheme = "https"
        self.thread = threading.Thread(target=self.server.serve_forever, args=(0.05,), daemon=True)

    # -- control ---------------------------------------------------------------------------

    @property
    def url(self) -> str:
        return f"{self.scheme}://127.0.0.1:{self.server.server_port}"

    def start(self) -> FakeNode:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.hang = 0
        self.server.shutdown()
        self.server.server_close()

    def on(self, method: str, path: str, answer) -> None:
        self.overrides.insert(0, (method, re.compile(path), answer))

    def throttle(self, count: int) -> None:
        self.throttled = count

    def fail_bulk_items(self, count: int) -> None:
        self.failing_items = count

    def add_index(self, name: str, alias: str = "", docs: dict | None = None, meta=None) -> None:
        """An index as this code builds it (its mapping version in `_meta`); `meta={}` for
        one without."""
        if meta is None:
            from search.engines.elasticsearch import mapping_version

            meta = {"mapping_version": mapping_version()}
        body = {"mappings": {"_meta": meta}} if meta else {}
        aliases = {alias} if alias else set()
        self.indices[name] = {"aliases": aliases, "docs": docs or {}, "body": body, "settings": {}}

    def calls(self, method: str, path: str = "") -> list:
        return [r for r in self.requests if r[0] == method and re.search(path, r[1])]

    def aliased(self, alias: str) -> list[str]:
        return sorted(n for n, i in self.indices.items() if alias in i["aliases"])

    def docs(self, alias_or_index: str) -> dict:
        names = self.aliased(alias_or_index) or [alias_or_index]
        found = {}
        for name in names:
            found.update(self.indices.get(name, {}).get("docs", {}))
        return found

    # -- the model -------------------------------------------------------------------------

    def _resolve(self, target: str) -> list[str]:
        names = []
        for part in target.split(","):
            if part in self.indices:
                names.append(part)
            else:
                names += self.aliased(part)
        return names

    def answer(self, method: str, path: str, query: dict, body):
        for m, pattern, canned in self.overrides:
            if m == method and pattern.search(path):
                result = canned(method, path, query, body) if callable(canned) else canned
                if result is not None:
                    return result
        if self.throttled:
            self.throttled -= 1
            return 429, {"error": {"type": "es_rejected_execution_exception"}, "status": 429}
        parts = [p for p in path.split("/") if p]
        if not parts:
            return 200, {"version": {"number": "8.19.0"}, "tagline": "You Know, for Search"}
        if parts[0] == "_synonyms":
            self.synonym_sets[parts[1]] = (body or {}).get("synonyms_set", [])
            return 200, {"result": "updated", "reload_analyzers_details": {}}
        if parts[0] == "_alias" or (len(parts) == 2 and parts[1] == "_alias"):
            name = parts[-1]
            names = self.aliased(name)
            if not names:
                return 404, {"error": f"alias [{name}] missing", "status": 404}
            return 200, {n: {"aliases": {name: {}}} for n in names}
        if parts[0] == "_aliases":
            for action in body["actions"]:
                ((verb, spec),) = action.items()
                index = self.indices.get(spec["index"])
                if index is None:
                    return 404, {"error": {"type": "index_not_found_exception"}, "status": 404}
                if verb == "add":
                    index["aliases"].add(spec["alias"])
                else:
                    index["aliases"].discard(spec["alias"])
            return 200, {"acknowledged": True}
        if parts[0] == "_bulk" or (len(parts) == 2 and parts[1] == "_bulk"):
            return 200, self._bulk(body, parts[0] if len(parts) == 2 else None)
        name = parts[0]
        if len(parts) == 1:
            if method == "PUT":
                if name in self.indices:
                    return 400, {
                        "error": {"type": "resource_already_exists_exception"},
                        "status": 400,
                    }
                self.indices[name] = {
                    "aliases": set(body.get("aliases", {}) if body else ()),
                    "docs": {},
                    "body": body or {},
                    "settings": {},
                }
                return 200, {"acknowledged": True, "index": name}
            if method == "DELETE":
                for n in self._resolve(name):
                    self.indices.pop(n, None)
                return 200, {"acknowledged": True}
            if method == "HEAD":
                return (200 if self._resolve(name) else 404), {}
        names = self._resolve(name)
        action = parts[1]
        if not names:
            return 404, {"error": {"type": "index_not_found_exception"}, "status": 404}
        if action == "_settings":
            for n in names:
                self.indices[n]["settings"].update(body.get("settings", body))
            return 200, {"acknowledged": True}
        if action in ("_refresh", "_reload_search_analyzers"):
            return 200, {"_shards": {"total": 1, "successful": 1, "failed": 0}}
        if action == "_mapping":
            return 200, {
                n: {"mappings": self.indices[n]["body"].get("mappings", {})} for n in names
            }
        if action == "_delete_by_query":
            kind = body["query"]["term"]["kind"]
            deleted = 0
            for n in names:
                docs = self.indices[n]["docs"]
                for key in [k for k, d in docs.items() if d.get("kind") == kind]:
                    del docs[key]
                    deleted += 1
            return 200, {"deleted": deleted, "failures": []}
        if action == "_count":
            return 200, {"count": sum(len(self.indices[n]["docs"]) for n in names)}
        if action == "_search":
            if self.search_answer is not None and "per_kind" not in (body or {}).get("aggs", {}):
                return 200, self.search_answer
            return 200, self._search(names, body or {})
        return 400, {"error": f"fake node: no {method} {path}", "status": 400}

    def _bulk(self, lines: list, default_index: str | None) -> dict:
        items, errors = [], False
        i = 0
        while i < len(lines):
            ((op, meta),) = lines[i].items()
            source = lines[i + 1] if op in ("index", "create") else None
            i += 2 if source is not None else 1
            names = self._resolve(meta.get("_index") or default_index)
            result = {"_index": meta.get("_index"), "_id": meta["_id"]}
            if not names:
                result.update(status=404, error={"type": "index_not_found_exception"})
            elif self.failing_items:
                self.failing_items -= 1
                result.update(status=400, error={"type": "document_parsing_exception"})
            else:
                docs = self.indices[names[0]]["docs"]
                if op == "create" and meta["_id"] in docs:
                    result.update(status=409, error={"type": "version_conflict_engine_exception"})
                elif op == "delete":
                    found = docs.pop(meta["_id"], None)
                    result.update(status=200 if found else 404)
                else:
                    docs[meta["_id"]] = source
                    result.update(status=201)
            errors = errors or result["status"] >= 300
            items.append({op: result})
        return {"took": 1, "errors": errors, "items": items}

    def _search(self, names: list[str], body: dict) -> dict:
        docs = {}
        for n in names:
            docs.update(self.indices[n]["docs"])
        answer = {
            "took": 1,
            "timed_out": False,
            "_shards": {"total": 1, "successful": 1, "skipped": 0, "failed": 0},
            "hits": {"total": {"value": len(docs), "relation": "eq"}, "hits": []},
        }
        aggs = body.get("aggs") or body.get("aggregations") or {}
        if "per_kind" in aggs:
            counts: dict[str, int] = {}
            for doc in docs.values():
                counts[doc.get("kind")] = counts.get(doc.get("kind"), 0) + 1
            buckets = [{"key": k, "doc_count": c} for k, c in counts.items()]
            answer["aggregations"] = {"per_kind": {"buckets": buckets}}
        return answer

    # -- HTTP ------------------------------------------------------------------------------

    def _handler(self):
        node = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def setup(self):
                super().setup()
                # Headers and body are two writes: without this each answer waits ~40 ms.
                self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

            def _serve(self):
                parts = urlsplit(self.path)
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length) if length else b""
                body = None
                if raw:
                    text = raw.decode()
                    if parts.path.endswith("_bulk"):
                        body = [json.loads(line) for line in text.splitlines() if line.strip()]
                    else:
                        body = json.loads(text)
                query = {k: v[0] for k, v in parse_qs(parts.query).items()}
                with node.lock:
                    node.requests.append((self.command, parts.path, query, body))
                if node.hang:
                    time.sleep(node.hang)
                with node.lock:
                    status, answer = node.answer(self.command, parts.path, query, body)
                data = b"" if self.command == "HEAD" else json.dumps(answer).encode()
                self.send_response(status)
                self.send_header("X-Elastic-Product", "Elasticsearch")
                self.send_header("Content-Type", "application/vnd.elasticsearch+json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = _serve

        return Handler
