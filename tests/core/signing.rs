//! Signed packs (`src/signing.rs`, its hook in `src/store/import.rs`, the
//! `keys` and `pack sign` commands): each refusal with its reason, the
//! reference `minisign` tool both ways, key rotation and revocation, what
//! `status` says, and the demo pack a kiosk falls back to.
//!
//! The interoperability tests run Debian's `minisign`; without it they fail
//! (run `scripts/install-deps.sh`, as CI does), never skip.

use std::fs;
use std::io::{Cursor, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use pavilion::data_dir::Scratch;
use pavilion::model::{ImportOutcome, Signer, Status};
use pavilion::pack::manifest::{MANIFEST, SIGNATURE};
use pavilion::signing::{self, KeyId, PackSignature, TrustedComment};
use pavilion::store::open_for_kiosk;
use pavilion::{import, status, Catalog, DataDir, Error};
use serde_json::json;
use zip::write::SimpleFileOptions;
use zip::ZipWriter;

use crate::{snapshot, TestPack};

/// A data folder and packs in one temp folder.
struct Kiosk {
    work: tempfile::TempDir,
    data: DataDir,
}

impl Kiosk {
    fn new() -> Kiosk {
        let work = tempfile::tempdir().unwrap();
        let data = DataDir::at(work.path().join("data"));
        Kiosk { work, data }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.work.path().join(name)
    }

    /// A new unencrypted key pair in folder `name`; its secret key file and id.
    fn key(&self, name: &str) -> (PathBuf, KeyId) {
        let dir = self.path(name);
        let id = signing::generate(&dir, None).unwrap();
        (dir.join(signing::SECRET_KEY_FILE), id)
    }

    /// A new key, trusted by this kiosk.
    fn trusted_key(&self, name: &str) -> (PathBuf, KeyId) {
        let (key, id) = self.key(name);
        let public = key.with_file_name(signing::PUBLIC_KEY_FILE);
        assert_eq!(signing::trust(&self.data, &public).unwrap(), (id, true));
        (key, id)
    }

    /// The small pack at `version`, written to folder `name`.
    fn pack(&self, name: &str, version: u32) -> PathBuf {
        TestPack::small()
            .version(version)
            .write_in(self.work.path(), name)
    }

    /// The small pack at `version`, signed with `key`.
    fn signed(&self, name: &str, version: u32, key: &Path) -> PathBuf {
        let pack = self.pack(name, version);
        signing::sign(&pack, key, &mut || panic!("an unencrypted key")).unwrap();
        pack
    }

    fn live(&self) -> (String, u32) {
        let info = Catalog::open_live(&self.data).unwrap().pack_info();
        (info.pack, info.version)
    }

    /// Imports `pack`, which must be refused for its signature; returns the
    /// message, after checking the live pack and the history.
    fn refused(&self, pack: &Path) -> String {
        let live = Catalog::open_live(&self.data).ok().map(|c| c.pack_info());
        let packs = || {
            let dir = self.data.packs_dir();
            if dir.exists() {
                snapshot(&dir)
            } else {
                Default::default()
            }
        };
        let before = packs();
        let message = match import(&self.data, pack) {
            Err(Error::SignatureRefused { problem }) => {
                assert_eq!(
                    (problem.file.as_str(), problem.pointer.as_str()),
                    (SIGNATURE, "")
                );
                problem.message
            }
            other => panic!("expected a signature refusal, got {other:?}"),
        };
        assert_eq!(
            Catalog::open_live(&self.data).ok().map(|c| c.pack_info()),
            live
        );
        assert_eq!(packs(), before, "nothing written");
        let last = status(&self.data).unwrap().history.remove(0);
        assert_eq!(last.outcome, ImportOutcome::Refused);
        assert_eq!(last.errors, [format!("{SIGNATURE}: : {message}")]);
        message
    }
}

/// Runs `pavilion` on the kiosk's data folder, with `PAVILION_KEY_PASSWORD`
/// set when `password` is given, and no terminal.
fn pavilion(kiosk: &Kiosk, password: Option<&str>, args: &[&str]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_pavilion"));
    command
        .env("PAVILION_DATA_DIR", kiosk.data.root())
        .env_remove("PAVILION_KEY_PASSWORD")
        .stdin(Stdio::null())
        .args(args);
    if let Some(password) = password {
        command.env("PAVILION_KEY_PASSWORD", password);
    }
    command.output().unwrap()
}

/// `pavilion pack sign PACK --key KEY`.
fn pack_sign(kiosk: &Kiosk, password: Option<&str>, pack: &Path, key: &Path) -> Output {
    let (pack, key) = (pack.to_str().unwrap(), key.to_str().unwrap());
    pavilion(kiosk, password, &["pack", "sign", pack, "--key", key])
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).unwrap()
}

