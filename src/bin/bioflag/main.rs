//! `bioflag`: the command-line front end. The only place that knows about files, HTML parsing
//! and terminals; matching is the library's.

mod formats;
mod input;
mod lists;
mod output;
mod parallel;
mod progress;
mod scan;
mod screen;
mod walk;

use bioflag::card::card;
use bioflag::catalog::{builtin, Catalog};
use bioflag::Matcher;
use clap::{Parser, Subcommand, ValueEnum};
use output::{Color, FileResult, Printer};
use std::fs::File;
use std::io::{self, Read, Write};
use std::process::ExitCode;

/// Finds the names of flagged biotech entities in text and says why they are flagged.
#[derive(Parser)]
#[command(name = "bioflag", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Text,
    Json,
    Csv,
}

#[derive(Subcommand)]
enum Command {
    /// Scan files (text, HTML, PDF, DOCX, XLSX/ODS, EML, WARC/WET; `-` for stdin) for flagged
    /// entities.
    ///
    /// Exit status: 0 nothing flagged, 1 something flagged, 2 an error (other inputs are still
    /// scanned).
    Scan {
        /// Also match the entities of this list (bioflag JSON, OpenSanctions FollowTheMoney
        /// `entities.ftm.json`, or the US Consolidated Screening List JSON); may be repeated.
        #[arg(long = "list", value_name = "FILE")]
        lists: Vec<String>,
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
        /// Colour the text output: auto (on a terminal), always, never.
        #[arg(long, value_enum, default_value = "auto")]
        color: Color,
        /// Scan on this many threads (default: one per core).
        #[arg(short = 'j', long)]
        threads: Option<usize>,
        /// Files or folders to scan; none or `-` reads stdin. Folders are searched recursively,
        /// skipping what .gitignore and .ignore files exclude, hidden files and unsupported
        /// binary files; results come in path order.
        paths: Vec<String>,
    },
    /// Screen a list of names (e.g. suppliers) in a CSV file or a spreadsheet (XLSX, ODS, XLS):
    /// one verdict per row, written as CSV.
    ///
    /// Exit status: 0 all clear, 1 some row matched or needs review, 2 an error.
    Screen {
        /// The CSV file or spreadsheet (`-` for stdin); its first row is the header.
        file: String,
        /// The column holding the names: a header name or a 1-based number.
        #[arg(long)]
        column: String,
        /// The sheet of a spreadsheet to read (default: the first).
        #[arg(long)]
        sheet: Option<String>,
        #[arg(long = "list", value_name = "FILE")]
        lists: Vec<String>,
    },
    /// List the catalog's entities.
    Entities {
        #[arg(long = "list", value_name = "FILE")]
        lists: Vec<String>,
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
    },
    /// Show one entity's card.
    Show {
        /// The entity id, e.g. bgi-genomics.
        id: String,
        #[arg(long = "list", value_name = "FILE")]
        lists: Vec<String>,
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
    },
    /// Validate a list file and print every problem with its line and field.
    ///
    /// Exit status: 0 valid, 1 problems found, 2 unreadable.
    CheckList { file: String },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    formats::install_panic_hook();
    let code = match cli.command {
        Command::Scan {
            lists,
            format,
            color,
            threads,
            paths,
        } => scan(&lists, format, color, threads, &paths),
        Command::Screen {
            file,
            column,
            sheet,
            lists,
        } => screen_command(&file, &column, sheet.as_deref(), &lists),
        Command::Entities { lists, format } => entities(&lists, format),
        Command::Show { id, lists, format } => show(&id, &lists, format),
        Command::CheckList { file } => check_list(&file),
    };
    ExitCode::from(code)
}

fn error(message: impl std::fmt::Display) {
    eprintln!("bioflag: {message}");
}

