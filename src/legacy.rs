//! The legacy Vietnamese encodings of the 1990s fonts, still in units' templates: TCVN3 (ABC,
//! fonts `.VnTime`, `.VnArial` …) and VNI (`VNI-Times` …). Word keeps such text as the Latin-1
//! characters of its bytes (`B¸t X¸t`), readable only in that font; loa converts it to Unicode
//! by the run's font, and tells text that still looks encoded (pasted, not imported) apart.

use unicode_normalization::UnicodeNormalization;

/// A legacy encoding, known from a font's name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    /// TCVN3 (ABC): one byte per letter.
    Tcvn3,
    /// TCVN3's capitals fonts (`.VnTimeH`): the same bytes, drawn as capitals.
    Tcvn3Capitals,
    /// VNI: a base letter followed by its marks.
    Vni,
}

impl Encoding {
    /// The name the officer knows it by.
    pub fn label(self) -> &'static str {
        match self {
            Encoding::Tcvn3 | Encoding::Tcvn3Capitals => "TCVN3",
            Encoding::Vni => "VNI",
        }
    }
}

/// The encoding a font name implies: `.VnTime` → TCVN3, `.VnTimeH` → TCVN3 capitals,
/// `VNI-Times` → VNI; `None` for a Unicode font.
pub fn font_encoding(font: &str) -> Option<Encoding> {
    let font = font.trim();
    let lower = font.to_lowercase();
    if lower.starts_with(".vn") {
        // The capitals fonts add a capital H to the family's name.
        Some(if font.ends_with('H') {
            Encoding::Tcvn3Capitals
        } else {
            Encoding::Tcvn3
        })
    } else if lower.starts_with("vni-") || lower.starts_with("vni ") {
        Some(Encoding::Vni)
    } else {
        None
    }
}

/// TCVN3 bytes 0xA1–0xFF (Word shows them as U+00A1–U+00FF) in Unicode. The slots TCVN3
/// leaves empty follow TCVN 5712 VN1, its superset, so nothing is lost.
const TCVN3: [char; 95] = [
    '\u{0102}', '\u{00C2}', '\u{00CA}', '\u{00D4}', '\u{01A0}', '\u{01AF}', '\u{0110}', '\u{0103}',
    '\u{00E2}', '\u{00EA}', '\u{00F4}', '\u{01A1}', '\u{01B0}', '\u{0111}', '\u{1EB0}', '\u{0300}',
    '\u{0309}', '\u{0303}', '\u{0301}', '\u{0323}', '\u{00E0}', '\u{1EA3}', '\u{00E3}', '\u{00E1}',
    '\u{1EA1}', '\u{1EB2}', '\u{1EB1}', '\u{1EB3}', '\u{1EB5}', '\u{1EAF}', '\u{1EB4}', '\u{1EAE}',
    '\u{1EA6}', '\u{1EA8}', '\u{1EAA}', '\u{1EA4}', '\u{1EC0}', '\u{1EB7}', '\u{1EA7}', '\u{1EA9}',
    '\u{1EAB}', '\u{1EA5}', '\u{1EAD}', '\u{00E8}', '\u{1EC2}', '\u{1EBB}', '\u{1EBD}', '\u{00E9}',
    '\u{1EB9}', '\u{1EC1}', '\u{1EC3}', '\u{1EC5}', '\u{1EBF}', '\u{1EC7}', '\u{00EC}', '\u{1EC9}',
    '\u{1EC4}', '\u{1EBE}', '\u{1ED2}', '\u{0129}', '\u{00ED}', '\u{1ECB}', '\u{00F2}', '\u{1ED4}',
    '\u{1ECF}', '\u{00F5}', '\u{00F3}', '\u{1ECD}', '\u{1ED3}', '\u{1ED5}', '\u{1ED7}', '\u{1ED1}',
    '\u{1ED9}', '\u{1EDD}', '\u{1EDF}', '\u{1EE1}', '\u{1EDB}', '\u{1EE3}', '\u{00F9}', '\u{1ED6}',
    '\u{1EE7}', '\u{0169}', '\u{00FA}', '\u{1EE5}', '\u{1EEB}', '\u{1EED}', '\u{1EEF}', '\u{1EE9}',
    '\u{1EF1}', '\u{1EF3}', '\u{1EF7}', '\u{1EF9}', '\u{00FD}', '\u{1EF5}', '\u{1ED0}',
];

/// Text written in a legacy font, in Unicode (NFC).
pub fn convert(text: &str, encoding: Encoding) -> String {
    let converted: String = match encoding {
        Encoding::Tcvn3 => text.chars().map(tcvn3_char).collect(),
        Encoding::Tcvn3Capitals => text
            .chars()
            .map(tcvn3_char)
            .collect::<String>()
            .to_uppercase(),
        Encoding::Vni => vni(text),
    };
    converted.nfc().collect()
}

