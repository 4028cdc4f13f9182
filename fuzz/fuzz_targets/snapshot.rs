//! `snapshot`: arbitrary bytes through `Engine::from_snapshot`, which must never panic: it
//! rebuilds an engine or answers an error at path `snapshot`. The first byte picks how:
//!
//! - even: the bytes after it as they are (the magic, version, length and checksum checks);
//! - odd: the bytes after it with the header's length and the trailing checksum made right
//!   (`credgate::snapshot_checksum`), so that mutations reach the payload's own checks (counts,
//!   indexes, instants, UTF-8) as a forged snapshot would.
//!
//! The same bytes are also read in steps of one item (`credgate::SnapshotLoader`), which must
//! give the same engine or the same error. An engine that rebuilds is asked every question
//! (`credgate_fuzz::deep`; a forged one, `credgate_fuzz::survive`: answers without a panic, not
//! necessarily consistent ones) and snapshotted
//! again, which must rebuild. Seeds (fuzz/seeds.mjs): snapshots of the sample and fixture pairs,
//! written by the built package, behind an odd and an even first byte.
#![no_main]

use credgate::Engine;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else { return };
    let mut bytes = rest.to_vec();
    if mode & 1 == 1 && bytes.len() >= 28 {
        let body = bytes.len() - 8;
        let len = (body - 20) as u64;
        bytes[12..20].copy_from_slice(&len.to_le_bytes());
        let sum = credgate::snapshot_checksum(&bytes[..body]);
        bytes[body..].copy_from_slice(&sum.to_le_bytes());
    }
    // In steps of one item too (`SnapshotLoader`): the same engine or the same error.
    let mut loader = credgate::SnapshotLoader::new(bytes.clone());
    let stepped = loop {
        match loader.step(1) {
            Ok(true) => break loader.finish(),
            Ok(false) => {}
            Err(e) => break Err(e),
        }
    };
    let one = Engine::from_snapshot(&bytes);
    match (&stepped, &one) {
        (Ok(a), Ok(b)) => assert_eq!(a.export(), b.export()),
        (Err(a), Err(b)) => assert_eq!(a, b),
        _ => panic!("in steps and in one differ"),
    }
    match one {
        Ok(engine) => {
            // Bytes as written (an even first byte) must answer as their engine did, export
            // included; forged ones (odd) must answer without a panic.
            if mode & 1 == 0 {
                credgate_fuzz::deep(&engine);
            } else {
                credgate_fuzz::survive(&engine);
            }
            let again = Engine::from_snapshot(&engine.snapshot());
            assert!(again.is_ok(), "a rebuilt engine's snapshot does not rebuild");
        }
        Err(e) => {
            let problems = e.problems();
            assert_eq!(problems.len(), 1);
            assert_eq!(problems[0].path, "snapshot");
        }
    }
});
