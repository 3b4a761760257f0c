//! Any bytes through the Memory Bank parser, supersession and the JSON view.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mb::kb::{self, KnowledgeBase};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let doc = kb::parse::parse_document(std::path::Path::new("memory-bank/fuzz.md"), &text);
    for (i, item) in doc.items.iter().enumerate() {
        assert!(item.span.end <= text.len());
        assert!(item.parent.is_none_or(|p| p < i));
        let _ = item.settings();
    }
    let kb = KnowledgeBase::from_documents(vec![doc]);
    let _ = kb::conflicts(&kb);
    for (doc, item) in kb.items() {
        let _ = serde_json::to_string(&kb::ItemRecord::new(&kb, doc, item));
    }
});