/// Runs the reference `minisign`; fails the test when it is not installed.
fn minisign(dir: &Path, args: &[&str]) -> Output {
    let output = Command::new("minisign")
        .current_dir(dir)
        .args(args)
        .stdin(Stdio::null())
        .output()
        .unwrap_or_else(|error| {
            panic!("cannot run the reference `minisign` tool ({error}): run scripts/install-deps.sh (CI installs it)")
        });
    assert!(
        output.status.success(),
        "minisign {args:?}: {}{}",
        text(&output.stdout),
        text(&output.stderr)
    );
    output
}

/// A signature of `pack`'s manifest as it is, by `key`, with any trusted
/// comment (what a careless or hostile signer could make).
fn sign_with_comment(pack: &Path, key: &Path, comment: &str) {
    let secret = minisign::SecretKey::from_unencrypted_box(
        minisign::SecretKeyBox::from_string(&fs::read_to_string(key).unwrap()).unwrap(),
    )
    .unwrap();
    let manifest = fs::read(pack.join(MANIFEST)).unwrap();
    let signature =
        minisign::sign(None, &secret, Cursor::new(manifest), Some(comment), None).unwrap();
    fs::write(pack.join(SIGNATURE), signature.to_bytes()).unwrap();
}

#[test]
fn without_trusted_keys_unsigned_packs_are_accepted_as_before() {
    let kiosk = Kiosk::new();
    import(&kiosk.data, &kiosk.pack("v1", 1)).unwrap();
    let status = status(&kiosk.data).unwrap();
    assert_eq!(status.trusted_keys, Vec::<String>::new());
    assert_eq!(status.signer, Some(Signer::Unsigned));
}

#[test]
fn an_unsigned_pack_is_refused_once_a_key_is_trusted() {
    let kiosk = Kiosk::new();
    import(&kiosk.data, &kiosk.pack("v1", 1)).unwrap();
    let (_, id) = kiosk.trusted_key("key");
    let message = kiosk.refused(&kiosk.pack("v2", 2));
    assert_eq!(
        message,
        format!("missing: this kiosk accepts only packs signed by a trusted key ({id}); sign the pack with `pavilion pack sign PACK --key KEYFILE` and one of those keys")
    );
    let last = status(&kiosk.data).unwrap().history.remove(0);
    assert_eq!(
        (last.pack.as_deref(), last.version),
        (Some("expo"), Some(2)),
        "the history says which pack it claimed to be"
    );
    assert_eq!(
        kiosk.live(),
        ("expo".into(), 1),
        "the unsigned v1 stays live"
    );
}

#[test]
fn an_unsigned_pack_with_a_new_id_is_refused() {
    let kiosk = Kiosk::new();
    let (key, _) = kiosk.trusted_key("key");
    // Into an empty data folder, and beside a live signed pack: an unused
    // pack id is no way around the keys.
    let mut stranger = TestPack::small();
    stranger.manifest["pack"] = json!("stranger");
    let stranger = stranger.write_in(kiosk.work.path(), "stranger");
    assert!(kiosk.refused(&stranger).starts_with("missing: "));
    import(&kiosk.data, &kiosk.signed("v1", 1, &key)).unwrap();
    assert!(kiosk.refused(&stranger).starts_with("missing: "));
    assert_eq!(kiosk.live(), ("expo".into(), 1));
}

#[test]
fn a_pack_signed_by_an_untrusted_key_is_refused() {
    let kiosk = Kiosk::new();
    let (_, trusted) = kiosk.trusted_key("trusted");
    let (stranger, stranger_id) = kiosk.key("stranger");
    let message = kiosk.refused(&kiosk.signed("v1", 1, &stranger));
    assert_eq!(
        message,
        format!("signed by key {stranger_id}, which this kiosk does not trust (it trusts {trusted}): sign the pack with a trusted key, or trust this one with `pavilion keys trust PUBFILE`")
    );
}

