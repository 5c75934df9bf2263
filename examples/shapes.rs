//! Write a generated data set of another shape (`sameas::synthetic::shapes`)
//! as CSV files, one per source plus the truth, for runs of the `resolve`
//! example.
//!
//!     cargo run --release --example shapes -- SHAPE [--entities N] [--seed S] [--noise harsh] [--impossible-dates RATE] [--year-wrong RATE] [--digit-slips RATE] [--placeholder-dates RATE] [--register-names] [--undated-tax] [--out DIR]
//!
//! SHAPE is `inventors`, `birth-dates`, `government`, `government-wide`
//! (the government shape's [wide layout](sameas::synthetic::shapes::GovernmentLayout::Wide))
//! or `business`. `--noise harsh` gives the government shape the
//! [harsh noise](sameas::synthetic::shapes::GovernmentNoise::Harsh) of
//! census and administrative extracts. `--impossible-dates RATE` gives
//! the birth-dates shape that share of wrong dates written as no date
//! (a digit of day or month typed wrong: `1945-08-41`; see
//! [`impossible_date_rate`](sameas::synthetic::shapes::BirthDateGeneratorBuilder::impossible_date_rate)),
//! `--year-wrong RATE` that share of wrong dates with the year written
//! wrong as a whole ([`year_wrong_rate`](sameas::synthetic::shapes::BirthDateGeneratorBuilder::year_wrong_rate)),
//! `--digit-slips RATE` that share with a digit typed into one part or
//! lost from it (`19465-08-14`; [`digit_slip_rate`](sameas::synthetic::shapes::BirthDateGeneratorBuilder::digit_slip_rate)),
//! `--placeholder-dates RATE` that share of its records with the date
//! `1900-01-01` ([`placeholder_date_rate`](sameas::synthetic::shapes::BirthDateGeneratorBuilder::placeholder_date_rate)),
//! `--register-names` its names from one country's register (100 given
//! and 100 family names: [`register_names`](sameas::synthetic::shapes::BirthDateGeneratorBuilder::register_names)).
//! `--undated-tax` writes the government shape's tax forms without a date
//! of birth, as real W-2 and 1099 forms come ([`tax_birth_dates`](sameas::synthetic::shapes::GovernmentGeneratorBuilder::tax_birth_dates)).
//! Defaults: each generator's default entity count, seed 7, directory
//! `generated-SHAPE`. Each `<source>.csv` has the header `id` followed by
//! the source's columns; `truth.csv` has `source,record_id,entity`, as
//! the `generate` example writes it. The `resolve` arguments that declare
//! the columns' kinds are printed on stderr.

mod csv_files;

use std::path::{Path, PathBuf};

use csv_files::CsvFiles;
use sameas::synthetic::shapes::{
    BirthDateGenerator, BusinessGenerator, GovernmentGenerator, GovernmentLayout, GovernmentNoise,
    InventorGenerator, Shape, ShapeData,
};

fn main() {
    if let Err(message) = run() {
        eprintln!("error: {message}");
        eprintln!(
            "usage: shapes inventors|birth-dates|government|government-wide|business [--entities N] [--seed S] [--noise harsh] [--impossible-dates RATE] [--year-wrong RATE] [--digit-slips RATE] [--placeholder-dates RATE] [--register-names] [--undated-tax] [--out DIR]"
        );
        std::process::exit(2);
    }
}

