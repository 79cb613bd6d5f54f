"""The least a refresh could take: GET every feed at 16 connections, keep nothing.

Run by `refresh.py` as its "floor" rows, in a fresh interpreter like the real
command, so that start-up counts the same way. `aiohttp` is the client newsterm uses;
`sockets` is a bare HTTP/1.0 GET on asyncio streams (no HTTP library at all, no
keep-alive), the floor for any Python client. Nothing is parsed or stored. Not a test.

    python bench/floor_client.py aiohttp|sockets URLS_JSON [ETAGS_JSON]
"""

from __future__ import annotations

import asyncio
import json
import sys
from urllib.parse import urlsplit

CONCURRENCY = 16  # newsterm's default global limit


async def with_aiohttp(urls: list[str], etags: dict[str, str]) -> None:
    import aiohttp

    async with aiohttp.ClientSession() as session:
        limit = asyncio.Semaphore(CONCURRENCY)

        async def one(url: str) -> None:
            headers = {"If-None-Match": etags[url]} if url in etags else {}
            async with limit, session.get(url, headers=headers) as response:
                await response.read()

        await asyncio.gather(*(one(url) for url in urls))


async def with_sockets(urls: list[str], etags: dict[str, str]) -> None:
    limit = asyncio.Semaphore(CONCURRENCY)

    async def one(url: str) -> None:
        parts = urlsplit(url)
        condition = f"If-None-Match: {etags[url]}\r\n" if url in etags else ""
        async with limit:
            reader, writer = await asyncio.open_connection(parts.hostname, parts.port)
            writer.write(
                f"GET {parts.path} HTTP/1.0\r\nHost: {parts.netloc}\r\n{condition}\r\n".encode()
            )
            await reader.read()  # HTTP/1.0: the server closes when the body is done
            writer.close()

    await asyncio.gather(*(one(url) for url in urls))


def main() -> None:
    mode, urls_file, *rest = sys.argv[1:]
    with open(urls_file, encoding="utf-8") as handle:
        urls = json.load(handle)
    etags: dict[str, str] = {}
    if rest:
        with open(rest[0], encoding="utf-8") as handle:
            etags = json.load(handle)
    client = with_aiohttp if mode == "aiohttp" else with_sockets
    asyncio.run(client(urls, etags))


if __name__ == "__main__":
    main()
