//! Counting and splitting SMS texts: `sms-encoding` against `sms_splitter`
//! 0.1.9 (the only other Rust SMS splitter) and a floor that only sums the
//! bytes of the same texts.
//!
//! Workloads, built deterministically with a fixed-seed splitmix64:
//! - `mix_messages` and `mix_bytes`: the same 10,000 messages of 100–300
//!   characters (60% GSM-7 ASCII, 20% ASCII with extension characters, 20%
//!   Polish, Russian or emoji text), reported as messages/s (elements) and
//!   as bytes/s. Criterion reports one throughput per group, hence two.
//! - `ascii_1530`: one GSM-7 text of 1,530 characters (exactly 10 parts).
//! - `polish_670`: one UCS-2 Polish text of 670 characters (10 parts).
//! - `indic`: a Hindi and a Tamil text of about 300 characters, counted
//!   with all thirteen national languages allowed (`count/all-13`), with
//!   only their own (`count/own-language`) and with none
//!   (`count/none`, UCS-2).
//!
//! Functions in every group: `count/sms-encoding` (`analyze`),
//! `count/sms_splitter` (its summary mode), `split/sms-encoding`,
//! `split/sms_splitter` and `floor/byte-sum`.
//!
//! `sms_splitter` takes an owned `String`, so its timings include one copy
//! of each text per call: that is the cost of its API.

use std::hint::black_box;
use std::time::Duration;

use criterion::measurement::WallTime;
use criterion::{
    criterion_group, criterion_main, BenchmarkGroup, BenchmarkId, Criterion,
    Throughput,
};
use sms_encoding::{Encoding, Language, Segmenter};
use sms_splitter::splitter_options::SplitterOptions;
use sms_splitter::SplitSms;

const MESSAGES: usize = 10_000;
const SEED: u64 = 0x5EED_2024_0000_0001;

/// splitmix64: small, fast and deterministic.
struct Rng(u64);