fn run() -> Result<(), String> {
    let mut shape: Option<Shape> = None;
    let mut layout = GovernmentLayout::Tidy;
    let mut noise = GovernmentNoise::Standard;
    let mut entities: Option<usize> = None;
    let mut seed = 7u64;
    let mut impossible = 0.0f64;
    let mut year_wrong = 0.0f64;
    let mut digit_slips = 0.0f64;
    let mut placeholder_dates = 0.0f64;
    let mut register = false;
    let mut undated_tax = false;
    let mut out: Option<PathBuf> = None;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = || args.next().ok_or(format!("{arg} needs a value"));
        match arg.as_str() {
            "--entities" => {
                let text = value()?;
                let parsed = text.replace('_', "").parse();
                entities =
                    Some(parsed.map_err(|_| format!("--entities: `{text}` is not a number"))?);
            }
            "--seed" => {
                let text = value()?;
                seed = text
                    .parse()
                    .map_err(|_| format!("--seed: `{text}` is not a number"))?;
            }
            "--out" => out = Some(PathBuf::from(value()?)),
            "--register-names" => register = true,
            "--undated-tax" => undated_tax = true,
            "--year-wrong" => year_wrong = rate(&arg, &value()?)?,
            "--digit-slips" => digit_slips = rate(&arg, &value()?)?,
            "--placeholder-dates" => placeholder_dates = rate(&arg, &value()?)?,
            "--impossible-dates" => impossible = rate(&arg, &value()?)?,
            "--noise" => {
                noise = match value()?.as_str() {
                    "harsh" => GovernmentNoise::Harsh,
                    "standard" => GovernmentNoise::Standard,
                    other => return Err(format!("--noise: `{other}` is not harsh or standard")),
                }
            }
            "government-wide" if shape.is_none() => {
                shape = Some(Shape::Government);
                layout = GovernmentLayout::Wide;
            }
            other if shape.is_none() && !other.starts_with('-') => {
                shape = Some(
                    other
                        .parse()
                        .map_err(|_| format!("unknown shape `{other}`"))?,
                );
            }
            other => return Err(format!("unknown argument `{other}`")),
        }
    }
    let shape = shape.ok_or("name a shape")?;
    let settings = Settings {
        layout,
        noise,
        impossible,
        year_wrong,
        digit_slips,
        placeholder_dates,
        register,
        undated_tax,
        seed,
        entities,
    };
    let data = generate(shape, &settings).map_err(|error| error.to_string())?;
    let name = match layout {
        GovernmentLayout::Wide => "government-wide".to_string(),
        _ => shape.to_string(),
    };
    let out = out.unwrap_or_else(|| PathBuf::from(format!("generated-{name}")));
    write(&data, &out)?;
    let kinds: Vec<String> = data
        .fields()
        .iter()
        .map(|(name, kind)| format!("--field {name}={kind}"))
        .collect();
    eprintln!(
        "{}: {} records of {} entities (seed {seed}; largest entity {} records)",
        out.display(),
        data.record_count(),
        data.entity_count(),
        data.largest_entity()
    );
    eprintln!("kinds: {}", kinds.join(" "));
    Ok(())
}

/// A rate given after `flag`.
fn rate(flag: &str, text: &str) -> Result<f64, String> {
    text.parse()
        .map_err(|_| format!("{flag}: `{text}` is not a number"))
}

/// What the command line asked of the generators.
struct Settings {
    layout: GovernmentLayout,
    noise: GovernmentNoise,
    /// The birth-dates shape's share of wrong dates written as no date.
    impossible: f64,
    /// The birth-dates shape's share of wrong dates with the year wrong.
    year_wrong: f64,
    /// The birth-dates shape's share of wrong dates with a digit slip.
    digit_slips: f64,
    /// The birth-dates shape's share of records dated `1900-01-01`.
    placeholder_dates: f64,
    /// The birth-dates shape's names from one country's register.
    register: bool,
    /// The government shape's tax forms without a date of birth.
    undated_tax: bool,
    seed: u64,
    entities: Option<usize>,
}

fn generate(shape: Shape, settings: &Settings) -> sameas::Result<ShapeData> {
    // Each generator's builder has the same seed and entity setters.
    macro_rules! generate {
        ($generator:ident $(, $setting:ident($value:expr))*) => {{
            let mut builder = $generator::builder();
            builder.seed(settings.seed)$(.$setting($value))*;
            if let Some(entities) = settings.entities {
                builder.entities(entities);
            }
            builder.build()?.generate()
        }};
    }
    Ok(match shape {
        Shape::Inventors => generate!(InventorGenerator),
        Shape::BirthDates => generate!(
            BirthDateGenerator,
            impossible_date_rate(settings.impossible),
            year_wrong_rate(settings.year_wrong),
            digit_slip_rate(settings.digit_slips),
            placeholder_date_rate(settings.placeholder_dates),
            register_names(settings.register)
        ),
        Shape::Government => generate!(
            GovernmentGenerator,
            layout(settings.layout),
            noise(settings.noise),
            tax_birth_dates(!settings.undated_tax)
        ),
        _ => generate!(BusinessGenerator),
    })
}

fn write(data: &ShapeData, out: &Path) -> Result<(), String> {
    let mut files = CsvFiles::create(out)?;
    for source in data.sources() {
        files.write_source(
            source.name(),
            source.columns(),
            source.records(),
            source.entities(),
        )?;
    }
    files.finish().map(drop)
}
