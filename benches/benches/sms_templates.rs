//! Rendering personalised SMS: `sms-templates` against the general template
//! engines a host might pick instead (minijinja, tera, handlebars, upon,
//! tinytemplate) and a floor that pushes pre-split literal pieces and the
//! recipient's fields into a `String`.
//!
//! Workloads, with 1,000 distinct recipients built deterministically (a
//! fixed-seed splitmix64 over Polish names, addresses and cases):
//! - `a`: a Polish message of about 160 characters with 5 placeholders, on
//!   the standard catalog (10 fields).
//! - `b`: a Polish message of about 600 characters with 20 placeholders, on
//!   a catalog of 20 fields (contact, case, user and company).
//!
//! Each recipient is a `#[derive(Serialize)]` struct, and every render time
//! includes turning it into what the engine takes: for ours, filling
//! `Values` from the struct (slots resolved once, before timing, as a host
//! does at startup); for the peers, their serde context (minijinja
//! `Serde(&r)`, tera `Context::from_serialize`, handlebars, upon and
//! tinytemplate `render(&r)`). Every field of the record is passed, used by
//! the template or not, as a host passes its record. Peers use their own
//! syntax for the same text, with HTML escaping off (SMS is plain text),
//! and are called through a boxed closure (one indirect call per render).
//!
//! Groups:
//! - `compile_a`, `compile_b`: ours `Template::compile` (parsing and
//!   resolving every variable against the catalog); each peer's parse and
//!   compile into a reused engine where it keeps templates by name.
//! - `render_a`, `render_b`: one recipient, cycling through the 1,000, into
//!   a new `String`. `ours/render_to`: a new `Values` and a new
//!   `String::with_capacity`, as a host sending one message does;
//!   `ours/render`: the same with provenance (`Rendered`). Peers return
//!   their own new `String`.
//! - `bulk_a`, `bulk_b`: all 1,000 recipients. `ours/render_to_loop`: one
//!   `Values` reused through `clear()` and one `String` reused;
//!   `ours/render_batch`: a `Values` per recipient, then `render_batch`
//!   (texts with provenance, each its own `Result`); peers in a loop, a new
//!   `String` each (their API); the floor into one reused `String`.
//!
//! Before timing, every engine and the floor must give ours's text for
//! every recipient of each workload (titles with `&`, `"` and `<` among
//! them), or the benchmark panics: the comparison is of the same output.

use std::hint::black_box;
use std::time::Duration;

use criterion::measurement::WallTime;
use criterion::{
    criterion_group, criterion_main, BenchmarkGroup, Criterion, Throughput,
};
use handlebars::Handlebars;
use minijinja::value::Serde;
use minijinja::Environment;
use serde::Serialize;
use sms_templates::{Catalog, Field, NoLinks, Scope, Slot, Template, Values};
use tera::{Context, Tera};
use tinytemplate::TinyTemplate;

const RECIPIENTS: usize = 1000;
/// Recipients checked against ours before timing: all of them.
const CHECKED: usize = RECIPIENTS;
const SEED: u64 = 0x5EED_2026_0000_0003;

/// Workload `a`: 5 placeholders on the standard catalog.
const BODY_A: &str = "Dzień dobry {{contact.first_name}} \
{{contact.last_name}}! Zgłoszenie {{case.number}} ({{case.status}}) \
obsługuje {{user.first_name}}. Odpowiedz na tę wiadomość SMS, jeśli masz \
jeszcze jakieś pytania. Dziękujemy!";

