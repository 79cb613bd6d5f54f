"""Search in every script (schema 15): Chinese, Japanese, Korean and Thai found by any
part of a run of letters, Arabic by its bare spelling, Devanagari words whole; Latin,
Greek and Cyrillic read exactly as before. Real text from the corpus where it has some."""

from __future__ import annotations

import html
import re
import sqlite3
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import CORPUS
from tests.fetches import record_fetch
from tui_news.core.feeds.parse import parse_feed
from tui_news.core.models import ParsedEntry, StoryFilter
from tui_news.core.storage import Store, search_index
from tui_news.core.storage.search_words import indexed

NOW = 1_800_000_000.0


def page_text(name: str) -> str:
    """The text of a Readability test page's expected extraction."""
    source = (CORPUS / "pages" / "readability" / name / "expected.html").read_text("utf-8")
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", source)))


CHINESE = page_text("gmw")  # 光明网: Chinese, on drinking in space
JAPANESE = page_text("yahoo-4")  # Yahoo! Japan news: kanji, kana, Latin mixed
FABLE = page_text("hukumusume")  # Aesop in Japanese, mostly kana


def store_with(tmp_path: Path, *stories: tuple[str, str]) -> Store:
    store = Store(tmp_path / "newsterm.db")
    feed = store.add_feed("https://news.test/rss")
    entries = [ParsedEntry(key=t, title=t, summary=b) for t, b in stories]
    record_fetch(store, feed.id, *entries, at=NOW)
    return store


def titled(store: Store, words: str) -> list[str]:
    return sorted(story.title for story in store.stories(StoryFilter(search=words)))


def test_chinese_and_japanese_are_found_by_any_part_of_a_run(tmp_path: Path) -> None:
    stories = [("宇航员", CHINESE), ("トレンドマイクロ", JAPANESE), ("欲張りなイヌ", FABLE)]
    with store_with(tmp_path, *stories) as store:
        # Words inside long runs: "火星" (Mars) in 去探索和殖民火星, 宇航员 mid-sentence.
        assert titled(store, "火星") == ["宇航员"]
        assert titled(store, "殖民火星") == ["宇航员"]
        assert titled(store, "宇航员") == ["宇航员"]
        assert titled(store, "鸡尾酒") == ["宇航员"]  # 'cocktail', quoted in the text
        assert titled(store, "暗号化") == ["トレンドマイクロ"]  # kanji glued to kana
        assert titled(store, "セキュリティ") == ["トレンドマイクロ"]
        assert titled(store, "東京オリンピック") == ["トレンドマイクロ"]
        assert titled(store, "肉をくわえた") == ["欲張りなイヌ"]
        assert titled(store, "イヌ") == ["欲張りなイヌ"]
        # One letter: a run's first, middle and last letters alike.
        assert titled(store, "殖") == ["宇航员"]
        assert titled(store, "吠") == ["欲張りなイヌ"]
        # What is not in a run is not found: the letters of 火星 apart, in another order.
        assert titled(store, "星火") == []
        assert titled(store, "火星 Android") == []
        assert titled(store, "Android 発売") == ["トレンドマイクロ"]
        assert titled(store, "東京オリンピック Android") == ["トレンドマイクロ"]
        assert titled(store, "Android 東京オリンピック 宇航员") == []
        # The title alone (the search of `newsterm read`'s related stories).
        assert [s.title for s in store.search_titles("マイクロ")] == ["トレンドマイクロ"]
        assert [s.title for s in store.search_titles("トレンド マイクロ")] == ["トレンドマイクロ"]
        assert store.search_titles("暗号化") == []  # in the text, not the title


def test_korean_is_found_without_its_particles(tmp_path: Path) -> None:
    stories = [
        ("서울에서 열린 정상회담", "대한민국 대통령은 서울에서 기자들을 만났다."),
        ("부산의 날씨", "부산은 오늘 맑겠습니다."),
    ]
    with store_with(tmp_path, *stories) as store:
        assert titled(store, "서울") == ["서울에서 열린 정상회담"]  # 서울에서: 'in Seoul'
        assert titled(store, "정상회담") == ["서울에서 열린 정상회담"]
        assert titled(store, "회담") == ["서울에서 열린 정상회담"]  # the end of a compound
        assert titled(store, "민국") == ["서울에서 열린 정상회담"]
        assert titled(store, "부산") == ["부산의 날씨"]
        assert titled(store, "날씨") == ["부산의 날씨"]
        assert titled(store, "서울 날씨") == []


