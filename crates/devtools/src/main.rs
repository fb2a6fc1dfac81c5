//! `taskforce-dev`: the developer's command line. `seed-large` fills an
//! empty database with the synthetic ten-year history (`make bench` uses it).

use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use taskforce::calendar::{parse_date, to_amsterdam};
use taskforce::error::Field;
use taskforce::{Clock, FixedClock, Store, SystemClock};
use taskforce_dev::synthetic::{generate, Size};

#[derive(Parser)]
#[command(
    name = "taskforce-dev",
    about = "Developer tools of the Taskforce Secretariaat"
)]
struct Cli {
    /// The database to fill (must be empty)
    #[arg(long)]
    db: PathBuf,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Fill an empty database with a synthetic ten-year history (4 terms, 500
    /// meetings, 2,000 subjects, 5,000 partners, 20,000 actions, 100,000
    /// minutes paragraphs), the same for the same seed. For benchmarks.
    SeedLarge {
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Make 1/N of the amounts (same shape), for quick trials
        #[arg(long, default_value_t = 1)]
        divide: u32,
        /// The last day of the history (YYYY-MM-DD); today when left out
        #[arg(long)]
        until: Option<String>,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let Command::SeedLarge {
        seed,
        divide,
        until,
    } = cli.command;
    match seed_large(&cli.db, seed, divide, until.as_deref()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("fout: {error}");
            ExitCode::FAILURE
        }
    }
}

fn seed_large(
    path: &std::path::Path,
    seed: u64,
    divide: u32,
    until: Option<&str>,
) -> taskforce::Result<()> {
    // The generator moves its own clock along, starting from now.
    let now = SystemClock.now();
    let clock = Arc::new(FixedClock::new(now));
    let until = match until {
        Some(text) => parse_date(Field::Until, text)?,
        None => to_amsterdam(now).date(),
    };
    let store = Store::open(path, clock.clone())?;
    let started = std::time::Instant::now();
    let made = generate(
        &store,
        &clock,
        seed,
        Size::TEN_YEARS.divided_by(divide),
        until,
        &mut |step| eprintln!("{:>6.1} s  {step}", started.elapsed().as_secs_f64()),
    )?;
    println!(
        "{} termijnen, {} bijeenkomsten, {} onderwerpen, {} partners, {} uitnodigingen, {} besluiten, {} acties, {} alinea's verslag",
        made.terms, made.meetings, made.subjects, made.partners, made.invitations, made.decisions, made.actions, made.paragraphs
    );
    Ok(())
}