/// Workload `b`: 20 placeholders, every field of `RecipientB` once.
const BODY_B: &str = "Dzień dobry {{contact.first_name}} \
{{contact.last_name}},\ninformujemy, że zgłoszenie nr {{case.number}} \
„{{case.title}}” ma obecnie status: {{case.status}} (priorytet \
{{case.priority}}). Przyjęliśmy je {{case.opened_on}} przez \
{{case.channel}}, a planowany termin rozwiązania to {{case.due_on}}. \
Technik odwiedzi Państwa pod adresem {{contact.address}}, \
{{contact.postal_code}} {{contact.city}}. Przed wizytą zadzwoni na numer \
{{contact.phone}}, a potwierdzenie wyślemy na adres {{contact.email}}. \
Sprawę prowadzi {{user.first_name}} {{user.last_name}} z zespołu \
{{user.team}}, tel. {{user.phone}}. W razie pytań prosimy o kontakt z \
infolinią {{company.name}}: {{company.hotline}}. Dziękujemy za \
cierpliwość!";

// The recipients, as a host's records.

#[derive(Debug, Serialize)]
struct ContactA {
    first_name: String,
    last_name: String,
    address: String,
    phone: String,
}

#[derive(Debug, Serialize)]
struct CaseA {
    number: String,
    title: String,
    status: String,
}

#[derive(Debug, Serialize)]
struct UserA {
    first_name: String,
    last_name: String,
    phone: String,
}

/// A recipient of workload `a`: the fields of the standard catalog.
#[derive(Debug, Serialize)]
struct RecipientA {
    contact: ContactA,
    case: CaseA,
    user: UserA,
}

#[derive(Debug, Serialize)]
struct ContactB {
    first_name: String,
    last_name: String,
    address: String,
    postal_code: String,
    city: String,
    phone: String,
    email: String,
}

#[derive(Debug, Serialize)]
struct CaseB {
    number: String,
    title: String,
    status: String,
    priority: String,
    opened_on: String,
    due_on: String,
    channel: String,
}

#[derive(Debug, Serialize)]
struct UserB {
    first_name: String,
    last_name: String,
    phone: String,
    team: String,
}

#[derive(Debug, Serialize)]
struct Company {
    name: String,
    hotline: String,
}

/// A recipient of workload `b`: 20 fields.
#[derive(Debug, Serialize)]
struct RecipientB {
    contact: ContactB,
    case: CaseB,
    user: UserB,
    company: Company,
}

/// What the benchmark needs of a record.
trait Record: Serialize + sms_templates::Record {
    /// `(scope, field, max_chars)` of every field, in catalog order.
    const FIELDS: &'static [(&'static str, &'static str, usize)];

    /// Sets every field (slots in `FIELDS` order), as a host does.
    fn fill<'r>(&'r self, slots: &[Slot], values: &mut Values<'r>);

    /// The floor: the template's literal pieces and fields, in order,
    /// written by hand.
    fn floor(&self, lits: &[&str], out: &mut String);
}

/// The host's struct read in place through `sms_templates::Record`:
/// slots are in `FIELDS` order, and every scope is present.
impl sms_templates::Record for RecipientA {
    fn value(&self, slot: Slot) -> Option<&str> {
        let (c, k, u) = (&self.contact, &self.case, &self.user);
        Some(match slot.index() {
            0 => &c.first_name,
            1 => &c.last_name,
            2 => &c.address,
            3 => &c.phone,
            4 => &k.number,
            5 => &k.title,
            6 => &k.status,
            7 => &u.first_name,
            8 => &u.last_name,
            9 => &u.phone,
            _ => return None,
        })
    }

    fn has_scope(&self, _: usize) -> bool {
        true
    }
}

impl sms_templates::Record for RecipientB {
    fn value(&self, slot: Slot) -> Option<&str> {
        let (c, k, u, f) =
            (&self.contact, &self.case, &self.user, &self.company);
        Some(match slot.index() {
            0 => &c.first_name,
            1 => &c.last_name,
            2 => &c.address,
            3 => &c.postal_code,
            4 => &c.city,
            5 => &c.phone,
            6 => &c.email,
            7 => &k.number,
            8 => &k.title,
            9 => &k.status,
            10 => &k.priority,
            11 => &k.opened_on,
            12 => &k.due_on,
            13 => &k.channel,
            14 => &u.first_name,
            15 => &u.last_name,
            16 => &u.phone,
            17 => &u.team,
            18 => &f.name,
            19 => &f.hotline,
            _ => return None,
        })
    }

