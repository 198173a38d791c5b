//! Unit tests of the overlay rules, on handbooks built in memory.