/// Text in a legacy font's run that cannot be in that encoding: it has letters past Latin-1
/// (`ơ`, `ệ`), which TCVN3 and VNI never produce, so it was typed in Unicode in an old
/// template's font and must be left as it is.
pub fn is_unicode(text: &str) -> bool {
    text.chars()
        .any(|c| c.is_alphabetic() && u32::from(c) > 0xFF)
}

fn tcvn3_char(c: char) -> char {
    match c as u32 {
        code @ 0xA1..=0xFF => TCVN3[(code - 0xA1) as usize],
        _ => c,
    }
}

/// VNI letters that stand alone: `ô` is ơ, `ö` ư, `ñ` đ, and the i and y with a tone.
fn vni_letter(c: char) -> Option<char> {
    Some(match c {
        'ô' => 'ơ',
        'Ô' => 'Ơ',
        'ö' => 'ư',
        'Ö' => 'Ư',
        'ñ' => 'đ',
        'Ñ' => 'Đ',
        'æ' => 'ỉ',
        'Æ' => 'Ỉ',
        'ó' => 'ĩ',
        'Ó' => 'Ĩ',
        'ò' => 'ị',
        'Ò' => 'Ị',
        'î' => 'ỵ',
        'Î' => 'Ỵ',
        // í and ì are themselves in VNI.
        _ => return None,
    })
}

/// VNI marks written after their letter, as Unicode combining marks: the letter modifier
/// (circumflex, breve) first, then the tone.
fn vni_marks(c: char) -> Option<&'static [char]> {
    const CIRCUMFLEX: char = '\u{0302}';
    const BREVE: char = '\u{0306}';
    const ACUTE: char = '\u{0301}';
    const GRAVE: char = '\u{0300}';
    const HOOK: char = '\u{0309}';
    const TILDE: char = '\u{0303}';
    const DOT: char = '\u{0323}';
    Some(match c.to_lowercase().next()? {
        'ù' => &[ACUTE],
        'ø' => &[GRAVE],
        'û' => &[HOOK],
        'õ' => &[TILDE],
        'ï' => &[DOT],
        'â' => &[CIRCUMFLEX],
        'á' => &[CIRCUMFLEX, ACUTE],
        'à' => &[CIRCUMFLEX, GRAVE],
        'å' => &[CIRCUMFLEX, HOOK],
        'ã' => &[CIRCUMFLEX, TILDE],
        'ä' => &[CIRCUMFLEX, DOT],
        'ê' => &[BREVE],
        'é' => &[BREVE, ACUTE],
        'è' => &[BREVE, GRAVE],
        'ú' => &[BREVE, HOOK],
        'ü' => &[BREVE, TILDE],
        'ë' => &[BREVE, DOT],
        _ => return None,
    })
}

fn vni(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut after_letter = false;
    for c in text.chars() {
        if let Some(letter) = vni_letter(c) {
            out.push(letter);
            after_letter = true;
        } else if let Some(marks) = vni_marks(c).filter(|_| after_letter) {
            out.extend(marks);
        } else {
            out.push(c);
            after_letter = c.is_alphabetic();
        }
    }
    out
}

/// Text that still looks written in a legacy encoding: which one, and a word that shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suspect {
    pub encoding: Encoding,
    pub example: String,
}

/// Characters that legacy text shows and no Vietnamese word has in Unicode. Left out: the
/// soft hyphen (TCVN3's ư; Unicode text has soft hyphens too) and ° ± ² ³ ´ (`25°C`), which
/// TCVN3 does not use.
fn legacy_sign(c: char) -> bool {
    matches!(c, '\u{A1}'..='\u{AC}' | '\u{AE}'..='\u{AF}' | '\u{B5}'..='\u{BF}' | '\u{C4}'..='\u{C7}' | '\u{CB}'
        | '\u{CE}'..='\u{D1}' | '\u{D6}'..='\u{D8}' | '\u{DB}'..='\u{DC}' | '\u{DE}'..='\u{DF}'
        | '\u{E4}'..='\u{E7}' | '\u{EB}' | '\u{EE}'..='\u{F1}' | '\u{F6}'..='\u{F8}'
        | '\u{FB}'..='\u{FC}' | '\u{FE}'..='\u{FF}')
}

/// Whether a suspect word reads as VNI: a VNI mark right after a vowel (`Vieät`, `chöùc`);
/// in TCVN3 the odd character is the vowel itself, after a consonant (`ViÖt`, `chøc`).
fn reads_as_vni(word: &str) -> bool {
    let chars: Vec<char> = word.chars().collect();
    chars.windows(2).any(|w| {
        let vowel = matches!(w[0].to_ascii_lowercase(), 'a' | 'e' | 'i' | 'o' | 'u' | 'y')
            || matches!(w[0], 'ô' | 'ö' | 'Ô' | 'Ö');
        vowel && vni_marks(w[1]).is_some()
    })
}

