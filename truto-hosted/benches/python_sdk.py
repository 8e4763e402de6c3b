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
    users = with_remote = 0
    listing = api.unified_api.list(
        "user-directory", "users", {"integrated_account_id": ACCOUNT, "limit": 100}
    )
    async for user in listing:
        users += 1
        with_remote += "remote_data" in user
    secs = time.perf_counter() - started
    assert users == with_remote, "remote_data lost"
    # ru_maxrss is in KiB on Linux.
    rss_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(f"RESULT users={users} secs={secs:.4f} rss_kb={rss_kb}")


asyncio.run(main(sys.argv[1]))