/// True when a write failed because the reader of stdout went away (`bioflag entities | head`).
/// Like ripgrep, the command then stops quietly: the reader has all it wanted. Writers that wrap
/// the error (the csv crate does) are looked through.
fn is_broken_pipe(e: &io::Error) -> bool {
    let mut cause: Option<&(dyn std::error::Error + 'static)> = Some(e);
    while let Some(c) = cause {
        if let Some(io) = c.downcast_ref::<io::Error>() {
            if io.kind() == io::ErrorKind::BrokenPipe {
                return true;
            }
        }
        if let Some(csv::ErrorKind::Io(io)) = c.downcast_ref::<csv::Error>().map(|e| e.kind()) {
            if io.kind() == io::ErrorKind::BrokenPipe {
                return true;
            }
        }
        cause = c.source();
    }
    false
}

/// The exit status for an output error: `quiet` (what was done so far) on a closed pipe,
/// otherwise the error is reported and the status is 2.
fn output_failed(e: &io::Error, quiet: u8) -> u8 {
    if is_broken_pipe(e) {
        return quiet;
    }
    error(e);
    2
}

fn read_text(path: &str) -> io::Result<String> {
    let mut bytes = Vec::new();
    if path == "-" {
        io::stdin().read_to_end(&mut bytes)?;
    } else {
        File::open(path)?.read_to_end(&mut bytes)?;
    }
    String::from_utf8(bytes)
        .map_err(|_| io::Error::new(io::ErrorKind::InvalidData, "the file is not valid UTF-8"))
}

/// The built-in catalog plus every readable, valid list; problems are reported, and the lists
/// that load are still used. Returns the matcher and whether any list failed, or `None` (with
/// the error reported) when the lists together are too large for one matcher.
fn load_matcher(lists: &[String]) -> Option<(Matcher, bool)> {
    let mut catalogs: Vec<Catalog> = vec![builtin()];
    let mut failed = false;
    for path in lists {
        match read_text(path) {
            Err(e) => {
                error(format_args!("{path}: {e}; list skipped"));
                failed = true;
            }
            Ok(text) => match lists::import_file(path, &text, read_text) {
                Ok(imported) => {
                    for w in &imported.warnings {
                        error(format_args!(
                            "{path}:{}:{}: warning: {}",
                            w.line, w.column, w.message
                        ));
                    }
                    catalogs.push(imported.catalog)
                }
                Err(e) => {
                    error(format_args!("list skipped:\n{e}"));
                    failed = true;
                }
            },
        }
    }
    match Matcher::new(catalogs) {
        Ok(matcher) => Some((matcher, failed)),
        Err(e) => {
            error(e);
            None
        }
    }
}

fn scan(
    lists: &[String],
    format: Format,
    color: Color,
    threads: Option<usize>,
    paths: &[String],
) -> u8 {
    let Some((matcher, mut failed)) = load_matcher(lists) else {
        return 2;
    };
    let stdin_only = ["-".to_string()];
    let paths = if paths.is_empty() {
        &stdin_only[..]
    } else {
        paths
    };
    let (inputs, problems) = walk::inputs(paths);
    for p in &problems {
        error(p);
        failed = true;
    }
    let threads = threads.unwrap_or_else(|| {
        std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get)
    });
    let progress = progress::Progress::new(inputs.len());
    let mut printer = Printer::new(format_name(format), color);
    let mut flagged = false;
    parallel::ordered(
        &inputs,
        threads,
        |input| scan_one(&matcher, input),
        |results| {
            progress.tick();
            for result in results {
                let path = &result.path;
                match &result.error {
                    Some(e) => {
                        progress.suspend(|| error(format_args!("{path}: {e}")));
                        failed = true;
                    }
                    None if result.lossy => progress.suspend(|| {
                        error(format_args!(
                            "{path}: not valid UTF-8; invalid bytes were replaced"
                        ))
                    }),
                    None => {}
                }
                flagged |= !result.found.is_empty();
                if let Err(e) = progress.suspend(|| printer.print(&matcher, &result)) {
                    if is_broken_pipe(&e) {
                        return false;
                    }
                    error(e);
                    failed = true;
                }
            }
            true
        },
    );
    progress.finish();
    exit_code(failed, flagged)
}

fn format_name(format: Format) -> &'static str {
    match format {
        Format::Text => "text",
        Format::Json => "json",
        Format::Csv => "csv",
    }
}

fn exit_code(failed: bool, flagged: bool) -> u8 {
    if failed {
        2
    } else {
        u8::from(flagged)
    }
}

/// Scans one input: one result, or one per flagged record of a WARC file; none for a file of
/// an unsupported format found in a folder (skipped, as ripgrep skips binary files).
fn scan_one(matcher: &Matcher, input: &walk::Input) -> Vec<FileResult> {
    let mut collector = scan::Collector::new(matcher, &input.path);
    let error = match formats::read(&input.path, &mut collector) {
        Ok(()) => None,
        Err(formats::Failure::Unsupported(_)) if !input.explicit => return Vec::new(),
        Err(formats::Failure::Error(e) | formats::Failure::Unsupported(e)) => Some(e),
    };
    collector.finish(error)
}