impl Rng {
    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n`.
    fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    /// A number in `lo..=hi`.
    fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }

    fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[self.below(xs.len())]
    }

    /// True with probability `1/n`.
    fn one_in(&mut self, n: usize) -> bool {
        self.below(n) == 0
    }
}

/// GSM-7 basic-table words (no backtick, no extension characters).
const ASCII_WORDS: &str = "\
    Hello your order has been shipped and will arrive tomorrow \
    between 9:00 12:00 please confirm appointment at the clinic on \
    Friday call us back reply STOP to opt out code is 482913 do not \
    share it with anyone balance EUR $25.00 ref #A-17 parcel ready \
    for pickup (store 42) meeting moved Thanks shopping ACME don't \
    we'll you a new message from support agent ticket @home 100% off \
    today only \"sale\" visit site login PIN expires in 5 min see \
    soon x_y";

const PUNCTUATION: &[&str] = &[".", ",", "!", "?", ";", ":", " -", "..."];

/// Characters of the GSM-7 extension table (escape pairs: 2 septets).
const EXTENSIONS: &[&str] = &["{", "}", "[", "]", "~", "^", "|", "\\", "€"];

const POLISH_WORDS: &str = "\
    Dzień dobry zamówienie zostało wysłane przesyłka dotrze jutro \
    dziękujemy za zakupy płatność przyjęta wizyta odwołana prosimy o \
    kontakt żółć gęś źródło łódź środa każdy późno być są będzie \
    mówić złoty kod nie udostępniaj nikomu ząb ćma koń w piątek \
    świeży Szanowni Państwo termin";

const RUSSIAN_WORDS: &str = "\
    Здравствуйте ваш заказ отправлен доставка завтра спасибо за \
    покупку код подтверждения не сообщайте никому встреча перенесена \
    на пятницу баланс рублей ответьте СТОП чтобы отписаться посылка \
    готова";

const EMOJI: &str = "😀 👍🏽 🇵🇱 👨‍👩‍👧 🎉 ❤️ 🚀 😂 🙏";

/// The word lists, split once.
struct Words {
    ascii: Vec<&'static str>,
    polish: Vec<&'static str>,
    russian: Vec<&'static str>,
    emoji: Vec<&'static str>,
}

impl Words {
    fn new() -> Words {
        let split = |s: &'static str| s.split_whitespace().collect();
        Words {
            ascii: split(ASCII_WORDS),
            polish: split(POLISH_WORDS),
            russian: split(RUSSIAN_WORDS),
            emoji: split(EMOJI),
        }
    }
}

#[derive(Clone, Copy)]
enum Kind {
    Ascii,
    Extended,
    Polish,
    Russian,
    Emoji,
}

/// Appends words until the text has at least `target` characters.
fn message(rng: &mut Rng, w: &Words, kind: Kind, target: usize) -> String {
    let mut text = String::new();
    let mut chars = 0;
    while chars < target {
        let mut token = String::new();
        match kind {
            Kind::Ascii => token.push_str(rng.pick(&w.ascii)),
            Kind::Extended => {
                token.push_str(rng.pick(&w.ascii));
                if rng.one_in(5) {
                    let ext = rng.pick(EXTENSIONS);
                    if rng.one_in(2) {
                        token.insert_str(0, ext);
                    } else {
                        token.push_str(ext);
                    }
                }
            }
            Kind::Polish => token.push_str(rng.pick(&w.polish)),
            Kind::Russian => token.push_str(rng.pick(&w.russian)),
            Kind::Emoji => {
                token.push_str(rng.pick(&w.ascii));
                if rng.one_in(4) {
                    token.push(' ');
                    token.push_str(rng.pick(&w.emoji));
                }
            }
        }
        if rng.one_in(6) {
            token.push_str(rng.pick(PUNCTUATION));
        }
        if !text.is_empty() {
            text.push(' ');
            chars += 1;
        }
        chars += token.chars().count();
        text.push_str(&token);
    }
    text
}

/// The 10,000 messages of the mixed workload.
fn mixed_corpus(seg: &Segmenter) -> Vec<String> {
    let mut rng = Rng(SEED);
    let w = Words::new();
    let texts: Vec<String> = (0..MESSAGES)
        .map(|_| {
            let kind = match rng.below(15) {
                0..=8 => Kind::Ascii,
                9..=11 => Kind::Extended,
                12 => Kind::Polish,
                13 => Kind::Russian,
                _ => Kind::Emoji,
            };
            // Tokens add at most ~15 characters past the target.
            let target = rng.range(100, 285);
            message(&mut rng, &w, kind, target)
        })
        .collect();
    let (mut ucs2, mut parts) = (0, 0);
    for t in &texts {
        let n = t.chars().count();
        assert!((100..=300).contains(&n), "{n} characters: {t}");
        match seg.analyze(t) {
            Ok(a) => {
                ucs2 += usize::from(a.encoding() == Encoding::Ucs2);
                parts += a.segments();
            }
            Err(e) => panic!("setup: message needs over 10 parts ({e}): {t}"),
        }
    }
    eprintln!(
        "mix: {} messages, {} bytes, {ucs2} UCS-2, {parts} parts",
        texts.len(),
        texts.iter().map(String::len).sum::<usize>()
    );
    texts
}

/// One GSM-7 text of exactly 1,530 characters: 10 parts of 153.
fn ascii_1530(seg: &Segmenter) -> String {
    let mut rng = Rng(SEED ^ 1);
    let mut text = message(&mut rng, &Words::new(), Kind::Ascii, 1530);
    text.truncate(1530);
    let a = seg.analyze(&text).expect("setup: ascii_1530 fits");
    assert_eq!(
        (a.encoding(), a.chars(), a.units(), a.segments()),
        (Encoding::Gsm7, 1530, 1530, 10)
    );
    text
}

/// One UCS-2 Polish text of exactly 670 characters: 10 parts of 67.
fn polish_670(seg: &Segmenter) -> String {
    let mut rng = Rng(SEED ^ 2);
    let text: String = message(&mut rng, &Words::new(), Kind::Polish, 670)
        .chars()
        .take(670)
        .collect();
    let a = seg.analyze(&text).expect("setup: polish_670 fits");
    assert_eq!(
        (a.encoding(), a.chars(), a.units(), a.segments()),
        (Encoding::Ucs2, 670, 670, 10)
    );
    text
}

/// Hindi and Tamil messages of about 300 characters (2-3 parts), written
/// only with characters of their own national shift tables.
fn indic_texts() -> Vec<(Language, String)> {
    let hindi = "नमस्ते! आपका ऑर्डर 1234 भेज दिया गया है और कल तक पहुँच \
                 जाएगा। किसी भी प्रश्न के लिए हमें इस नंबर पर कॉल करें। \
                 धन्यवाद। ";
    let tamil = "வணக்கம்! உங்கள் ஆர்டர் 1234 அனுப்பப்பட்டது, நாளை வந்து \
                 சேரும். ஏதேனும் கேள்விகளுக்கு இந்த எண்ணை அழைக்கவும். \
                 நன்றி. ";
    [(Language::Hindi, hindi), (Language::Tamil, tamil)]
        .into_iter()
        .map(|(l, t)| (l, t.repeat(3)))
        .collect()
}

/// Counting Hindi and Tamil with all thirteen languages allowed, with
/// only the text's own language, and with none (UCS-2), beside the
/// byte-sum floor.
fn bench_indic(c: &mut Criterion) {
    let texts = indic_texts();
    let bytes: usize = texts.iter().map(|t| t.1.len()).sum();
    let all = Segmenter::builder()
        .national_languages(Language::ALL)
        .build()
        .unwrap();
    let own: Vec<Segmenter> = texts
        .iter()
        .map(|(l, _)| {
            Segmenter::builder().national_language(*l).build().unwrap()
        })
        .collect();
    let none = Segmenter::default();
    for (i, (l, t)) in texts.iter().enumerate() {
        let a = all.analyze(t).expect("setup: fits");
        let o = own[i].analyze(t).expect("setup: fits");
        assert_eq!(a.encoding(), Encoding::Gsm7, "setup: {l}");
        assert_eq!(a.segments(), o.segments(), "setup: {l}");
        let u = none.analyze(t).expect("setup: fits");
        eprintln!(
            "indic: {l}: {} characters, {} GSM-7 parts with its tables, {} \
             UCS-2 parts without",
            a.chars(),
            a.segments(),
            u.segments()
        );
    }
    let mut group = c.benchmark_group("indic");
    configure(&mut group);
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function(BenchmarkId::new("count", "all-13"), |b| {
        b.iter(|| {
            black_box(&texts)
                .iter()
                .map(|(_, t)| all.analyze(t).expect("fits").segments())
                .sum::<usize>()
        });
    });
    group.bench_function(BenchmarkId::new("count", "own-language"), |b| {
        b.iter(|| {
            black_box(&texts)
                .iter()
                .zip(&own)
                .map(|((_, t), seg)| seg.analyze(t).expect("fits").segments())
                .sum::<usize>()
        });
    });
    group.bench_function(BenchmarkId::new("count", "none"), |b| {
        b.iter(|| {
            black_box(&texts)
                .iter()
                .map(|(_, t)| none.analyze(t).expect("fits").segments())
                .sum::<usize>()
        });
    });
    group.bench_function(BenchmarkId::new("floor", "byte-sum"), |b| {
        b.iter(|| {
            black_box(&texts)
                .iter()
                .map(|(_, t)| t.bytes().map(u64::from).sum::<u64>())
                .sum::<u64>()
        });
    });
    group.finish();
}

/// Parts of every text, from `sms_splitter` (summary mode or not).
fn peer_parts(peer: &SplitSms, texts: &[String]) -> usize {
    texts.iter().map(|t| peer.split(t.clone()).parts.len()).sum()
}

/// Prints how many texts the two crates count differently, with examples.
fn check_agreement(seg: &Segmenter, peer: &SplitSms, texts: &[String]) {
    let mut disagree = 0;
    for t in texts {
        let ours = seg.analyze(t).expect("checked").segments();
        let theirs = peer.split(t.clone()).parts.len();
        if ours != theirs {
            disagree += 1;
            if disagree <= 3 {
                eprintln!(
                    "  disagreement: sms-encoding {ours} parts, \
                     sms_splitter {theirs}: {t:?}"
                );
            }
        }
    }
    eprintln!(
        "mix: sms-encoding and sms_splitter disagree on the part count of \
         {disagree} of {} messages",
        texts.len()
    );
}

fn bench_group(
    group: &mut BenchmarkGroup<'_, WallTime>,
    seg: &Segmenter,
    texts: &[String],
) {
    let peer_count = SplitSms::new(SplitterOptions::new(false, true));
    let peer_split = SplitSms::default();
    group.bench_function(BenchmarkId::new("count", "sms-encoding"), |b| {
        b.iter(|| {
            black_box(texts)
                .iter()
                .map(|t| seg.analyze(t).expect("fits").segments())
                .sum::<usize>()
        });
    });
    // The peer has no separate counter: its count is `split` in summary
    // mode, which leaves each part's content empty.
    group.bench_function(BenchmarkId::new("count", "sms_splitter"), |b| {
        b.iter(|| peer_parts(&peer_count, black_box(texts)));
    });
    group.bench_function(BenchmarkId::new("split", "sms-encoding"), |b| {
        b.iter(|| {
            black_box(texts)
                .iter()
                .map(|t| seg.split(t).expect("fits").parts().len())
                .sum::<usize>()
        });
    });
    group.bench_function(BenchmarkId::new("split", "sms_splitter"), |b| {
        b.iter(|| peer_parts(&peer_split, black_box(texts)));
    });
    group.bench_function(BenchmarkId::new("floor", "byte-sum"), |b| {
        b.iter(|| {
            black_box(texts)
                .iter()
                .map(|t| t.bytes().map(u64::from).sum::<u64>())
                .sum::<u64>()
        });
    });
}

fn configure(group: &mut BenchmarkGroup<'_, WallTime>) {
    group
        .sample_size(20)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3));
}

fn benches(c: &mut Criterion) {
    let seg = Segmenter::default();

    let mix = mixed_corpus(&seg);
    let mix_bytes: usize = mix.iter().map(String::len).sum();
    check_agreement(
        &seg,
        &SplitSms::new(SplitterOptions::new(false, true)),
        &mix,
    );

    let mut group = c.benchmark_group("mix_messages");
    configure(&mut group);
    group.throughput(Throughput::Elements(mix.len() as u64));
    bench_group(&mut group, &seg, &mix);
    group.finish();

    let mut group = c.benchmark_group("mix_bytes");
    configure(&mut group);
    group.throughput(Throughput::Bytes(mix_bytes as u64));
    bench_group(&mut group, &seg, &mix);
    group.finish();

    for (name, text) in
        [("ascii_1530", ascii_1530(&seg)), ("polish_670", polish_670(&seg))]
    {
        let texts = [text];
        let mut group = c.benchmark_group(name);
        configure(&mut group);
        group.throughput(Throughput::Bytes(texts[0].len() as u64));
        bench_group(&mut group, &seg, &texts);
        group.finish();
    }
}

criterion_group!(sms, benches, bench_indic);
criterion_main!(sms);
