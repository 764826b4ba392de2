//! The shell's one error type. Commands fail only with the core's errors,
//! serialised for the UI as `{code, message}` (`ErrorReport` from the core,
//! generated into TypeScript) so the UI can branch on a code instead of
//! matching text; the shell's own failures are the inbox's, at start.

use pavilion::{ErrorCode, ErrorReport};
use serde::{Serialize, Serializer};

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(transparent)]
    Core(#[from] pavilion::Error),

    /// The operating system would not watch the inbox folders.
    #[error("cannot watch the inbox folders: {0}")]
    Watch(#[from] notify::Error),

    /// No thread could be started to import arriving packs.
    #[error("cannot start the inbox thread: {0}")]
    InboxThread(#[source] std::io::Error),

    /// The kiosk's own binary, which imports packs as a worker, is not
    /// found (`pavilion::import_worker`).
    #[error("cannot find the kiosk's own binary to import packs with: {0}")]
    NoWorker(#[source] std::io::Error),
}

impl Serialize for Error {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Error::Core(error) => ErrorReport::from(error).serialize(serializer),
            other => ErrorReport {
                code: ErrorCode::Io,
                message: other.to_string(),
            }
            .serialize(serializer),
        }
    }
}

pub type CommandResult<T> = Result<T, Error>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_ui_gets_a_code_and_a_sentence() {
        let core = Error::from(pavilion::Error::NoLivePack {
            data_dir: "/data".into(),
        });
        let json = serde_json::to_value(&core).unwrap();
        assert_eq!(json["code"], "no_live_pack");
        assert!(json["message"]
            .as_str()
            .unwrap()
            .starts_with("no pack is live in /data"));

        let shell = Error::InboxThread(std::io::Error::other("out of threads"));
        assert_eq!(
            serde_json::to_value(&shell).unwrap(),
            serde_json::json!({"code": "io", "message": "cannot start the inbox thread: out of threads"})
        );
    }
}
