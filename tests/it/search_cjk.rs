//! `mb search` in Japanese and Chinese: words written without spaces are found by any part
//! of two or more characters, by a single character, and beside ASCII words.

use serde_json::Value;

use crate::common::TestEnvironment;

/// A Memory Bank written by a Japanese team and a Chinese team (our own words).
fn cjk_bank() -> TestEnvironment {
    let env = TestEnvironment::new();
    env.write(
        "memory-bank/activeContext.md",
        "# 現在の状況\n\n\
         ## 決定事項・考慮点\n\n\
         - 2025-09-01: バックアップは毎晩ZFSのスナップショットで取る\n\
         - 2025-09-02: ZFSの refquota を 3T に設定する\n\
         - 日本語のドキュメントを維持する\n\n\
         ## 技术决策\n\n\
         - 2025-09-03: 使用反向代理统一管理证书\n\
         - 数据库连接池大小设置为二十\n",
    );
    env
}

fn hits(env: &TestEnvironment, query: &str) -> Vec<Value> {
    let out = env.run(["search", query, "--json"]);
    assert_eq!(out.code(), Some(0), "{query}: {out}");
    out.json().as_array().unwrap().clone()
}

fn texts(env: &TestEnvironment, query: &str) -> Vec<String> {
    hits(env, query).iter().map(|h| h["text"].as_str().unwrap().to_string()).collect()
}

#[test]
fn japanese_words_are_found_inside_unspaced_text() {
    let env = cjk_bank();
    assert_eq!(texts(&env, "日本語"), ["日本語のドキュメントを維持する"]);
    // A word in the middle of a sentence, and a longer phrase.
    assert!(texts(&env, "スナップショット")[0].contains("毎晩ZFSのスナップショット"));
    assert_eq!(texts(&env, "ドキュメントを維持").len(), 1);
    // Two characters: one bigram.
    assert!(texts(&env, "毎晩").iter().all(|t| t.contains("毎晩")));
    // The highlight covers the query's characters exactly.
    let hit = &hits(&env, "日本語")[0];
    let snippet = hit["snippet"].as_str().unwrap();
    let [a, b] = [0, 1].map(|i| hit["highlights"][0][i].as_u64().unwrap() as usize);
    assert_eq!(&snippet[a..b], "日本語");
}

#[test]
fn chinese_words_are_found_and_characters_out_of_order_are_not() {
    let env = cjk_bank();
    assert_eq!(texts(&env, "反向代理"), ["2025-09-03: 使用反向代理统一管理证书"]);
    assert_eq!(texts(&env, "连接池"), ["数据库连接池大小设置为二十"]);
    // The same characters in another order are another word.
    let out = env.run(["search", "代理反向", "--json"]);
    assert_eq!(out.code(), Some(1), "{out}");
}

#[test]
fn a_single_character_finds_every_line_holding_it() {
    let env = cjk_bank();
    let found = texts(&env, "库");
    assert_eq!(found, ["数据库连接池大小设置为二十"]);
    // A character at the end of a run (no bigram starts with it).
    assert_eq!(texts(&env, "书"), ["2025-09-03: 使用反向代理统一管理证书"]);
}

#[test]
fn mixed_cjk_and_ascii() {
    let env = cjk_bank();
    assert_eq!(texts(&env, "ZFSの refquota"), ["2025-09-02: ZFSの refquota を 3T に設定する"]);
    // `ZFSの` is `zfs` then `の`: both lines that write it match, and `zfs` alone too.
    assert_eq!(texts(&env, "ZFSの").len(), 2);
    assert_eq!(texts(&env, "zfs").len(), 2);
    assert_eq!(texts(&env, "refquota 設定").len(), 1);
    // A query word glued to ASCII on both sides.
    assert_eq!(texts(&env, "3Tに設定").len(), 1);
}
