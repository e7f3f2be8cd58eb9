"""workspace/diagnostic timed on the wire (a benchmark, not a test).

    python3 benches/workspace_diagnostic_raw.py SERVER_BINARY FOLDER

The same questions as workspace_diagnostic.py, with a minimal JSON-RPC client (the
standard library only): the time is from sending the request to having its response
parsed with `json.loads`, so it is the server's time plus one JSON parse, without the
typed conversion a full client library adds.
"""

import json
import os
import subprocess
import sys
import time
from pathlib import Path


class Rpc:
    def __init__(self, binary):
        self.proc = subprocess.Popen([binary, "lsp"], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        self.next_id = 0

    def send(self, message):
        body = json.dumps(message).encode()
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.proc.stdin.flush()

    def read(self):
        length = 0
        while True:
            line = self.proc.stdout.readline()
            if line in (b"\r\n", b"\n"):
                break
            if line.lower().startswith(b"content-length:"):
                length = int(line.split(b":")[1])
        return json.loads(self.proc.stdout.read(length))

    def request(self, method, params, on_message=lambda m: None):
        self.next_id += 1
        rid = self.next_id
        self.send({"jsonrpc": "2.0", "id": rid, "method": method, "params": params})
        while True:
            message = self.read()
            if message.get("id") == rid and "method" not in message:
                return message["result"]
            self.answer(message)
            on_message(message)

    def answer(self, message):
        if "method" in message and "id" in message:  # a request from the server
            self.send({"jsonrpc": "2.0", "id": message["id"], "result": None})


def cpu_seconds(pid):
    """User + system CPU time of a process so far (Linux /proc), in seconds."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def main(binary, folder):
    rpc = Rpc(binary)
    caps = {
        "window": {"workDoneProgress": True},
        "textDocument": {"diagnostic": {}},
        "workspace": {"diagnostics": {"refreshSupport": True}},
    }
    rpc.request("initialize", {"processId": None, "capabilities": caps,
                               "workspaceFolders": [{"uri": folder.as_uri(), "name": "blog"}]})
    start = time.perf_counter()
    cpu = cpu_seconds(rpc.proc.pid)
    rpc.send({"jsonrpc": "2.0", "method": "initialized", "params": {}})
    while True:
        message = rpc.read()
        rpc.answer(message)
        if message.get("method") == "$/progress" and message["params"]["value"]["kind"] == "end":
            break
    cpu = cpu_seconds(rpc.proc.pid) - cpu
    print(f"startup indexing: {(time.perf_counter() - start) * 1000:.0f} ms ({message['params']['value'].get('message')};"
          f" server CPU {cpu:.2f} s)")
    cpu = cpu_seconds(rpc.proc.pid)
    t = time.perf_counter()
    first = rpc.request("workspace/diagnostic", {"previousResultIds": []})
    took = time.perf_counter() - t
    cpu = cpu_seconds(rpc.proc.pid) - cpu
    findings = sum(len(i.get("items", [])) for i in first["items"])
    print(f"first workspace/diagnostic: {len(first['items'])} posts, {findings} findings in {took * 1000:.0f} ms"
          f" (server CPU {cpu:.2f} s)")
    previous = [{"uri": i["uri"], "value": i["resultId"]} for i in first["items"]]
    t = time.perf_counter()
    second = rpc.request("workspace/diagnostic", {"previousResultIds": previous})
    took = time.perf_counter() - t
    unchanged = sum(1 for i in second["items"] if i["kind"] == "unchanged")
    print(f"second, with result ids: {unchanged}/{len(second['items'])} unchanged in {took * 1000:.0f} ms")
    status = Path(f"/proc/{rpc.proc.pid}/status").read_text()
    rss = next(l for l in status.splitlines() if l.startswith("VmHWM")).split()[1]
    print(f"server peak RSS: {int(rss) / 1024:.0f} MB (index, cached reports of every post)")
    rpc.request("shutdown", None)
    rpc.send({"jsonrpc": "2.0", "method": "exit"})
    rpc.proc.wait(10)


if __name__ == "__main__":
    main(sys.argv[1], Path(sys.argv[2]).resolve())