    fn has_scope(&self, _: usize) -> bool {
        true
    }
}

impl Record for RecipientA {
    const FIELDS: &'static [(&'static str, &'static str, usize)] = &[
        ("contact", "first_name", 50),
        ("contact", "last_name", 80),
        ("contact", "address", 200),
        ("contact", "phone", 20),
        ("case", "number", 30),
        ("case", "title", 200),
        ("case", "status", 40),
        ("user", "first_name", 50),
        ("user", "last_name", 80),
        ("user", "phone", 20),
    ];

    fn fill<'r>(&'r self, slots: &[Slot], values: &mut Values<'r>) {
        let (c, k, u) = (&self.contact, &self.case, &self.user);
        let fields = [
            &c.first_name,
            &c.last_name,
            &c.address,
            &c.phone,
            &k.number,
            &k.title,
            &k.status,
            &u.first_name,
            &u.last_name,
            &u.phone,
        ];
        for (&slot, value) in slots.iter().zip(fields) {
            values.set(slot, value);
        }
    }

    fn floor(&self, lits: &[&str], out: &mut String) {
        out.push_str(lits[0]);
        out.push_str(&self.contact.first_name);
        out.push_str(lits[1]);
        out.push_str(&self.contact.last_name);
        out.push_str(lits[2]);
        out.push_str(&self.case.number);
        out.push_str(lits[3]);
        out.push_str(&self.case.status);
        out.push_str(lits[4]);
        out.push_str(&self.user.first_name);
        out.push_str(lits[5]);
    }
}

impl Record for RecipientB {
    const FIELDS: &'static [(&'static str, &'static str, usize)] = &[
        ("contact", "first_name", 50),
        ("contact", "last_name", 80),
        ("contact", "address", 200),
        ("contact", "postal_code", 10),
        ("contact", "city", 60),
        ("contact", "phone", 20),
        ("contact", "email", 100),
        ("case", "number", 30),
        ("case", "title", 200),
        ("case", "status", 40),
        ("case", "priority", 20),
        ("case", "opened_on", 10),
        ("case", "due_on", 10),
        ("case", "channel", 30),
        ("user", "first_name", 50),
        ("user", "last_name", 80),
        ("user", "phone", 20),
        ("user", "team", 60),
        ("company", "name", 60),
        ("company", "hotline", 20),
    ];

    fn fill<'r>(&'r self, slots: &[Slot], values: &mut Values<'r>) {
        let (c, k, u, f) =
            (&self.contact, &self.case, &self.user, &self.company);
        let fields = [
            &c.first_name,
            &c.last_name,
            &c.address,
            &c.postal_code,
            &c.city,
            &c.phone,
            &c.email,
            &k.number,
            &k.title,
            &k.status,
            &k.priority,
            &k.opened_on,
            &k.due_on,
            &k.channel,
            &u.first_name,
            &u.last_name,
            &u.phone,
            &u.team,
            &f.name,
            &f.hotline,
        ];
        for (&slot, value) in slots.iter().zip(fields) {
            values.set(slot, value);
        }
    }

    fn floor(&self, lits: &[&str], out: &mut String) {
        let (c, k, u, f) =
            (&self.contact, &self.case, &self.user, &self.company);
        let fields = [
            &c.first_name,
            &c.last_name,
            &k.number,
            &k.title,
            &k.status,
            &k.priority,
            &k.opened_on,
            &k.channel,
            &k.due_on,
            &c.address,
            &c.postal_code,
            &c.city,
            &c.phone,
            &c.email,
            &u.first_name,
            &u.last_name,
            &u.team,
            &u.phone,
            &f.name,
            &f.hotline,
        ];
        for (lit, field) in lits.iter().zip(fields) {
            out.push_str(lit);
            out.push_str(field);
        }
        out.push_str(lits[fields.len()]);
    }
}

// Deterministic data.

