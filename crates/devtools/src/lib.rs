//! Developer tools of the Taskforce Secretariaat. Nothing here ships in the
//! app or the CLI: the synthetic ten-year history that benchmarks and the UI
//! timing test run on, and the fixtures the crates' integration tests share.

pub mod fixture;
pub mod synthetic;
