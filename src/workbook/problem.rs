//! A problem in an operator's source file, told the way workbook.md prints
//! it: `SOURCE: PLACE: message`, the place being a cell (`exhibitors!J14`)
//! or a path in a schedule file (`/schedule/day[2]/room[1]/event[4]/start`).

use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceProblem {
    /// The file as the operator named it (`fair.xlsx`, `schedule.xml`), or
    /// `csv` for a folder of CSV files.
    pub source: String,
    /// Where in it: `SHEET!CELL`, `SHEET` alone, or a schedule path.
    pub place: String,
    /// What is wrong and, where one is close, "did you mean".
    pub message: String,
}

impl fmt::Display for SourceProblem {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "{}: {}: {}", self.source, self.place, self.message)
    }
}

/// A cell's name as a spreadsheet shows it: zero-based `row` 13 and
/// `column` 9 are `J14`.
pub fn cell_name(row: usize, column: usize) -> String {
    let mut letters = Vec::new();
    let mut rest = column + 1;
    while rest > 0 {
        rest -= 1;
        letters.push(b'A' + (rest % 26) as u8);
        rest /= 26;
    }
    letters.reverse();
    format!(
        "{}{}",
        String::from_utf8(letters).unwrap_or_default(),
        row + 1
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_named_as_spreadsheets_name_them() {
        assert_eq!(cell_name(0, 0), "A1");
        assert_eq!(cell_name(13, 9), "J14");
        assert_eq!(cell_name(1, 25), "Z2");
        assert_eq!(cell_name(1, 26), "AA2");
        assert_eq!(cell_name(1, 701), "ZZ2");
        assert_eq!(cell_name(1, 702), "AAA2");
    }

    #[test]
    fn a_problem_prints_as_workbook_md_shows() {
        let problem = SourceProblem {
            source: "fair.xlsx".into(),
            place: format!("exhibitors!{}", cell_name(13, 9)),
            message: "unknown park".into(),
        };
        assert_eq!(
            problem.to_string(),
            "fair.xlsx: exhibitors!J14: unknown park"
        );
    }
}