const FIRST: [&str; 16] = [
    "Anna",
    "Małgorzata",
    "Łukasz",
    "Zofia",
    "Piotr",
    "Katarzyna",
    "Grzegorz",
    "Agnieszka",
    "Paweł",
    "Żaneta",
    "Michał",
    "Ewa",
    "Jędrzej",
    "Joanna",
    "Bartłomiej",
    "Jadwiga",
];
const LAST: [&str; 16] = [
    "Nowak",
    "Kowalska",
    "Wiśniewski",
    "Wójcik",
    "Kamińska",
    "Lewandowski",
    "Zieliński",
    "Szymańska",
    "Woźniak",
    "Dąbrowski",
    "Kozłowska",
    "Jankowski",
    "Mazur",
    "Krawczyk",
    "Piotrowska",
    "Grabowski",
];
const STREETS: [&str; 8] = [
    "ul. Marszałkowska",
    "ul. Piotrkowska",
    "al. Jerozolimskie",
    "ul. Długa",
    "ul. Świętojańska",
    "ul. Floriańska",
    "ul. Żeromskiego",
    "os. Słoneczne",
];
const CITIES: [(&str, &str); 8] = [
    ("Warszawa", "00-"),
    ("Kraków", "30-"),
    ("Łódź", "90-"),
    ("Wrocław", "50-"),
    ("Poznań", "60-"),
    ("Gdańsk", "80-"),
    ("Szczecin", "70-"),
    ("Lublin", "20-"),
];
const STATUSES: [&str; 5] =
    ["nowe", "w toku", "oczekuje na klienta", "rozwiązane", "eskalowane"];
/// One has `&`, `"` and `<`: with escaping left on, an engine would
/// change the text and fail the check.
const TITLES: [&str; 6] = [
    "Brak dostawy zamówienia",
    "Reklamacja: faktura & korekta",
    "Zmiana adresu dostawy",
    "Awaria routera \"Fala <5G>\"",
    "Zwrot towaru",
    "Przeniesienie numeru",
];
const PRIORITIES: [&str; 4] = ["niski", "normalny", "wysoki", "pilny"];
const CHANNELS: [&str; 4] =
    ["telefon", "e-mail", "czat na stronie", "formularz w aplikacji"];
const TEAMS: [&str; 4] =
    ["Obsługa Klienta", "Wsparcie Techniczne", "Reklamacje", "Windykacja"];
const COMPANIES: [&str; 3] = ["Fala Telekom", "Energa Serwis", "PolNet"];

