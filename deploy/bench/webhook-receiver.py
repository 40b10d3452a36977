#!/usr/bin/env python3
"""A fast webhook receiver on loopback for deploy/bench/webhooks.sh.

POST /ok/<name>    answers 204 at once and counts the event
POST /hang/<name>  answers 204 only after HANG seconds (an endpoint that does not answer)
GET  /stats        {"received": n, "latencies_ms": [...]} and clears the latencies

The latency of an event is its arrival here minus its occurredAt. Signatures are not checked:
the tests prove them (webhooks/WebhookDeliveryTest); here the receiver must cost next to nothing.
"""
import json
import sys
import threading
import time
from datetime import datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

HANG = float(sys.argv[2]) if len(sys.argv) > 2 else 15.0
lock = threading.Lock()
received = 0
latencies = []


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_POST(self):
        global received
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        now = time.time()
        if self.path.startswith("/hang/"):
            time.sleep(HANG)
        else:
            occurred = json.loads(body)["occurredAt"].replace("Z", "+00:00")
            with lock:
                received += 1
                latencies.append((now - datetime.fromisoformat(occurred).timestamp()) * 1000)
        self.send_response(204)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_GET(self):
        global latencies
        with lock:
            answer = json.dumps({"received": received, "latencies_ms": latencies}).encode()
            latencies = []
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(answer)))
        self.end_headers()
        self.wfile.write(answer)

    def log_message(self, *args):
        pass


ThreadingHTTPServer.daemon_threads = True
ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Handler).serve_forever()
