//! Unpredictable names and secrets from the operating system's random source: temporary file
//! names nobody can plant a link at, and the preview's per-run secret.

/// `bytes` random bytes from the operating system, as lowercase hex.
pub fn hex(bytes: usize) -> std::io::Result<String> {
    let mut random = vec![0u8; bytes];
    getrandom::fill(&mut random).map_err(std::io::Error::other)?;
    Ok(random.iter().map(|b| format!("{b:02x}")).collect())
}

#[cfg(test)]
mod tests {
    #[test]
    fn each_draw_is_new_and_of_the_length_asked() {
        let (a, b) = (super::hex(16).unwrap(), super::hex(16).unwrap());
        assert_eq!(a.len(), 32);
        assert_ne!(a, b);
        assert!(a.chars().all(|c| c.is_ascii_hexdigit()));
    }
}
