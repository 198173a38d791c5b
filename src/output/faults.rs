//! Write: fault injection, used only by the tests of the write stage to reach the states
//! a crash or a full disk leaves (a test cannot kill a process at an exact instruction
//! or fill a disk it does not own). Read once per build from `HANDBOOK_TEST_*`
//! variables; when they are unset, as they are outside the tests, nothing here acts.
//!
//! - `HANDBOOK_TEST_PAUSE_COMMIT=<ms>`: before each swap, say `test: swapping <name>` on
//!   stderr and sleep, so a test can kill the build in the middle of its commit.
//! - `HANDBOOK_TEST_FAIL_WRITE=<n>`: the n-th file written (from 1) fails as on a full disk.
//! - `HANDBOOK_TEST_FAIL_SWAP=<n>`: the n-th swap fails.
//! - `HANDBOOK_TEST_NO_EXCHANGE=1`: act as on a system without `RENAME_EXCHANGE`.

use std::io;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

#[derive(Debug, Default)]
pub(super) struct Faults {
    pause: Option<Duration>,
    fail_write: Option<usize>,
    fail_swap: Option<usize>,
    pub no_exchange: bool,
    writes: AtomicUsize,
    swaps: AtomicUsize,
}

impl Faults {
    pub fn from_env() -> Faults {
        let number = |name: &str| std::env::var(name).ok()?.parse::<usize>().ok();
        Faults {
            pause: number("HANDBOOK_TEST_PAUSE_COMMIT").map(|ms| Duration::from_millis(ms as u64)),
            fail_write: number("HANDBOOK_TEST_FAIL_WRITE"),
            fail_swap: number("HANDBOOK_TEST_FAIL_SWAP"),
            no_exchange: std::env::var_os("HANDBOOK_TEST_NO_EXCHANGE").is_some(),
            ..Faults::default()
        }
    }

    /// Faults for a unit test (the environment is shared by the tests of one process).
    #[cfg(test)]
    pub fn injected(
        fail_write: Option<usize>,
        fail_swap: Option<usize>,
        no_exchange: bool,
    ) -> Self {
        Faults {
            fail_write,
            fail_swap,
            no_exchange,
            ..Faults::default()
        }
    }

    /// Before a file is written.
    pub fn before_write(&self) -> io::Result<()> {
        let count = self.writes.fetch_add(1, Ordering::Relaxed) + 1;
        match self.fail_write {
            Some(n) if n == count => Err(io::Error::from_raw_os_error(28)),
            _ => Ok(()),
        }
    }

    /// Before a top-level entry is swapped into place.
    pub fn before_swap(&self, name: &str) -> io::Result<()> {
        let count = self.swaps.fetch_add(1, Ordering::Relaxed) + 1;
        if let Some(pause) = self.pause {
            eprintln!("test: swapping {name}");
            std::thread::sleep(pause);
        }
        match self.fail_swap {
            Some(n) if n == count => Err(io::Error::other("injected failure")),
            _ => Ok(()),
        }
    }
}
