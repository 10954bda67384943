//! Memo keys: the hash of what one result (a parsed file, a page's HTML, a list page) is made
//! from, so a later build can tell that result unchanged without comparing its inputs.
//!
//! `serve` makes several keys for every page on every rebuild, each from a few short pieces.
//! A hasher's state is set up, moved and fed piece by piece; gathering the pieces first and
//! hashing them in one call costs a fraction of that.
//!
//! A key, and the hash of each file read, is XXH3 of 128 bits ([`Hash`]). It only tells
//! whether a result made before may be used again, never what may be trusted, so it need not
//! resist a forger: an author who made two articles share a key would at worst see the first
//! one's page kept when the second replaced it. A leader's approval, which must resist one,
//! is signed with a keyed blake3 (`approval.rs`) over the article's text itself, not through
//! these hashes, and publishing knows files by blake3.
//! blake3 took 3.4 % of a clean build's instructions here, on pieces of a few hundred bytes
//! and sources of a few kilobytes; XXH3 a tenth of that.

/// A key or a file's hash: XXH3, 128 bits.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, Default)]
pub struct Hash([u8; Hash::LEN]);

impl Hash {
    /// Bytes in a hash.
    pub const LEN: usize = 16;

    /// The hash of `bytes`.
    pub fn of(bytes: &[u8]) -> Hash {
        Hash(twox_hash::XxHash3_128::oneshot(bytes).to_le_bytes())
    }

    pub fn as_bytes(&self) -> &[u8; Hash::LEN] {
        &self.0
    }

    /// In hex, as the output folder's manifest and the image cache name it.
    pub fn to_hex(&self) -> String {
        format!("{:032x}", u128::from_le_bytes(self.0))
    }
}

/// A [`Hash`] of pieces fed one after the other, for what is hashed from many large pieces
/// (every file of the search index, every template).
#[derive(Default)]
pub struct Hasher(twox_hash::XxHash3_128);

impl Hasher {
    pub fn new() -> Hasher {
        Hasher::default()
    }

    pub fn update(&mut self, bytes: &[u8]) -> &mut Hasher {
        self.0.write(bytes);
        self
    }

    pub fn finalize(&self) -> Hash {
        Hash(self.0.finish_128().to_le_bytes())
    }
}

/// The pieces of one key, hashed by [`Key::finish`].
#[derive(Debug, Default, Clone)]
pub struct Key {
    bytes: Vec<u8>,
}

impl Key {
    /// A key for a `kind` of result, so results of two kinds never share a key.
    pub fn new(kind: &str) -> Key {
        let mut key = Key {
            bytes: Vec::with_capacity(256),
        };
        key.text(kind);
        key
    }

    /// Adds a text, length first, so that ("ab", "c") and ("a", "bc") differ.
    pub fn text(&mut self, text: &str) -> &mut Key {
        self.number(text.len() as u64);
        self.bytes.extend_from_slice(text.as_bytes());
        self
    }

    /// Adds another key or hash.
    pub fn hash(&mut self, hash: &Hash) -> &mut Key {
        self.bytes.extend_from_slice(hash.as_bytes());
        self
    }

    pub fn number(&mut self, n: u64) -> &mut Key {
        self.bytes.extend_from_slice(&n.to_le_bytes());
        self
    }

    /// Adds bytes, length first.
    pub fn bytes(&mut self, bytes: &[u8]) -> &mut Key {
        self.number(bytes.len() as u64);
        self.bytes.extend_from_slice(bytes);
        self
    }

    pub fn finish(&self) -> Hash {
        Hash::of(&self.bytes)
    }
}

/// The hash a written file's bytes are known by (the output folder's manifest): XXH3, 128
/// bits, in hex. It only tells whether a file holds the bytes loa would write now, never
/// what may be trusted, so it need not resist a forger; and every byte of the site passes
/// here, where blake3 took 4 % of a clean build's time.
pub fn content_hash(bytes: &[u8]) -> String {
    Hash::of(bytes).to_hex()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pieces_are_kept_apart() {
        let ab_c = Key::new("k").text("ab").text("c").finish();
        let a_bc = Key::new("k").text("a").text("bc").finish();
        assert_ne!(ab_c, a_bc);
        assert_ne!(Key::new("page").finish(), Key::new("list").finish());
        assert_eq!(
            Key::new("k").number(3).finish(),
            Key::new("k").number(3).finish()
        );
    }

    #[test]
    fn pieces_fed_one_by_one_hash_as_the_whole() {
        let whole = Hash::of(b"abcdef");
        assert_eq!(
            Hasher::new().update(b"abc").update(b"def").finalize(),
            whole
        );
        assert_ne!(Hash::of(b"abcdeg"), whole);
        let hex = whole.to_hex();
        assert_eq!(hex.len(), 32);
        assert_eq!(
            hex,
            format!("{:032x}", twox_hash::XxHash3_128::oneshot(b"abcdef"))
        );
    }
}