def test_thai_is_found_inside_a_sentence(tmp_path: Path) -> None:
    stories = [("ข่าววันนี้", "รัฐบาลไทยประกาศมาตรการใหม่วันนี้"), ("Other", "news")]
    with store_with(tmp_path, *stories) as store:
        assert titled(store, "รัฐบาล") == ["ข่าววันนี้"]  # 'government'
        assert titled(store, "มาตรการ") == ["ข่าววันนี้"]  # 'measures'
        assert titled(store, "ไทย") == ["ข่าววันนี้"]


def test_arabic_is_found_by_its_bare_spelling(tmp_path: Path) -> None:
    """The basmala, written with its vowel marks (and a superscript alef), is found as
    the words are usually written; and the marks a searcher types are left out too."""
    stories = [
        ("بِسْمِ اللَّهِ الرَّحْمَٰنِ الرَّحِيمِ", "نص"),
        ("إسرائيل وفلسطين", "أخبار"),
        ("Other", "news"),
    ]
    with store_with(tmp_path, *stories) as store:
        assert titled(store, "الرحمن") == [stories[0][0]]
        assert titled(store, "الرحيم") == [stories[0][0]]
        assert titled(store, "الرَّحِيمِ") == [stories[0][0]]
        assert titled(store, "بسم الله") == [stories[0][0]]
        # The hamza on an alef is often left out when typed.
        assert titled(store, "اسرائيل") == [stories[1][0]]
        assert titled(store, "اخبار") == [stories[1][0]]
        assert titled(store, "الرحمان") == []


def test_urdu_from_a_real_feed_is_found_with_and_without_its_marks(tmp_path: Path) -> None:
    """BBC Urdu writes the izafat's kasra (وزیرِ خارجہ, 'foreign minister') and the
    superscript alef (اعلیٰ, 'high') in some words."""
    body = (CORPUS / "feeds-real" / "bbc_urdu__miniflux.xml").read_bytes()
    parsed = parse_feed(body, url="https://www.bbc.com/urdu/index.xml")
    with Store(tmp_path / "newsterm.db") as store:
        feed = store.add_feed("https://www.bbc.com/urdu/index.xml")
        record_fetch(store, feed.id, *parsed.entries, at=NOW)

        def found(words: str) -> set[str]:
            return {s.title for s in store.stories(StoryFilter(search=words))}

        minister = {e.title for e in parsed.entries if "وزیرِ" in e.title + (e.summary or "")}
        assert minister and found("وزیر خارجہ") >= minister
        assert found("وزیرِ خارجہ") == found("وزیر خارجہ")
        high = {e.title for e in parsed.entries if "اعلیٰ" in e.title + (e.summary or "")}
        assert high and found("اعلی") == high


def test_devanagari_words_are_whole(tmp_path: Path) -> None:
    """Language names from a Wikipedia page of the corpus. Vowel signs parted these
    words into consonants: "पालि" (Pali) was प, ल and found "नेपाली" too."""
    names = ["हिन्दी", "मैथिली", "मराठी", "भोजपुरी", "नेपाली", "नेपाल भाषा", "पालि", "संस्कृतम्"]
    source = (CORPUS / "pages" / "readability" / "wikipedia-2" / "source.html").read_text()
    assert all(name in source for name in names)
    with store_with(tmp_path, *((name, "") for name in names)) as store:
        assert titled(store, "पालि") == ["पालि"]
        assert titled(store, "नेपाल") == ["नेपाल भाषा", "नेपाली"]  # a prefix
        assert titled(store, "हिन्दी") == ["हिन्दी"]
        assert titled(store, "हिन्दू") == []  # Hindu, not Hindi
        assert titled(store, "संस्कृत") == ["संस्कृतम्"]
        assert titled(store, "मराठी") == ["मराठी"]


