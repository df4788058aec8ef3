//! Memory bounds of the input-safety section, measured with a counting
//! allocator: replacement of a long text costs the replaced text and
//! nothing per replaced character; analysis and splitting of a text over
//! the part limit cost next to nothing, however long the text.

use std::sync::Mutex;

use peak_alloc::PeakAlloc;
use sms_encoding::{Language, Replacements, Segmenter};

#[global_allocator]
static ALLOCATOR: PeakAlloc = PeakAlloc;

/// Tests measure one at a time.
static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

/// Bytes allocated at the peak of `f`, beyond what was in use before.
fn peak_of<T>(f: impl FnOnce() -> T) -> (T, usize) {
    let base = ALLOCATOR.current_usage();
    ALLOCATOR.reset_peak_usage();
    let out = f();
    (out, ALLOCATOR.peak_usage() - base)
}

/// About 1 MiB of Polish text: half of its letters have a replacement.
fn polish() -> String {
    "Zażółć gęślą jaźń, źdźbło łączy się ze ściółką. ".repeat(16_000)
}

#[test]
fn replacement_costs_the_replaced_text_and_nothing_per_character() {
    let _one = ONE_AT_A_TIME.lock().unwrap();
    let text = polish();
    let seg = Segmenter::default();
    let (count, peak) = peak_of(|| {
        let r = seg.replace(&text, Replacements::ALL);
        assert!(!r.after().within_limit());
        r.replacement_count()
    });
    assert!(count > 300_000, "{count}");
    // The replaced text is shorter than the original; a 32-byte record
    // per replaced character would be 8 times the text.
    assert!(peak <= text.len() * 2, "peak {peak} for {} bytes", text.len());
}

#[test]
fn counting_and_splitting_a_text_over_the_limit_costs_next_to_nothing() {
    let _one = ONE_AT_A_TIME.lock().unwrap();
    let text = polish();
    let hindi = "आपका ऑर्डर भेज दिया गया है, धन्यवाद। ".repeat(10_000);
    let all = Segmenter::builder()
        .national_languages(Language::ALL)
        .build()
        .unwrap();
    for (seg, text) in [(Segmenter::default(), &text), (all, &hindi)] {
        let (_, peak) = peak_of(|| seg.analyze(text).unwrap_err());
        assert!(peak < 64 * 1024, "analyze: peak {peak}");
        let (_, peak) = peak_of(|| seg.split(text).unwrap_err());
        assert!(peak < 64 * 1024, "split: peak {peak}");
        let (_, peak) = peak_of(|| seg.non_gsm_chars(text).count());
        assert!(peak < 64 * 1024, "non_gsm_chars: peak {peak}");
    }
}