#[test]
fn a_manifest_changed_after_signing_is_refused() {
    let kiosk = Kiosk::new();
    let (key, id) = kiosk.trusted_key("key");
    let pack = kiosk.signed("v1", 1, &key);
    let manifest = pack.join(MANIFEST);
    let changed = fs::read_to_string(&manifest)
        .unwrap()
        .replace("\"Expo\"", "\"Expo!\"");
    fs::write(&manifest, changed).unwrap();
    assert_eq!(
        kiosk.refused(&pack),
        format!("the signature by key {id} does not match manifest.json: the pack (or the signature's trusted comment) changed after it was signed; sign it again")
    );

    // A trusted comment edited to another version breaks the signature too.
    let pack = kiosk.signed("v2", 1, &key);
    let signature = fs::read_to_string(pack.join(SIGNATURE))
        .unwrap()
        .replace("version=1", "version=9");
    fs::write(pack.join(SIGNATURE), signature).unwrap();
    assert!(kiosk
        .refused(&pack)
        .contains("does not match manifest.json"));
}

#[test]
fn a_signature_of_another_pack_or_version_is_refused() {
    let kiosk = Kiosk::new();
    let (key, _) = kiosk.trusted_key("key");
    let pack = kiosk.pack("v2", 2);
    sign_with_comment(&pack, &key, "pack=expo version=1");
    assert_eq!(
        kiosk.refused(&pack),
        "the signature is for pack \"expo\" version 1, not this pack \"expo\" version 2: a signature cannot be moved to another pack or version; sign this one"
    );
    sign_with_comment(&pack, &key, "pack=other version=2 timestamp:1");
    assert!(kiosk
        .refused(&pack)
        .starts_with("the signature is for pack \"other\" version 2, not this pack \"expo\""));
    // minisign's default comment names no pack.
    sign_with_comment(
        &pack,
        &key,
        "timestamp:1700000000\tfile:manifest.json\thashed",
    );
    assert_eq!(
        kiosk.refused(&pack),
        "the trusted comment \"timestamp:1700000000\tfile:manifest.json\thashed\" cannot be used: it does not name the pack and version (`pack=ID version=N`); sign with `pavilion pack sign`, or `minisign -S -m manifest.json -t \"pack=expo version=2\"`"
    );
    sign_with_comment(&pack, &key, "pack=expo version=2");
    import(&kiosk.data, &pack).unwrap();
}

#[test]
fn a_malformed_signature_file_is_refused() {
    let kiosk = Kiosk::new();
    let (key, _) = kiosk.trusted_key("key");
    let good = fs::read(kiosk.signed("good", 1, &key).join(SIGNATURE)).unwrap();
    let pack = kiosk.pack("v1", 1);
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("empty", Vec::new()),
        ("not text", vec![0xff, 0xfe, 0x00, 0x01]),
        ("truncated", good[..good.len() / 2].to_vec()),
        (
            "not base64",
            String::from_utf8(good.clone())
                .unwrap()
                .replacen("RU", "!!", 1)
                .into_bytes(),
        ),
        ("far too large", vec![b'a'; 200_000]),
    ];
    for (case, bytes) in cases {
        fs::write(pack.join(SIGNATURE), bytes).unwrap();
        let message = kiosk.refused(&pack);
        assert!(
            message.starts_with("not a minisign signature (")
                && message.ends_with("): sign the pack again with `pavilion pack sign`"),
            "{case}: {message}"
        );
    }
}

#[test]
fn a_trusted_key_file_that_is_not_a_key_stops_imports_until_it_is_fixed() {
    let kiosk = Kiosk::new();
    let (key, _) = kiosk.trusted_key("key");
    let broken = kiosk.data.trusted_keys().join("typo.pub");
    fs::write(&broken, "not a key").unwrap();
    // Skipping it could leave no key, and then unsigned packs would go live.
    match import(&kiosk.data, &kiosk.signed("v1", 1, &key)) {
        Err(Error::InvalidKey { path, message }) => {
            assert_eq!(path, broken);
            assert!(
                message.starts_with("not a minisign public key ("),
                "{message}"
            );
        }
        other => panic!("expected the broken key file named, got {other:?}"),
    }
    fs::remove_file(&broken).unwrap();
    import(&kiosk.data, &kiosk.signed("v1", 1, &key)).unwrap();
}