fn splitmix(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

fn pick<T: Copy>(rng: &mut u64, items: &[T]) -> T {
    items[(splitmix(rng) % items.len() as u64) as usize]
}

fn phone(rng: &mut u64) -> String {
    let n = splitmix(rng) % 100_000_000;
    format!("+48 5{:02} {:03} {:03}", n / 1_000_000, n / 1000 % 1000, n % 1000)
}

/// Recipient `i` of workload `b`; workload `a` keeps its standard fields
/// (`From<RecipientB>`).
fn recipient_b(i: usize) -> RecipientB {
    let mut rng = SEED ^ (i as u64).wrapping_mul(0x2545_F491_4F6C_DD1D);
    let (city, postal) = pick(&mut rng, &CITIES);
    let day = 1 + splitmix(&mut rng) % 20;
    RecipientB {
        contact: ContactB {
            first_name: pick(&mut rng, &FIRST).to_string(),
            last_name: pick(&mut rng, &LAST).to_string(),
            address: format!(
                "{} {}/{}",
                pick(&mut rng, &STREETS),
                1 + splitmix(&mut rng) % 150,
                1 + splitmix(&mut rng) % 40
            ),
            postal_code: format!("{postal}{:03}", splitmix(&mut rng) % 1000),
            city: city.to_string(),
            phone: phone(&mut rng),
            email: format!("klient.{}@poczta.example.pl", 100_000 + i * 7),
        },
        case: CaseB {
            number: format!("Z/2026/{:05}", 10_007 + i * 13),
            title: pick(&mut rng, &TITLES).to_string(),
            status: pick(&mut rng, &STATUSES).to_string(),
            priority: pick(&mut rng, &PRIORITIES).to_string(),
            opened_on: format!("2026-11-{day:02}"),
            due_on: format!("2026-11-{:02}", day + 3 + splitmix(&mut rng) % 7),
            channel: pick(&mut rng, &CHANNELS).to_string(),
        },
        user: UserB {
            first_name: pick(&mut rng, &FIRST).to_string(),
            last_name: pick(&mut rng, &LAST).to_string(),
            phone: phone(&mut rng),
            team: pick(&mut rng, &TEAMS).to_string(),
        },
        company: Company {
            name: pick(&mut rng, &COMPANIES).to_string(),
            hotline: "801 100 200".to_string(),
        },
    }
}

impl From<RecipientB> for RecipientA {
    fn from(b: RecipientB) -> RecipientA {
        RecipientA {
            contact: ContactA {
                first_name: b.contact.first_name,
                last_name: b.contact.last_name,
                address: b.contact.address,
                phone: b.contact.phone,
            },
            case: CaseA {
                number: b.case.number,
                title: b.case.title,
                status: b.case.status,
            },
            user: UserA {
                first_name: b.user.first_name,
                last_name: b.user.last_name,
                phone: b.user.phone,
            },
        }
    }
}

/// The catalog of `R::FIELDS`, scopes in order of first appearance.
fn catalog_of<R: Record>() -> Catalog {
    let mut scopes: Vec<Scope> = Vec::new();
    for &(scope, field, max) in R::FIELDS {
        if scopes.last().is_none_or(|s| s.name != scope) {
            scopes.push(Scope::new(scope, Vec::new()));
        }
        let fields = &mut scopes.last_mut().expect("just pushed").fields;
        fields.push(Field::new(field).with_max_chars(max));
    }
    Catalog::new(scopes)
}

/// `body` with each `{{scope.field}}` written as `open scope.field close`.
fn convert(body: &str, open: &str, close: &str) -> String {
    let mut out = String::with_capacity(body.len());
    let mut rest = body;
    while let Some(i) = rest.find("{{") {
        let j = i + rest[i..].find("}}").expect("closed placeholder");
        out.push_str(&rest[..i]);
        out.push_str(open);
        out.push_str(rest[i + 2..j].trim());
        out.push_str(close);
        rest = &rest[j + 2..];
    }
    out.push_str(rest);
    out
}

/// The literal pieces around the placeholders (one more than them).
fn literals(body: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = body;
    while let Some(i) = rest.find("{{") {
        out.push(&rest[..i]);
        let j = i + rest[i..].find("}}").expect("closed placeholder");
        rest = &rest[j + 2..];
    }
    out.push(rest);
    out
}

fn configure(group: &mut BenchmarkGroup<'_, WallTime>, n: usize) {
    group
        .sample_size(20)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(2))
        .throughput(Throughput::Elements(n as u64));
}

/// A peer: its name and its render of one recipient.
type Peer<'e, R> = (&'static str, Box<dyn Fn(&R) -> String + 'e>);

