//! The shell's one error type, serialised for the UI as `{code, message}`
//! (`ErrorReport` from the core, generated into TypeScript) so the UI can
//! branch on a code instead of matching text.

use pavilion::ErrorReport;
use serde::{Serialize, Serializer};

#[derive(Debug, thiserror::Error)]
#[error(transparent)]
pub struct CommandError(#[from] pavilion::Error);

impl Serialize for CommandError {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        ErrorReport::from(&self.0).serialize(serializer)
    }
}

pub type CommandResult<T> = Result<T, CommandError>;