#[test]
fn packs_signed_by_the_minisign_tool_are_accepted_prehashed_and_legacy() {
    let kiosk = Kiosk::new();
    let dir = kiosk.work.path();
    minisign(dir, &["-G", "-W", "-p", "tool.pub", "-s", "tool.key"]);
    let output = pavilion(
        &kiosk,
        None,
        &["keys", "trust", dir.join("tool.pub").to_str().unwrap()],
    );
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));

    for (version, legacy) in [(1, false), (2, true)] {
        let pack = kiosk.pack(&format!("v{version}"), version);
        let comment = format!("pack=expo version={version}");
        let mut args = vec!["-S", "-s", "tool.key", "-m", "", "-t", &comment];
        let manifest = pack.join(MANIFEST);
        args[4] = manifest.to_str().unwrap();
        if legacy {
            args.push("-l");
        }
        minisign(dir, &args);
        // The signature's line starts with its algorithm: `Ed` (legacy)
        // is `RW…` in Base64, `ED` (prehashed) `RU…`.
        let algorithm = if legacy { "RW" } else { "RU" };
        let written = fs::read_to_string(pack.join(SIGNATURE)).unwrap();
        assert!(written.lines().nth(1).unwrap().starts_with(algorithm));
        let signature = PackSignature::parse(&fs::read(pack.join(SIGNATURE)).unwrap()).unwrap();
        assert_eq!(signature.trusted_comment(), comment);
        import(&kiosk.data, &pack).unwrap();
        assert_eq!(kiosk.live(), ("expo".into(), version));
    }
    // And one pavilion signs with the tool's key.
    let pack = kiosk.pack("v3", 3);
    let output = pack_sign(&kiosk, None, &pack, &dir.join("tool.key"));
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    import(&kiosk.data, &pack).unwrap();
}

#[test]
fn minisign_verifies_what_pack_sign_writes_with_a_password_protected_key() {
    let kiosk = Kiosk::new();
    let keys = kiosk.path("keys");
    let output = pavilion(
        &kiosk,
        Some("correct horse"),
        &["keys", "generate", keys.to_str().unwrap()],
    );
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    let public = keys.join("pavilion.pub");
    let secret = keys.join("pavilion.key");
    let pack = kiosk.pack("v1", 1);
    let sign = |password: Option<&str>| pack_sign(&kiosk, password, &pack, &secret);

    let output = sign(None);
    assert_eq!(output.status.code(), Some(2), "no password and no terminal");
    assert!(text(&output.stderr).contains("set PAVILION_KEY_PASSWORD"));
    let output = sign(Some("wrong"));
    assert_eq!(output.status.code(), Some(1));
    assert!(
        text(&output.stderr).contains("cannot use this secret key"),
        "{}",
        text(&output.stderr)
    );
    assert!(!pack.join(SIGNATURE).exists());

    let output = sign(Some("correct horse"));
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    assert!(text(&output.stdout).starts_with("signed: pack=expo version=1 with key "));

    let verified = minisign(
        kiosk.work.path(),
        &[
            "-V",
            "-p",
            public.to_str().unwrap(),
            "-m",
            pack.join(MANIFEST).to_str().unwrap(),
        ],
    );
    assert!(text(&verified.stdout).contains("Trusted comment: pack=expo version=1"));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(
            fs::metadata(&secret).unwrap().permissions().mode() & 0o777,
            0o600
        );
    }
    // A second key in the same folder would replace the first: refused.
    let output = pavilion(
        &kiosk,
        None,
        &["keys", "generate", "--unencrypted", keys.to_str().unwrap()],
    );
    assert_eq!(output.status.code(), Some(2));
    assert!(text(&output.stderr).contains("a key is already there"));
}

