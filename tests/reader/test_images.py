"""ImageLoader: an image's bytes from the network into the cache, and only images."""

from __future__ import annotations

from pathlib import Path

from pytest_httpserver import HTTPServer

from tui_news.core.net.limits import FetchLimits
from tui_news.core.storage import Store
from tui_news.reader.images import MAX_IMAGE_BYTES, ImageLoader

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


async def test_an_image_is_fetched_once_then_read_from_the_cache(
    tmp_path: Path, httpserver: HTTPServer
) -> None:
    httpserver.expect_request("/a.png").respond_with_data(PNG, content_type="image/png")
    with Store(tmp_path / "newsterm.db") as store:
        loader = ImageLoader(store, FetchLimits())
        url = httpserver.url_for("/a.png")
        assert await loader.load(url) == PNG
        assert await loader.load(url) == PNG
        await loader.close()
        assert store.cached_image(url) == PNG
    assert len(httpserver.log) == 1


async def test_what_is_not_an_image_or_cannot_be_had_is_none(
    tmp_path: Path, httpserver: HTTPServer
) -> None:
    httpserver.expect_request("/page").respond_with_data("<html></html>", content_type="text/html")
    httpserver.expect_request("/gone.png").respond_with_data("", status=404)
    huge = b"\x89PNG" + b"\x00" * (MAX_IMAGE_BYTES + 1)
    httpserver.expect_request("/huge.png").respond_with_data(huge, content_type="image/png")
    with Store(tmp_path / "newsterm.db") as store:
        loader = ImageLoader(store, FetchLimits())
        for path in ("/page", "/gone.png", "/huge.png"):
            assert await loader.load(httpserver.url_for(path)) is None, path
        await loader.close()
        assert store.cached_image(httpserver.url_for("/page")) is None


def test_only_the_newest_images_are_kept(tmp_path: Path) -> None:
    from tui_news.core.storage import images

    with Store(tmp_path / "newsterm.db") as store:
        for n in range(images.KEEP + 5):
            store.save_image(f"https://x.test/{n}.png", PNG, fetched=float(n))
        assert store.cached_image("https://x.test/0.png") is None
        assert store.cached_image(f"https://x.test/{images.KEEP + 4}.png") == PNG
