//! Any bytes as a pack's `manifest.json.minisig`, and any text as its
//! trusted comment: parsing a signature from a stranger's stick must end in
//! a signature or a reason, never a panic. A comment that parses names one
//! pack and one version, and says the same once written back.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pavilion::signing::{PackSignature, TrustedComment};

fuzz_target!(|bytes: &[u8]| {
    if let Ok(signature) = PackSignature::parse(bytes) {
        let _ = signature.key_id.to_string();
        let _ = TrustedComment::parse(signature.trusted_comment());
    }
    let text = String::from_utf8_lossy(bytes);
    if let Ok(comment) = TrustedComment::parse(&text) {
        assert_eq!(TrustedComment::parse(&comment.to_string()), Ok(comment));
    }
});
