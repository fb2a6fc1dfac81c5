//! Attendance (*aanwezigheid*) per member seat at a meeting.

use super::{code_enum, Id};
use serde::Serialize;

code_enum!(AttendanceStatus, Status {
    Present = "present" | "aanwezig",
    Absent = "absent" | "afwezig",
    Represented = "represented" | "vertegenwoordigd",
});

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Attendance {
    #[cfg_attr(feature = "specta", specta(type = i32))]
    pub seat_id: Id,
    pub organisation: String,
    pub role: String,
    /// `None` while not registered yet.
    pub status: Option<AttendanceStatus>,
    pub represented_by: Option<String>,
}
