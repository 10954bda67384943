//! Memo keys: the hash of what one result (a parsed file, a page's HTML, a list page) is made
//! from, so a later build can tell that result unchanged without comparing its inputs.
//!
//! `serve` makes several keys for every page on every rebuild, each from a few short pieces.
//! A `blake3::Hasher` carries a 2 KB state that is set up, moved and fed piece by piece;
//! gathering the pieces first and hashing them in one call costs a fraction of that.

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
    pub fn hash(&mut self, hash: &blake3::Hash) -> &mut Key {
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

    pub fn finish(&self) -> blake3::Hash {
        blake3::hash(&self.bytes)
    }
}

/// The hash a written file's bytes are known by (the output folder's manifest): XXH3, 128
/// bits, in hex. It only tells whether a file holds the bytes loa would write now, never
/// what may be trusted, so it need not resist a forger; and every byte of the site passes
/// here, where blake3 took 4 % of a clean build's time.
pub fn content_hash(bytes: &[u8]) -> String {
    format!("{:032x}", twox_hash::XxHash3_128::oneshot(bytes))
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
}