/// Whether `text` looks like TCVN3 or VNI shown as Unicode: at least three words that mix
/// ASCII letters with characters no Vietnamese word has in Unicode. Each such word votes for
/// the encoding it reads as; the majority names it.
pub fn looks_legacy(text: &str) -> Option<Suspect> {
    // `check` asks this of every page: most have none of these characters at all.
    if !text.chars().any(legacy_sign) {
        return None;
    }
    let mut tcvn3: Vec<&str> = Vec::new();
    let mut vni: Vec<&str> = Vec::new();
    let words = text
        .split(|c: char| c.is_whitespace() || c == '<' || c == '>')
        .map(|w| w.trim_matches(|c: char| c.is_ascii_punctuation()));
    for word in words {
        if !word.chars().any(|c| c.is_ascii_alphabetic()) || !word.chars().any(legacy_sign) {
            continue;
        }
        let list = if reads_as_vni(word) {
            &mut vni
        } else {
            &mut tcvn3
        };
        if !list.contains(&word) {
            list.push(word);
        }
    }
    if tcvn3.len() + vni.len() < 3 {
        return None;
    }
    let (encoding, words) = if tcvn3.len() >= vni.len() {
        (Encoding::Tcvn3, &tcvn3)
    } else {
        (Encoding::Vni, &vni)
    };
    Some(Suspect {
        encoding,
        example: words.first()?.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tcvn3_pairs_from_the_issue_convert() {
        assert_eq!(convert("B¸t X¸t", Encoding::Tcvn3), "Bát Xát");
        assert_eq!(convert("Së T\u{AD} ph¸p", Encoding::Tcvn3), "Sở Tư pháp");
    }

    #[test]
    fn tcvn3_converts_every_vowel_group_and_leaves_ascii_alone() {
        assert_eq!(
            convert(
                "Thñ tôc hµnh chÝnh ®\u{AD}îc gi¶i quyÕt ®óng h¹n",
                Encoding::Tcvn3
            ),
            "Thủ tục hành chính được giải quyết đúng hạn"
        );
        assert_eq!(
            convert("Céng hoµ x· héi chñ nghÜa ViÖt Nam", Encoding::Tcvn3),
            "Cộng hoà xã hội chủ nghĩa Việt Nam"
        );
        assert_eq!(convert("118/2025/N§-CP", Encoding::Tcvn3), "118/2025/NĐ-CP");
    }

    #[test]
    fn tcvn3_capitals_fonts_give_capitals() {
        assert_eq!(
            convert("së t\u{AD} ph¸p", Encoding::Tcvn3Capitals),
            "SỞ TƯ PHÁP"
        );
    }

    #[test]
    fn vni_letters_and_marks_compose() {
        assert_eq!(convert("Sôû Tö phaùp", Encoding::Vni), "Sở Tư pháp");
        assert_eq!(convert("Vieät Nam", Encoding::Vni), "Việt Nam");
        assert_eq!(convert("ngöôøi daân", Encoding::Vni), "người dân");
        assert_eq!(
            convert("thuû tuïc haønh chính", Encoding::Vni),
            "thủ tục hành chính"
        );
        assert_eq!(
            convert("Ñoàng Thaùp, AÊN, Aên", Encoding::Vni),
            "Đồng Tháp, ĂN, Ăn"
        );
    }

    #[test]
    fn unicode_typed_in_a_legacy_font_is_told_apart() {
        assert!(is_unicode("Sở Tư pháp"));
        assert!(!is_unicode("Së T\u{AD} ph¸p “trích”"));
        assert!(!is_unicode("Sôû Tö phaùp"));
    }

    #[test]
    fn font_names_say_the_encoding() {
        assert_eq!(font_encoding(".VnTime"), Some(Encoding::Tcvn3));
        assert_eq!(font_encoding(" .VnArial Narrow"), Some(Encoding::Tcvn3));
        assert_eq!(font_encoding(".VnTimeH"), Some(Encoding::Tcvn3Capitals));
        assert_eq!(font_encoding("VNI-Times"), Some(Encoding::Vni));
        assert_eq!(font_encoding("Times New Roman"), None);
        assert_eq!(font_encoding("Vni"), None);
    }

    #[test]
    fn pasted_legacy_text_is_recognised_and_unicode_is_not() {
        let tcvn3 = looks_legacy("Së T\u{AD} ph¸p tØnh An Giang tæ chøc héi nghÞ").unwrap();
        assert_eq!(tcvn3.encoding, Encoding::Tcvn3);
        assert_eq!(tcvn3.example, "Së");
        let vni = looks_legacy("Sôû Tö phaùp tænh An Giang toå chöùc").unwrap();
        assert_eq!(vni.encoding, Encoding::Vni);
        assert_eq!(
            looks_legacy("Sở Tư pháp tỉnh An Giang: © 2025, Müller, trời 25°C, 30°C, 28°C."),
            None
        );
        assert_eq!(looks_legacy("Bát Xát, Đồng Tháp, Ông Ánh, Ủy ban"), None);
    }
}
