//! Which automatic backups to keep: the newest of each of the last 7 days,
//! of the last 4 weeks and of the last 12 months.

use chrono::{Datelike, NaiveDate, NaiveDateTime};
use serde::Serialize;
use std::collections::BTreeSet;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct BackupInfo {
    pub file_name: String,
    /// Amsterdam time the backup was made, from its name.
    pub made_at: String,
    #[cfg_attr(feature = "specta", specta(type = f64))]
    pub size: u64,
}

/// Indices into `made` (any order) of the backups to keep on `today`.
pub fn backups_to_keep(made: &[NaiveDateTime], today: NaiveDate) -> BTreeSet<usize> {
    let mut order: Vec<usize> = (0..made.len()).collect();
    order.sort_by(|a, b| made[*b].cmp(&made[*a]));
    let mut keep = BTreeSet::new();
    let mut days = BTreeSet::new();
    let mut weeks = BTreeSet::new();
    let mut months = BTreeSet::new();
    for index in order {
        let date = made[index].date();
        let age = (today - date).num_days();
        let week = (date.iso_week().year(), date.iso_week().week());
        let month = (date.year(), date.month());
        if age < 7 && days.insert(date) {
            keep.insert(index);
        }
        if age < 28 && weeks.insert(week) {
            keep.insert(index);
        }
        if age < 366 && months.insert(month) {
            keep.insert(index);
        }
    }
    keep
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(y: i32, m: u32, d: u32, h: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(y, m, d)
            .unwrap()
            .and_hms_opt(h, 0, 0)
            .unwrap()
    }

    #[test]
    fn keeps_7_daily_4_weekly_12_monthly() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 30).unwrap();
        // One backup a day for two years, two on the last day.
        let mut made: Vec<NaiveDateTime> = (0..730)
            .map(|d| at(2026, 11, 30, 12) - chrono::Duration::days(d))
            .collect();
        made.push(at(2026, 11, 30, 8));
        let keep = backups_to_keep(&made, today);
        assert!(keep.contains(&0), "the newest");
        assert!(!keep.contains(&730), "the older one of the same day goes");
        assert!(keep.len() <= 7 + 4 + 12, "{}", keep.len());
        assert!(keep.len() >= 7 + 12 - 1, "{}", keep.len());
        let oldest = keep.iter().map(|i| made[*i]).min().unwrap();
        assert!(
            (today - oldest.date()).num_days() < 366,
            "nothing older than a year"
        );
    }
}