def test_a_search_typed_with_separate_marks_finds_what_its_composed_form_does(
    tmp_path: Path,
) -> None:
    """A Vietnamese keyboard on Windows, a paste from macOS file names, some web pages:
    the same words with their marks as separate characters (NFD). The index reads them
    either way; a search so typed was parted at its marks ("Vie", "t") and found nothing."""
    stories = [
        ("Bầu cử ở Việt Nam", "Cuộc bầu cử Quốc hội"),
        ("Élection présidentielle", "Le second tour à Paris"),
        ("Ἀθῆναι σήμερα", "Νέα"),
        ("東京とHà Nội", "会議"),
    ]
    with store_with(tmp_path, *stories) as store:
        for words in ["Việt Nam", "présidentielle", "Ἀθῆναι", "Hà Nội 東京", "Bầu cử"]:
            composed = unicodedata.normalize("NFC", words)
            decomposed = unicodedata.normalize("NFD", words)
            assert decomposed != composed
            assert titled(store, composed), words
            assert titled(store, decomposed) == titled(store, composed), words


def test_an_articles_text_stays_when_its_story_changes(tmp_path: Path) -> None:
    with store_with(tmp_path, ("初めの題", "短い要約")) as store:
        (story_id,) = store.story_ids()
        store.index_article_text(story_id, CHINESE)
        assert titled(store, "殖民火星") == ["初めの題"]
        entry = ParsedEntry(key="初めの題", title="新しい題", summary="短い要約")
        record_fetch(store, 1, entry, at=NOW + 60)
        assert titled(store, "殖民火星") == titled(store, "新しい") == ["新しい題"]
        assert titled(store, "初め") == []


LATIN_SAMPLES = [
    "Élection à Hà Nội: Việt Nam, Tết",
    "naïve façade, Straße, ÆØÅ, İstanbul",
    "Ελληνικά νέα σήμερα, Россия и Україна, Հայաստան",
    "e\u0301lection a\u0305b q\u0303x \u20dd circled",
    "“Quoted” — dashes… and emoji 🎉",
]


@pytest.mark.parametrize("text", LATIN_SAMPLES)
def test_latin_greek_and_cyrillic_are_indexed_as_before(text: str) -> None:
    assert indexed(text) == text


def test_the_tokenizer_parts_latin_greek_and_cyrillic_words_as_before() -> None:
    """Every character below Hebrew, and every mark of no script in particular, between
    two letters: the same words with schema 15's tokenizer as with schema 13's."""
    conn = sqlite3.connect(":memory:")
    for name, tokenize in (("old", search_index.DIACRITICS), ("new", search_index.TOKENIZE)):
        conn.execute(f'CREATE VIRTUAL TABLE {name} USING fts5(x, tokenize = "{tokenize}")')
        conn.execute(f"CREATE VIRTUAL TABLE {name}_words USING fts5vocab({name}, 'instance')")
    codes = [*range(0x80, 0x590), *range(0x1AB0, 0x1B00), *range(0x1DC0, 0x1E00)]
    codes += [*range(0x20D0, 0x2100), *range(0xFE20, 0xFE30)]
    texts = [f"ab{chr(code)}cd" for code in codes]
    for name in ("old", "new"):
        conn.executemany(f"INSERT INTO {name} (rowid, x) VALUES (?, ?)", enumerate(texts))
    words = {
        name: conn.execute(
            f"SELECT doc, group_concat(term, ' ') FROM "
            f"(SELECT doc, term FROM {name}_words ORDER BY doc, offset) GROUP BY doc"
        ).fetchall()
        for name in ("old", "new")
    }
    assert words["new"] == words["old"]


MIXED = [
    ("東京都で地震", "震度5の揺れ"),
    ("서울에서 열린 정상회담", "대통령"),
    ("بِسْمِ اللَّهِ الرَّحْمَٰنِ الرَّحِيمِ", "نص"),
    ("पालि", ""),
    ("नेपाली", ""),
    ("Harbour news", "Élection à Hà Nội"),
]
OLD = f"tokenize = '{search_index.DIACRITICS}', prefix = '3'"


