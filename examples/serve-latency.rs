//! Measures `handbook serve`: the time from saving a page to the rebuilt page being
//! served, as a person at the editor would see it.
//!
//!     cargo build --release
//!     cargo run --release --example serve-latency -- --root . --page content/divisions/privat/vejledning/ugerytme-i-butikkerne.md --url /privat/vejledning/ugerytme-i-butikkerne/ --runs 30
//!
//! Each run appends a unique word to the page (writing a new file and renaming it over
//! the old one, as editors do), then asks the server for the page every 2 ms until the
//! word is there. Prints the median and the worst time.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use clap::Parser;

#[derive(Parser)]
struct Args {
    /// The handbook folder.
    #[arg(long, default_value = ".")]
    root: PathBuf,
    /// The page to edit, relative to the root.
    #[arg(long)]
    page: PathBuf,
    /// The URL path that shows it.
    #[arg(long)]
    url: String,
    #[arg(long, default_value_t = 30)]
    runs: usize,
    /// The handbook binary.
    #[arg(long, default_value = "target/release/handbook")]
    handbook: PathBuf,
    /// Let the server's messages through (with HANDBOOK_TIMINGS=1: each rebuild's stage
    /// times), instead of discarding them.
    #[arg(long)]
    server_log: bool,
}

fn get(port: u16, path: &str) -> String {
    let Ok(mut stream) = TcpStream::connect(("127.0.0.1", port)) else {
        return String::new();
    };
    let _ = write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n"
    );
    let mut body = String::new();
    let _ = stream.read_to_string(&mut body);
    body
}

fn main() {
    let args = Args::parse();
    let page = args.root.join(&args.page);
    let original = std::fs::read_to_string(&page).expect("the page exists");
    let mut server = Command::new(&args.handbook)
        .args(["serve", "--port", "0", "--root"])
        .arg(&args.root)
        .stdout(Stdio::piped())
        .stderr(if args.server_log {
            Stdio::inherit()
        } else {
            Stdio::null()
        })
        .spawn()
        .expect("the handbook binary starts");
    let mut line = String::new();
    BufReader::new(server.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let port: u16 = line
        .split("127.0.0.1:")
        .nth(1)
        .and_then(|rest| rest.split('/').next())
        .and_then(|p| p.parse().ok())
        .expect("the server says where it listens");
    let mut times = Vec::new();
    for run in 0..args.runs {
        let marker = format!("LATENCYMARKER{run}X");
        let temporary = page.with_extension("md.saving");
        std::fs::write(&temporary, format!("{original}\n{marker}\n")).unwrap();
        let saved = Instant::now();
        std::fs::rename(&temporary, &page).unwrap();
        loop {
            if get(port, &args.url).contains(&marker) {
                times.push(saved.elapsed());
                break;
            }
            assert!(
                saved.elapsed() < Duration::from_secs(30),
                "the page was not rebuilt"
            );
            std::thread::sleep(Duration::from_millis(2));
        }
        std::thread::sleep(Duration::from_millis(150));
    }
    std::fs::write(&page, original).unwrap();
    let _ = server.kill();
    let _ = server.wait();
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "{} runs: median {:.1} ms, worst {:.1} ms, best {:.1} ms",
        times.len(),
        ms(times[times.len() / 2]),
        ms(*times.last().unwrap()),
        ms(times[0])
    );
}