/// Compiles, checks and measures one workload.
fn workload<R: Record + From<RecipientB>>(
    c: &mut Criterion,
    name: &str,
    catalog: &Catalog,
    body: &str,
) {
    let recipients: Vec<R> =
        (0..RECIPIENTS).map(|i| R::from(recipient_b(i))).collect();
    assert_eq!(*catalog, catalog_of::<R>(), "FIELDS is the catalog");
    let slots: Vec<Slot> = R::FIELDS
        .iter()
        .map(|&(s, f, _)| catalog.slot(s, f).expect("field in catalog"))
        .collect();
    let template = Template::new(name, body);
    let ours = template.compile(catalog).expect("ours compiles");
    let lits = literals(body);
    let cap = 2 * body.len();

    let jinja = convert(body, "{{ ", " }}");
    let tiny = convert(body, "{", "}");

    let env = Environment::new();
    let mj = env.template_from_str(&jinja).expect("minijinja compiles");
    let mut tera = Tera::default();
    tera.autoescape_on(vec![]);
    tera.add_raw_template("t", &jinja).expect("tera compiles");
    let mut hb = Handlebars::new();
    hb.register_escape_fn(handlebars::no_escape);
    hb.register_template_string("t", &jinja).expect("handlebars compiles");
    let engine = upon::Engine::new();
    let up = engine.compile(jinja.as_str()).expect("upon compiles");
    let mut tt = TinyTemplate::new();
    tt.set_default_formatter(&tinytemplate::format_unescaped);
    tt.add_template("t", &tiny).expect("tinytemplate compiles");

    let peers: Vec<Peer<'_, R>> = vec![
        ("minijinja", Box::new(|r| mj.render(Serde(r)).expect("minijinja"))),
        (
            "tera",
            Box::new(|r| {
                let ctx = Context::from_serialize(r).expect("tera context");
                tera.render("t", &ctx).expect("tera")
            }),
        ),
        ("handlebars", Box::new(|r| hb.render("t", r).expect("handlebars"))),
        (
            "upon",
            Box::new(|r| up.render(&engine, r).to_string().expect("upon")),
        ),
        (
            "tinytemplate",
            Box::new(|r| tt.render("t", r).expect("tinytemplate")),
        ),
    ];

    // Every engine and the floor must write ours's text.
    let mut chars = 0;
    let mut all_values = Vec::new();
    for r in &recipients[..CHECKED] {
        let mut values = Values::new(catalog);
        r.fill(&slots, &mut values);
        let want =
            ours.render(&values, &NoLinks).expect("ours renders").into_text();
        chars += want.chars().count();
        let mut out = String::new();
        ours.render_to(&values, &NoLinks, &mut out).expect("ours renders");
        assert_eq!(out, want, "ours render_to and render differ");
        let by_record = ours.render_record(r, &NoLinks).expect("ours renders");
        assert_eq!(by_record.text(), want, "ours by record differs");
        out.clear();
        r.floor(&lits, &mut out);
        assert_eq!(out, want, "the floor differs from ours");
        for (peer, render) in &peers {
            let got = render(r);
            assert_eq!(
                got, want,
                "{peer} differs from ours on workload {name}"
            );
        }
        all_values.push(values);
    }
    let batch = ours.render_batch(&all_values, &NoLinks).expect("batch");
    for (got, want) in batch.iter().zip(&recipients[..CHECKED]) {
        let mut out = String::new();
        want.floor(&lits, &mut out);
        assert_eq!(got.as_ref().expect("renders").text(), out, "render_batch");
    }
    eprintln!(
        "workload {name}: body {} chars, {} placeholders, {} characters \
         rendered on average; all 5 peers and the floor agree with ours on \
         all {CHECKED} recipients",
        body.chars().count(),
        lits.len() - 1,
        chars / CHECKED,
    );

    // Compiling.
    let mut group = c.benchmark_group(format!("compile_{name}"));
    configure(&mut group, 1);
    group.bench_function("ours", |b| {
        b.iter(|| black_box(template.compile(black_box(catalog)).unwrap()))
    });
    group.bench_function("minijinja", |b| {
        b.iter(|| black_box(env.template_from_str(black_box(&jinja)).unwrap()))
    });
    group.bench_function("tera", |b| {
        let mut tera = Tera::default();
        tera.autoescape_on(vec![]);
        b.iter(|| tera.add_raw_template("t", black_box(&jinja)).unwrap())
    });
    group.bench_function("handlebars", |b| {
        let mut hb = Handlebars::new();
        hb.register_escape_fn(handlebars::no_escape);
        b.iter(|| hb.register_template_string("t", black_box(&jinja)).unwrap())
    });
    group.bench_function("upon", |b| {
        b.iter(|| {
            black_box(engine.compile(black_box(jinja.as_str())).unwrap())
        })
    });
    group.bench_function("tinytemplate", |b| {
        let mut tt = TinyTemplate::new();
        tt.set_default_formatter(&tinytemplate::format_unescaped);
        b.iter(|| tt.add_template("t", black_box(&tiny)).unwrap())
    });
    group.finish();

    // One recipient, into a new String.
    let mut group = c.benchmark_group(format!("render_{name}"));
    configure(&mut group, 1);
    group.bench_function("ours/render_to", |b| {
        let mut i = 0;
        b.iter(|| {
            let r = black_box(&recipients[i % RECIPIENTS]);
            i += 1;
            let mut values = Values::new(catalog);
            r.fill(&slots, &mut values);
            let mut out = String::with_capacity(cap);
            ours.render_to(&values, &NoLinks, &mut out).unwrap();
            out
        })
    });
    group.bench_function("ours/render", |b| {
        let mut i = 0;
        b.iter(|| {
            let r = black_box(&recipients[i % RECIPIENTS]);
            i += 1;
            let mut values = Values::new(catalog);
            r.fill(&slots, &mut values);
            ours.render(&values, &NoLinks).unwrap()
        })
    });
    group.bench_function("ours/render_record_to", |b| {
        let mut i = 0;
        b.iter(|| {
            let r = black_box(&recipients[i % RECIPIENTS]);
            i += 1;
            let mut out = String::with_capacity(cap);
            ours.render_record_to(r, &NoLinks, &mut out).unwrap();
            out
        })
    });
    for (peer, render) in &peers {
        group.bench_function(*peer, |b| {
            let mut i = 0;
            b.iter(|| {
                let r = black_box(&recipients[i % RECIPIENTS]);
                i += 1;
                render(r)
            })
        });
    }
    group.bench_function("floor", |b| {
        let mut i = 0;
        b.iter(|| {
            let r = black_box(&recipients[i % RECIPIENTS]);
            i += 1;
            let mut out = String::with_capacity(cap);
            r.floor(&lits, &mut out);
            out
        })
    });
    group.finish();

    // All 1,000 recipients.
    let mut group = c.benchmark_group(format!("bulk_{name}"));
    configure(&mut group, RECIPIENTS);
    group.bench_function("ours/render_to_loop", |b| {
        let mut values = Values::new(catalog);
        let mut out = String::with_capacity(cap);
        b.iter(|| {
            for r in black_box(&recipients) {
                values.clear();
                r.fill(&slots, &mut values);
                out.clear();
                ours.render_to(&values, &NoLinks, &mut out).unwrap();
                black_box(&out);
            }
        })
    });
    group.bench_function("ours/record_loop", |b| {
        let mut out = String::with_capacity(cap);
        b.iter(|| {
            for r in black_box(&recipients) {
                out.clear();
                ours.render_record_to(r, &NoLinks, &mut out).unwrap();
                black_box(&out);
            }
        })
    });
    group.bench_function("ours/render_batch", |b| {
        b.iter(|| {
            let all: Vec<Values<'_>> = black_box(&recipients)
                .iter()
                .map(|r| {
                    let mut values = Values::new(catalog);
                    r.fill(&slots, &mut values);
                    values
                })
                .collect();
            ours.render_batch(&all, &NoLinks).unwrap()
        })
    });
    for (peer, render) in &peers {
        group.bench_function(*peer, |b| {
            b.iter(|| {
                for r in black_box(&recipients) {
                    black_box(render(r));
                }
            })
        });
    }
    group.bench_function("floor", |b| {
        let mut out = String::with_capacity(cap);
        b.iter(|| {
            for r in black_box(&recipients) {
                out.clear();
                r.floor(&lits, &mut out);
                black_box(&out);
            }
        })
    });
    group.finish();
}

fn benches(c: &mut Criterion) {
    workload::<RecipientA>(c, "a", &Catalog::standard(), BODY_A);
    workload::<RecipientB>(c, "b", &catalog_of::<RecipientB>(), BODY_B);
}

criterion_group!(sms_templates, benches);
criterion_main!(sms_templates);
