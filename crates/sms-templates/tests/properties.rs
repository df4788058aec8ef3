//! Property tests: a template without placeholders renders to itself;
//! provenance spans give back each value or fallback; problem spans lie
//! inside the source; every render lies within the length bounds.

use proptest::prelude::*;
use sms_templates::{
    Catalog, Filled, NoLinks, PlaceholderKind, Template, Values,
};

/// Text that holds no `{{`.
fn plain_text() -> impl Strategy<Value = String> {
    "[a-zA-Z0-9 ąęłżźćńóś€{}!?.,\n😀]{0,60}".prop_map(|mut s| {
        while s.contains("{{") {
            s = s.replace("{{", "{ {");
        }
        // Two texts side by side must not make a `{{` either.
        if s.starts_with('{') {
            s.insert(0, ' ');
        }
        if s.ends_with('{') {
            s.push(' ');
        }
        s
    })
}

const FIELDS: [(&str, &str); 6] = [
    ("contact", "first_name"),
    ("contact", "last_name"),
    ("contact", "address"),
    ("case", "number"),
    ("case", "status"),
    ("user", "first_name"),
];

/// A template body of text and variables (some with fallbacks), and the
/// values of a recipient (some scopes absent, some values empty).
fn body_and_values() -> impl Strategy<Value = (String, Vec<Option<String>>)> {
    let piece = prop_oneof![
        plain_text(),
        (0usize..FIELDS.len(), prop::option::of("[a-zA-Z ]{0,8}")).prop_map(
            |(i, fb)| {
                let (s, f) = FIELDS[i];
                match fb {
                    Some(fb) => format!("{{{{{s}.{f} | \"{fb}\"}}}}"),
                    None => format!("{{{{ {s}.{f} }}}}"),
                }
            }
        ),
    ];
    (
        prop::collection::vec(piece, 0..12).prop_map(|v| v.concat()),
        prop::collection::vec(
            prop::option::of("[a-zA-Zżółć😀 ]{0,20}"),
            FIELDS.len(),
        ),
    )
}

proptest! {
    #[test]
    fn text_without_placeholders_renders_to_itself(text in plain_text()) {
        let c = Catalog::standard();
        let t = Template::new("t", text.clone()).compile(&c).unwrap();
        prop_assert_eq!(t.render(&Values::new(&c), &NoLinks).unwrap().into_text(), text.clone());
        prop_assert_eq!(t.preview(), text);
    }

    #[test]
    fn provenance_gives_back_each_value((body, values) in body_and_values()) {
        let c = Catalog::standard();
        let t = Template::new("t", body).compile(&c).unwrap();
        let mut v = Values::new(&c);
        for (i, value) in values.iter().enumerate() {
            if let Some(value) = value {
                let (s, f) = FIELDS[i];
                v.set(c.slot(s, f).unwrap(), value);
            }
        }
        let r = t.render(&v, &NoLinks).unwrap();
        let mut fast = String::new();
        t.render_to(&v, &NoLinks, &mut fast).unwrap();
        prop_assert_eq!(&fast, &r.text());
        for sub in r.substitutions() {
            let got = &r.text()[sub.range().clone()];
            let PlaceholderKind::Variable { scope, field, fallback, .. } =
                t.placeholders()[sub.placeholder()].kind()
            else {
                prop_assert!(false, "only variables here");
                unreachable!()
            };
            let i = FIELDS.iter().position(|(s, f)| s == scope && f == field).unwrap();
            match sub.filled() {
                Filled::Value => prop_assert_eq!(Some(got), values[i].as_deref()),
                Filled::Fallback => prop_assert_eq!(Some(got), fallback.as_deref()),
                _ => prop_assert_eq!(got, ""),
            }
        }
        let bounds = t.length_bounds(&NoLinks);
        let n = r.text().chars().count();
        prop_assert!(bounds.min_chars() <= n);
        prop_assert!(bounds.max_chars().is_none_or(|m| n <= m));
    }

    #[test]
    fn problems_lie_inside_the_source(body in "[a-z{}|\". \n]{0,80}") {
        if let Err(err) = Template::new("t", body.clone()).compile(&Catalog::standard()) {
            for p in err.problems() {
                prop_assert!(p.position().span().start <= p.position().span().end);
                prop_assert!(p.position().span().end <= body.len());
                prop_assert!(body.is_char_boundary(p.position().span().start));
                prop_assert!(p.position().line() >= 1 && p.position().column() >= 1);
            }
        }
    }
}
