"""Lists every user of the hosted-API mock with Truto's official Python SDK
(truto-python-sdk 0.1.6), as its README shows, and prints the bench's RESULT line.

Usage: python_sdk.py <base url of the mock, e.g. http://127.0.0.1:4000/t100000>
"""

import asyncio
import resource
import sys
import time

from truto_python_sdk import TrutoApi

ACCOUNT = "6f1c2a9e-1b7d-4c55-9a7e-0d3c2b1a0f99"


async def main(base_url: str) -> None:
    api = TrutoApi(token="bench-token", base_url=base_url)
    started = time.perf_counter()
    # CPU of the listing only (all threads), not of the interpreter's start and imports.
    cpu_started = time.process_time()
    users = with_remote = 0
    listing = api.unified_api.list(
        "user-directory", "users", {"integrated_account_id": ACCOUNT, "limit": 100}
    )
    async for user in listing:
        users += 1
        with_remote += "remote_data" in user
    secs = time.perf_counter() - started
    cpu = time.process_time() - cpu_started
    assert users == with_remote, "remote_data lost"
    print(f"RESULT users={users} secs={secs:.4f} rss_kb={peak_rss_kb()} cpu={cpu:.2f}")


def peak_rss_kb() -> int:
    """This process's peak RSS in KiB: `VmHWM`, as the Rust children report it.

    Not `ru_maxrss`: Linux carries it over `exec`, so a child of the bench (which holds
    the rendered pages, ~140 MB) would report the bench's peak instead of its own.
    """
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    # Without /proc: ru_maxrss, in bytes on macOS and KiB elsewhere.
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak // 1024 if sys.platform == "darwin" else peak


asyncio.run(main(sys.argv[1]))