def schema13_cache(tmp_path: Path, state: str) -> Path:
    """A cache as schema 13 left it: its index of the stories' words as they are, whole,
    still being filled (its own rebuild under way) or with the old one not yet dropped."""
    path = tmp_path / "newsterm.db"
    store_with(tmp_path, *MIXED).close()
    conn = sqlite3.connect(path, isolation_level=None)
    # The first story's article text ('astronauts go to Mars'), as the reader indexed it.
    words = (
        f"SELECT id, title, CASE title WHEN '{MIXED[0][0]}' THEN '宇宙飛行士が火星へ行く' "
        "ELSE title || ' ' || summary END FROM stories"
    )
    conn.executescript(f"""
        DROP TABLE story_search;
        CREATE VIRTUAL TABLE story_search USING fts5(title, body, {OLD});
        INSERT INTO story_search (rowid, title, body) {words};
        PRAGMA user_version = 13;
    """)
    if state == "filling":
        conn.executescript(f"""
            CREATE VIRTUAL TABLE story_search_next USING fts5(title, body, {OLD});
            INSERT INTO story_search_next (rowid, title, body) {words} WHERE id = 1;
            INSERT INTO meta (key, value) VALUES ('{search_index.FILLED}', '1');
        """)
    elif state == "retiring":
        conn.executescript(f"""
            CREATE VIRTUAL TABLE story_search_old USING fts5(title, body, {OLD});
            INSERT INTO story_search_old (rowid, title, body) {words};
        """)
    conn.close()
    return path


@pytest.mark.parametrize("state", ["whole", "filling", "retiring"])
def test_a_schema_13_cache_searches_every_script_once_rebuilt(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, state: str
) -> None:
    path = schema13_cache(tmp_path, state)
    monkeypatch.setattr(search_index, "AT_MIGRATION", 1)  # the rest comes in batches
    with Store(path) as store:
        assert store.search_index_filling() and not search_index.reads_scripts(store.conn)
        # Meanwhile the old index answers as it did: Latin words, a run's beginning.
        assert titled(store, "harb") == titled(store, "election") == ["Harbour news"]
        assert titled(store, "東京都") == ["東京都で地震"]
        assert titled(store, "서울에서") == ["서울에서 열린 정상회담"]
        # Stored, changed and given its article's text meanwhile: found after.
        record_fetch(store, 1, ParsedEntry(key="new", title="大阪で大雨"), at=NOW)
        record_fetch(store, 1, ParsedEntry(key=MIXED[0][0], title="東京都で地震 続報"), at=NOW)
        (seoul,) = [s.id for s in store.stories() if s.title == MIXED[1][0]]
        store.index_article_text(seoul, "釜山港에서 배가 출발했다")
        while not store.fill_search_index(2):
            pass
        assert search_index.reads_scripts(store.conn)
        assert titled(store, "京都") == titled(store, "火星") == ["東京都で地震 続報"]
        assert titled(store, "大雨") == ["大阪で大雨"]
        assert titled(store, "대통령") == []  # its text is the article's now
        assert titled(store, "출발") == titled(store, "釜山") == ["서울에서 열린 정상회담"]
        assert titled(store, "الرحمن") == [MIXED[2][0]]
        assert titled(store, "पालि") == ["पालि"]
        assert titled(store, "harb") == titled(store, "ha noi") == ["Harbour news"]
        indexed_ids = [row[0] for row in store.conn.execute("SELECT rowid FROM story_search")]
        assert sorted(indexed_ids) == sorted(store.story_ids())
        tables = {row[0] for row in store.conn.execute("SELECT name FROM sqlite_schema")}
        assert not {search_index.NEXT, search_index.RETIRED} & tables
        assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_a_new_cache_searches_every_script_from_the_start(tmp_path: Path) -> None:
    with store_with(tmp_path, *MIXED) as store:
        assert not store.search_index_filling() and search_index.reads_scripts(store.conn)
        assert titled(store, "地震") == ["東京都で地震"]


def test_any_search_is_a_query_fts5_takes(tmp_path: Path) -> None:
    with store_with(tmp_path, *MIXED) as store:

        @settings(max_examples=300, deadline=None)
        @given(st.text(max_size=12))
        def search(words: str) -> None:
            store.stories(StoryFilter(search=words))
            store.search_titles(words)

        search()