fn screen_command(file: &str, column: &str, sheet: Option<&str>, lists: &[String]) -> u8 {
    let Some((matcher, failed)) = load_matcher(lists) else {
        return 2;
    };
    let input = match formats::Input::open(file) {
        Ok(i) => i,
        Err(e) => {
            error(format_args!("{file}: {e}"));
            return 2;
        }
    };
    let spreadsheet = matches!(
        formats::detect(file, input.head()),
        formats::Kind::Sheet | formats::Kind::Zip
    );
    let result = if spreadsheet {
        let rows = input
            .bytes()
            .map_err(formats::Failure::from)
            .and_then(|b| formats::sheet::rows(b, sheet));
        match rows {
            Err(formats::Failure::Error(e) | formats::Failure::Unsupported(e)) => {
                error(format_args!("{file}: {e}"));
                return 2;
            }
            Ok(rows) => {
                let mut rows = rows.into_iter();
                let headers = rows.next().unwrap_or_default();
                output::screen_rows(&matcher, headers, rows.map(Ok), column)
            }
        }
    } else if sheet.is_some() {
        error(format_args!(
            "{file}: --sheet is for spreadsheets (XLSX, ODS, XLS); this is read as CSV"
        ));
        return 2;
    } else {
        output::screen_csv(&matcher, input.reader(), column)
    };
    match result {
        Ok(flagged) => exit_code(failed, flagged),
        Err(e) if is_broken_pipe(&e) => exit_code(failed, false),
        Err(e) => {
            error(format_args!("{file}: {e}"));
            2
        }
    }
}

fn entities(lists: &[String], format: Format) -> u8 {
    let Some((matcher, failed)) = load_matcher(lists) else {
        return 2;
    };
    let result = output::print_entities(&matcher, format_name(format));
    if let Err(e) = result {
        return output_failed(&e, exit_code(failed, false));
    }
    exit_code(failed, false)
}

fn show(id: &str, lists: &[String], format: Format) -> u8 {
    let Some((matcher, failed)) = load_matcher(lists) else {
        return 2;
    };
    let Some(entity) = matcher.find_entity(id) else {
        error(format_args!(
            "no entity with id `{id}` (see `bioflag entities`)"
        ));
        return 2;
    };
    let c = card(&matcher, entity);
    let result = match format {
        Format::Json => serde_json::to_string_pretty(&c)
            .map_err(io::Error::other)
            .and_then(|s| writeln!(io::stdout().lock(), "{s}")),
        _ => output::print_card(&c),
    };
    if let Err(e) = result {
        return output_failed(&e, exit_code(failed, false));
    }
    exit_code(failed, false)
}

fn check_list(file: &str) -> u8 {
    let text = match read_text(file) {
        Ok(t) => t,
        Err(e) => {
            error(format_args!("{file}: {e}"));
            return 2;
        }
    };
    let mut out = io::BufWriter::new(io::stdout().lock());
    let (status, written) = match lists::import_file(file, &text, read_text) {
        Ok(imported) => (0, write_list_summary(&mut out, file, &imported)),
        Err(errors) => (1, write_list_problems(&mut out, file, &errors)),
    };
    match written.and_then(|()| out.flush()) {
        Ok(()) => status,
        Err(e) => output_failed(&e, status),
    }
}

fn write_list_summary(
    out: &mut impl Write,
    file: &str,
    imported: &bioflag::import::Imported,
) -> io::Result<()> {
    for l in bioflag::import::report::report(imported) {
        match (l.line, l.column) {
            (Some(line), Some(column)) => writeln!(out, "{file}:{line}:{column}: {}", l.text)?,
            _ => writeln!(out, "{file}: {}", l.text)?,
        }
    }
    Ok(())
}

fn write_list_problems(
    out: &mut impl Write,
    file: &str,
    errors: &bioflag::ListErrors,
) -> io::Result<()> {
    for e in &errors.errors {
        let field = if e.field.is_empty() {
            String::new()
        } else {
            format!("{}: ", e.field)
        };
        writeln!(out, "{file}:{}:{}: {field}{}", e.line, e.column, e.message)?;
    }
    writeln!(out, "{file}: {} problem(s)", errors.errors.len())
}
