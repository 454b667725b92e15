"""A real two-node Ray cluster on loopback: `cleaner run --ray-address` against it.

    python benchmarks/ray_cluster.py [--mb 4] [--dir /tmp] [--keep]

Starts a head node and a second node, each its own ``ray start --block``
process (``--num-cpus 1`` each, so the tasks must spread over both), in their
own process groups; cleans a text corpus and the same pages as JSONL shards
with ``cleaner run --executor ray --ray-address 127.0.0.1:PORT``, checks that
the outputs and the audit are byte-identical to a local run and that tasks
ran on both nodes, checks the one-line error for a wrong token, and stops
the two nodes by their process groups (never ``ray stop``, which would stop
every Ray instance on the machine).

Current Ray enforces token authentication when a token exists (here
``~/.ray/auth_token``, or RAY_AUTH_TOKEN / RAY_AUTH_TOKEN_PATH): the nodes
are started with RAY_AUTH_MODE=token and the cleaner runs get no
RAY_AUTH_MODE at all, to show that cleaner finds the token the way Ray's own
tools do.  It takes ~1-2 minutes (two `ray start`s, two Ray drivers), too
slow for the CI suite: run it by hand after changing the Ray executor.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.synth import make_corpus

BIN = Path(sys.executable).parent
CLEANER = [str(BIN / "cleaner")]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_node(args: list[str], env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    out = open(log, "wb")
    return subprocess.Popen(
        [str(BIN / "ray"), "start", "--block", "--num-cpus=1", "--node-ip-address=127.0.0.1", *args],
        env=env,
        stdout=out,
        stderr=subprocess.STDOUT,
        start_new_session=True,  # its own process group: stopped by id at the end
    )


def stop_node(proc: subprocess.Popen[bytes]) -> None:
    for sig in (signal.SIGTERM, signal.SIGKILL):
        try:
            os.killpg(proc.pid, sig)
        except ProcessLookupError:
            return
        try:
            proc.wait(timeout=20)
            time.sleep(1)  # let the group's raylet and workers go
        except subprocess.TimeoutExpired:
            continue


def wait_for_nodes(address: str, env: dict[str, str], n: int, timeout: float = 120) -> None:
    code = (
        "import ray, sys; ray.init(address=sys.argv[1], logging_level='ERROR'); "
        "print(sum(1 for x in ray.nodes() if x['Alive']))"
    )
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        done = subprocess.run([sys.executable, "-c", code, address], env=env, capture_output=True, text=True)
        if done.returncode == 0 and done.stdout.strip().splitlines()[-1:] == [str(n)]:
            return
        time.sleep(2)
    raise SystemExit(f"the cluster at {address} did not show {n} nodes in {timeout:.0f}s")


def tree(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and ".cleaner" not in p.parts
    }


def as_shards(src: Path, dest: Path, per_shard: int = 40) -> None:
    """The pages of ``src`` as JSONL shards of ``per_shard`` records each."""
    pages = sorted(p for p in src.rglob("*") if p.is_file())
    dest.mkdir(parents=True)
    for k in range(0, len(pages), per_shard):
        with open(dest / f"shard-{k // per_shard:04d}.jsonl", "w", encoding="utf-8") as fh:
            for p in pages[k : k + per_shard]:
                text = p.read_bytes().decode("utf-8", "replace")
                fh.write(json.dumps({"id": p.relative_to(src).as_posix(), "text": text}, ensure_ascii=False) + "\n")


def run_cleaner(src: Path, out: Path, env: dict[str, str], *extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*CLEANER, "run", str(src), "--out", str(out), *extra], env=env, capture_output=True, text=True
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mb", type=float, default=4.0)
    ap.add_argument("--dir", default=tempfile.gettempdir())
    ap.add_argument("--keep", action="store_true")
    args = ap.parse_args(argv)
    root = Path(tempfile.mkdtemp(prefix="cleaner-ray-cluster-", dir=args.dir))
    base_env = {k: v for k, v in os.environ.items() if not k.startswith("RAY_")}
    node_env = {**base_env, "RAY_AUTH_MODE": "token"}
    if not (Path.home() / ".ray" / "auth_token").is_file():
        subprocess.run(
            [str(BIN / "ray"), "get-auth-token", "--generate"], env=base_env, capture_output=True, check=True
        )
    port = free_port()
    address = f"127.0.0.1:{port}"
    nodes: list[subprocess.Popen[bytes]] = []
    failures: list[str] = []
    try:
        make_corpus(root / "pages", args.mb, seed=7, sites=6)
        as_shards(root / "pages", root / "shards")
        started = time.perf_counter()
        # its own temp dir: the head writes its address there, not to /tmp/ray/ray_current_cluster,
        # where every later `ray.init()` on this machine would try to join this (soon stopped) cluster
        head = ["--head", f"--port={port}", "--include-dashboard=false", f"--temp-dir={root / 'ray'}"]
        nodes.append(start_node(head, node_env, root / "head.log"))
        wait_for_nodes(address, node_env, 1)
        nodes.append(start_node([f"--address={address}"], node_env, root / "node2.log"))
        wait_for_nodes(address, node_env, 2)
        print(f"cluster: 2 nodes at {address} in {time.perf_counter() - started:.0f}s", flush=True)
        for corpus in ("pages", "shards"):
            src = root / corpus
            local = run_cleaner(src, root / f"{corpus}-local", base_env, "-j", "2", "-q")
            started = time.perf_counter()
            remote = run_cleaner(src, root / f"{corpus}-ray", base_env, "--executor", "ray", "--ray-address", address)
            seconds = time.perf_counter() - started
            same = local.returncode == remote.returncode == 0 and tree(root / f"{corpus}-local") == tree(
                root / f"{corpus}-ray"
            )
            nodes_line = next((ln for ln in remote.stderr.splitlines() if "cleaner: ray:" in ln), "")
            both = "on 2 node(s)" in nodes_line
            print(f"{corpus}: exit {remote.returncode}, {seconds:.1f}s, identical to local: {same}; {nodes_line}")
            if not same:
                failures.append(
                    f"{corpus}: outputs differ or a run failed: {local.stderr[-300:]} {remote.stderr[-300:]}"
                )
            if not both:
                failures.append(f"{corpus}: tasks did not run on both nodes: {remote.stderr[-300:]}")
        for case, env, word in (
            ("wrong token", {**base_env, "RAY_AUTH_TOKEN": "0" * 32}, "RAY_AUTH_TOKEN"),
            ("RAY_AUTH_MODE=disabled", {**base_env, "RAY_AUTH_MODE": "disabled"}, "RAY_AUTH_MODE"),
        ):
            started = time.perf_counter()
            bad = run_cleaner(root / "pages", root / "bad", env, "--executor", "ray", "--ray-address", address)
            print(f"{case}: exit {bad.returncode} after {time.perf_counter() - started:.0f}s: {bad.stderr.strip()}")
            if bad.returncode != 2 or len(bad.stderr.strip().splitlines()) != 1 or word not in bad.stderr:
                failures.append(f"{case}: not a one-line error (exit 2) naming {word}")
    finally:
        for proc in reversed(nodes):
            stop_node(proc)
        if not args.keep:
            shutil.rmtree(root, ignore_errors=True)
    for failure in failures:
        print("FAILED:", failure, file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