#[test]
fn two_trusted_keys_rotate_without_touching_the_live_pack() {
    let kiosk = Kiosk::new();
    let (old, _) = kiosk.trusted_key("old");
    import(&kiosk.data, &kiosk.signed("v1", 1, &old)).unwrap();
    let (new, new_id) = kiosk.trusted_key("new");
    assert_eq!(
        kiosk.live(),
        ("expo".into(), 1),
        "trusting a key changes no pack"
    );
    import(&kiosk.data, &kiosk.signed("v2", 2, &old)).unwrap();
    import(&kiosk.data, &kiosk.signed("v3", 3, &new)).unwrap();
    assert_eq!(
        status(&kiosk.data).unwrap().signer,
        Some(Signer::Key {
            id: new_id.to_string()
        })
    );
}

#[test]
fn removing_a_key_revokes_it_for_the_next_import_only() {
    let kiosk = Kiosk::new();
    let (old, old_id) = kiosk.trusted_key("old");
    let (new, new_id) = kiosk.trusted_key("new");
    import(&kiosk.data, &kiosk.signed("v1", 1, &old)).unwrap();

    let old_hex = old_id.to_string().to_lowercase();
    let output = pavilion(&kiosk, None, &["keys", "remove", &old_hex]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    assert!(text(&output.stdout).starts_with(&format!("removed: {old_id} (")));
    let after = status(&kiosk.data).unwrap();
    assert_eq!(kiosk.live(), ("expo".into(), 1), "the live pack stays live");
    assert_eq!(
        after.signer,
        Some(Signer::Key {
            id: old_id.to_string()
        })
    );
    assert_eq!(after.trusted_keys, [new_id.to_string()]);

    assert!(kiosk
        .refused(&kiosk.signed("v2", 2, &old))
        .starts_with(&format!(
            "signed by key {old_id}, which this kiosk does not trust"
        )));
    import(&kiosk.data, &kiosk.signed("v3", 3, &new)).unwrap();

    let output = pavilion(&kiosk, None, &["keys", "remove", &old_hex]);
    assert_eq!(output.status.code(), Some(1), "no longer trusted");
    assert!(text(&output.stderr).contains(&format!("no trusted key has id {old_id}")));
    let output = pavilion(&kiosk, None, &["keys", "remove", &new_id.to_string()]);
    assert!(text(&output.stdout).contains("no key trusted any more: unsigned packs are accepted"));
    import(&kiosk.data, &kiosk.pack("v4", 4)).unwrap();
}

#[test]
fn status_shows_the_policy_and_who_signed_the_live_pack() {
    let kiosk = Kiosk::new();
    import(&kiosk.data, &kiosk.pack("v1", 1)).unwrap();
    let plain = text(&pavilion(&kiosk, None, &["status"]).stdout);
    assert!(
        plain.contains("\n  unsigned\npolicy: unsigned packs accepted (no key trusted)\n"),
        "{plain}"
    );
    let output = pavilion(&kiosk, None, &["keys", "list"]);
    assert_eq!(
        text(&output.stdout),
        "no key trusted: unsigned packs are accepted\n"
    );

    let (key, id) = kiosk.trusted_key("key");
    import(&kiosk.data, &kiosk.signed("v2", 2, &key)).unwrap();
    let plain = text(&pavilion(&kiosk, None, &["status"]).stdout);
    assert!(
        plain.contains(&format!(
            "\n  signed by key {id}\npolicy: only packs signed by a trusted key: {id}\n"
        )),
        "{plain}"
    );
    let json: Status =
        serde_json::from_slice(&pavilion(&kiosk, None, &["status", "--json"]).stdout).unwrap();
    assert_eq!(json.trusted_keys, [id.to_string()]);
    assert_eq!(json.signer, Some(Signer::Key { id: id.to_string() }));
    let raw: serde_json::Value =
        serde_json::from_slice(&pavilion(&kiosk, None, &["status", "--json"]).stdout).unwrap();
    assert_eq!(raw["signer"], json!({"kind": "key", "id": id.to_string()}));
    let output = pavilion(&kiosk, None, &["keys", "list"]);
    assert_eq!(
        text(&output.stdout),
        format!(
            "{id}\t{}\n",
            kiosk
                .data
                .trusted_keys()
                .join(format!("{id}.pub"))
                .display()
        )
    );
}

#[test]
fn the_bundled_demo_pack_still_shows_when_keys_are_trusted() {
    let kiosk = Kiosk::new();
    kiosk.trusted_key("key");
    let demo = kiosk.pack("demo", 1);
    // From outside, the same unsigned pack is refused ...
    kiosk.refused(&demo);
    // ... but a kiosk with nothing to show shows the demo pack of its app.
    let scratch = Scratch::InPrivate(kiosk.path("run"));
    let showing = open_for_kiosk(&kiosk.data, &demo, &scratch).unwrap();
    assert_eq!(showing.content, kiosk.data);
    assert_eq!(showing.catalog.pack_info().pack, "expo");
    let status = status(&kiosk.data).unwrap();
    assert_eq!(status.signer, Some(Signer::Bundled));
    let plain = text(&pavilion(&kiosk, None, &["status"]).stdout);
    assert!(
        plain.contains("\n  the demo pack bundled with the app (shown unsigned)\n"),
        "{plain}"
    );
}

/// The folder `pack` zipped inside a top folder, as zipping the folder gives.
fn zipped(pack: &Path, zip: &Path) {
    let mut writer = ZipWriter::new(Cursor::new(Vec::new()));
    for (path, bytes) in snapshot(pack) {
        writer
            .start_file(
                format!("pack/{}", path.display()),
                SimpleFileOptions::default(),
            )
            .unwrap();
        writer.write_all(&bytes).unwrap();
    }
    fs::write(zip, writer.finish().unwrap().into_inner()).unwrap();
}

#[test]
fn a_signed_zip_pack_is_accepted_signed_as_a_folder_or_as_a_zip() {
    let kiosk = Kiosk::new();
    let (key, id) = kiosk.trusted_key("key");
    let zip = kiosk.path("v1.zip");
    zipped(&kiosk.signed("v1", 1, &key), &zip);
    import(&kiosk.data, &zip).unwrap();
    assert_eq!(
        status(&kiosk.data).unwrap().signer,
        Some(Signer::Key { id: id.to_string() })
    );

    // An unsigned zip, then one signed by another key, signed in place:
    // the archive gets the signature beside its manifest, once.
    let zip = kiosk.path("v2.zip");
    zipped(&kiosk.pack("v2", 2), &zip);
    kiosk.refused(&zip);
    let (other, _) = kiosk.key("other");
    for key in [&other, &key] {
        let output = pack_sign(&kiosk, None, &zip, key);
        assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    }
    let archive = zip::ZipArchive::new(fs::File::open(&zip).unwrap()).unwrap();
    let names: Vec<String> = archive
        .file_names()
        .map(|name| name.unwrap().into_owned())
        .collect();
    let signatures: Vec<&String> = names
        .iter()
        .filter(|name| name.ends_with(".minisig"))
        .collect();
    assert_eq!(signatures, ["pack/manifest.json.minisig"]);
    assert_eq!(names.len(), snapshot(&kiosk.path("v2")).len() + 1);
    assert!(!kiosk.path(".v2.zip.tmp-sign").exists());
    import(&kiosk.data, &zip).unwrap();
    assert_eq!(kiosk.live(), ("expo".into(), 2));
}

#[test]
fn pack_sign_signs_only_a_valid_pack() {
    let kiosk = Kiosk::new();
    let (key, _) = kiosk.key("key");
    let mut broken = TestPack::small();
    broken.json_mut("content/exhibitors.json", |exhibitors| {
        exhibitors[0]["park"] = json!("nowhere")
    });
    let broken = broken.write_in(kiosk.work.path(), "broken");
    let output = pack_sign(&kiosk, None, &broken, &key);
    assert_eq!(output.status.code(), Some(1));
    assert!(text(&output.stderr).starts_with("content/exhibitors.json: /0/park: unknown park"));
    assert!(!broken.join(SIGNATURE).exists());
}

#[test]
fn keys_trust_refuses_a_file_that_is_not_a_public_key() {
    let kiosk = Kiosk::new();
    let (secret, _) = kiosk.key("key");
    let output = pavilion(&kiosk, None, &["keys", "trust", secret.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        text(&output.stderr).contains("not a minisign public key ("),
        "{}",
        text(&output.stderr)
    );
    assert!(!kiosk.data.trusted_keys().exists());
    let public = secret.with_file_name(signing::PUBLIC_KEY_FILE);
    let output = pavilion(&kiosk, None, &["keys", "trust", public.to_str().unwrap()]);
    assert!(text(&output.stdout).starts_with("trusted: "));
    let output = pavilion(&kiosk, None, &["keys", "trust", public.to_str().unwrap()]);
    assert!(text(&output.stdout).starts_with("already trusted: "));
}

#[test]
fn trusted_comments_name_one_pack_and_one_version() {
    let parsed = TrustedComment::parse("timestamp:1 pack=waic-2021\tversion=3 file:x").unwrap();
    assert_eq!(
        parsed,
        TrustedComment {
            pack: "waic-2021".into(),
            version: 3
        }
    );
    assert_eq!(parsed.to_string(), "pack=waic-2021 version=3");
    for bad in [
        "pack=a",
        "version=1",
        "pack=a version=1 pack=b",
        "pack=a version=+1",
        "pack=a version=99999999999",
        "",
    ] {
        assert!(TrustedComment::parse(bad).is_err(), "{bad}");
    }
}

#[test]
fn every_truncation_or_flipped_byte_of_a_signature_is_refused_without_a_panic() {
    let kiosk = Kiosk::new();
    let (key, id) = kiosk.trusted_key("key");
    let pack = kiosk.signed("v1", 1, &key);
    let good = fs::read(pack.join(SIGNATURE)).unwrap();
    assert_eq!(PackSignature::parse(&good).unwrap().key_id, id);
    for length in 0..good.len() - 1 {
        // The last byte is a newline: without it the signature still reads.
        assert!(PackSignature::parse(&good[..length]).is_err(), "{length}");
    }
    // The untrusted comment (the first line) is not signed: changing it
    // changes nothing.
    let signed_from = good.iter().position(|&byte| byte == b'\n').unwrap() + 1;
    for at in signed_from..good.len() - 1 {
        let mut bent = good.clone();
        bent[at] ^= 0x01;
        if PackSignature::parse(&bent).is_err() {
            continue;
        }
        fs::write(pack.join(SIGNATURE), &bent).unwrap();
        match import(&kiosk.data, &pack) {
            Err(Error::SignatureRefused { .. }) => {}
            other => panic!("a flipped bit at {at} gave {other:?}"),
        }
    }
}

/// Key files are opened as a pack's files are: a pipe is refused at once
/// rather than waited on (before, `keys trust` hung on one), and in
/// `DATA/trusted-keys/` a link is refused rather than followed.
#[cfg(unix)]
#[test]
fn key_files_that_are_pipes_or_links_are_refused_without_waiting_on_them() {
    use crate::hostile::{mkfifo, within_a_minute};
    let kiosk = Kiosk::new();
    let (key, _) = kiosk.key("key");
    let pipe = kiosk.path("pipe.pub");
    mkfifo(&pipe);
    let data = kiosk.data.clone();
    let trusted = within_a_minute(move || signing::trust(&data, &pipe));
    let not_regular = "not a regular file (a link, pipe or device): put the key file itself here";
    match trusted {
        Err(Error::InvalidKey { message, .. }) => assert_eq!(message, not_regular),
        other => panic!("expected the pipe refused, got {other:?}"),
    }
    let dir = kiosk.data.trusted_keys();
    fs::create_dir_all(&dir).unwrap();
    let link = dir.join("linked.pub");
    std::os::unix::fs::symlink(key.with_file_name(signing::PUBLIC_KEY_FILE), &link).unwrap();
    match signing::trusted_keys(&kiosk.data) {
        Err(Error::InvalidKey { path, message }) => {
            assert_eq!((path, message.as_str()), (link.clone(), not_regular))
        }
        other => panic!("expected the link refused, got {other:?}"),
    }
    fs::remove_file(&link).unwrap();
    let pipe = dir.join("pipe.pub");
    mkfifo(&pipe);
    let data = kiosk.data.clone();
    match within_a_minute(move || signing::trusted_keys(&data)) {
        Err(Error::InvalidKey { path, message }) => {
            assert_eq!((path, message.as_str()), (pipe, not_regular))
        }
        other => panic!("expected the pipe refused, got {other:?}"),
    }
}
