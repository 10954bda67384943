//! Which videos of other sites a page may show, and from where their players load: the one
//! list of hosts (YouTube, Facebook) and the player addresses loa makes for them.
//!
//! A page never loads a player by itself. The Markdown stage writes a link to the video (the
//! facade, `markdown/video.rs`); the theme's `video.js` puts the player in its place when the
//! reader clicks, and until then the page asks nothing of those sites. The player's address is
//! made here and nowhere else: a YouTube video plays from the privacy-enhanced host
//! (`youtube-nocookie.com`), and a video id is checked character by character, so an author
//! cannot steer the player to another page. The sanitizer lets through only an address
//! [`is_player`] accepts, so raw HTML cannot either.

use percent_encoding::{utf8_percent_encode, NON_ALPHANUMERIC};

/// Where a recognised video is published.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Host {
    YouTube,
    Facebook,
}

impl Host {
    /// The site's name as readers know it.
    pub fn name(self) -> &'static str {
        match self {
            Host::YouTube => "YouTube",
            Host::Facebook => "Facebook",
        }
    }
}

/// A video of another site, as a page shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Video {
    pub host: Host,
    /// The video's own page: what readers without JavaScript follow.
    pub watch: String,
    /// The player, loaded only when the reader asks for it.
    pub player: String,
}

const YOUTUBE_PLAYER: &str = "https://www.youtube-nocookie.com/embed/";
const FACEBOOK_PLAYER: &str = "https://www.facebook.com/plugins/video.php?href=";
const FACEBOOK_SUFFIX: &str = "&show_text=false";

/// The video a URL written by an author points at, if it is a YouTube or Facebook video.
pub fn recognise(url: &str) -> Option<Video> {
    let parsed = url::Url::parse(url.trim()).ok()?;
    if !matches!(parsed.scheme(), "http" | "https") || parsed.port().is_some() {
        return None;
    }
    let host = parsed.host_str()?.to_ascii_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host);
    match host {
        "youtube.com" | "m.youtube.com" | "youtu.be" | "youtube-nocookie.com" => {
            youtube(host, &parsed)
        }
        "facebook.com" | "m.facebook.com" | "web.facebook.com" | "fb.watch" => {
            facebook(host, &parsed)
        }
        _ => None,
    }
}

/// Whether `url` is a player address loa itself makes: the only kind a page may carry for
/// `video.js` to load.
pub fn is_player(url: &str) -> bool {
    if let Some(rest) = url.strip_prefix(YOUTUBE_PLAYER) {
        let id = rest.split('?').next().unwrap_or_default();
        let watch = format!("https://www.youtube.com/watch?v={id}{}", start_of(rest));
        return recognise(&watch).is_some_and(|v| v.player == url);
    }
    if let Some(rest) = url.strip_prefix(FACEBOOK_PLAYER) {
        let Some(href) = rest.strip_suffix(FACEBOOK_SUFFIX) else {
            return false;
        };
        let href = percent_encoding::percent_decode_str(href).decode_utf8_lossy();
        return recognise(&href).is_some_and(|v| v.player == url);
    }
    false
}

/// `&t=90s` of a player address's `?autoplay=1&start=90`, to rebuild the watch address.
fn start_of(player_query: &str) -> String {
    match player_query.split_once("&start=") {
        Some((_, seconds)) => format!("&t={seconds}s"),
        None => String::new(),
    }
}

/// `youtu.be/ID`, `youtube.com/watch?v=ID`, `/embed/ID`, `/shorts/ID`, `/live/ID`, with the
/// moment to start at (`t=90`, `t=1m30s`, `start=90`) kept.
fn youtube(host: &str, url: &url::Url) -> Option<Video> {
    let mut segments = url.path_segments()?.filter(|s| !s.is_empty());
    let id = if host == "youtu.be" {
        segments.next()?.to_string()
    } else {
        match segments.next()? {
            "watch" => query(url, "v")?,
            "embed" | "shorts" | "live" | "v" => segments.next()?.to_string(),
            _ => return None,
        }
    };
    let is_id = id.len() == 11
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    if !is_id {
        return None;
    }
    let start = query(url, "t")
        .or_else(|| query(url, "start"))
        .and_then(|t| seconds(&t))
        .filter(|s| *s > 0);
    let (watch_start, player_start) = match start {
        Some(s) => (format!("&t={s}s"), format!("&start={s}")),
        None => (String::new(), String::new()),
    };
    Some(Video {
        host: Host::YouTube,
        watch: format!("https://www.youtube.com/watch?v={id}{watch_start}"),
        player: format!("{YOUTUBE_PLAYER}{id}?autoplay=1{player_start}"),
    })
}

/// `90`, `90s`, `1m30s`, `1h2m3s` as seconds.
fn seconds(t: &str) -> Option<u32> {
    if let Ok(n) = t.parse::<u32>() {
        return Some(n);
    }
    let mut total: u32 = 0;
    let mut number = String::new();
    for c in t.chars() {
        match c {
            '0'..='9' => number.push(c),
            'h' | 'm' | 's' => {
                let n: u32 = number.parse().ok()?;
                number.clear();
                let unit = match c {
                    'h' => 3600,
                    'm' => 60,
                    _ => 1,
                };
                total = total.checked_add(n.checked_mul(unit)?)?;
            }
            _ => return None,
        }
    }
    number.is_empty().then_some(total)
}

/// A Facebook video: `facebook.com/<page>/videos/<id>`, `/watch/?v=<id>`, `/reel/<id>`,
/// `/video.php?v=<id>`, `fb.watch/<code>`. Its player is Facebook's own (Facebook has no
/// privacy-enhanced host): the facade is what keeps the page from asking Facebook anything
/// before the reader clicks.
fn facebook(host: &str, url: &url::Url) -> Option<Video> {
    let segments: Vec<&str> = url.path_segments()?.filter(|s| !s.is_empty()).collect();
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let name = |s: &str| {
        !s.is_empty()
            && s.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-' || b == b'_')
    };
    let watch = match (host, segments.as_slice()) {
        ("fb.watch", [code]) if name(code) => format!("https://fb.watch/{code}/"),
        (_, ["watch"] | ["video.php"]) => {
            let id = query(url, "v").filter(|v| digits(v))?;
            format!("https://www.facebook.com/watch/?v={id}")
        }
        (_, ["reel", id]) if digits(id) => format!("https://www.facebook.com/reel/{id}/"),
        (_, [page, "videos", .., id]) if name(page) && digits(id) => {
            format!("https://www.facebook.com/{page}/videos/{id}/")
        }
        _ => return None,
    };
    let href = utf8_percent_encode(&watch, NON_ALPHANUMERIC);
    Some(Video {
        host: Host::Facebook,
        player: format!("{FACEBOOK_PLAYER}{href}{FACEBOOK_SUFFIX}"),
        watch,
    })
}

/// The first value of a query parameter.
fn query(url: &url::Url, key: &str) -> Option<String> {
    url.query_pairs()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn youtube_links_as_people_share_them_play_from_the_privacy_enhanced_host() {
        for url in [
            "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
            "https://youtube.com/watch?feature=share&v=dQw4w9WgXcQ",
            "http://m.youtube.com/watch?v=dQw4w9WgXcQ",
            "https://youtu.be/dQw4w9WgXcQ",
            "https://youtu.be/dQw4w9WgXcQ?si=abc",
            "https://www.youtube.com/shorts/dQw4w9WgXcQ",
            "https://www.youtube.com/embed/dQw4w9WgXcQ",
            "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ",
            "https://www.youtube.com/live/dQw4w9WgXcQ?feature=shared",
        ] {
            let video = recognise(url).unwrap_or_else(|| panic!("{url}"));
            assert_eq!(video.host, Host::YouTube);
            assert_eq!(
                video.player, "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1",
                "{url}"
            );
            assert_eq!(video.watch, "https://www.youtube.com/watch?v=dQw4w9WgXcQ");
            assert!(is_player(&video.player));
        }
    }

    #[test]
    fn a_start_time_is_kept() {
        for url in [
            "https://youtu.be/dQw4w9WgXcQ?t=90",
            "https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=1m30s",
        ] {
            let video = recognise(url).unwrap();
            assert_eq!(
                video.player,
                "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1&start=90"
            );
            assert_eq!(
                video.watch,
                "https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=90s"
            );
            assert!(is_player(&video.player));
        }
    }

    #[test]
    fn facebook_videos_are_recognised_in_their_usual_shapes() {
        for (url, watch) in [
            (
                "https://www.facebook.com/sotuphapangiang/videos/1234567890/",
                "https://www.facebook.com/sotuphapangiang/videos/1234567890/",
            ),
            (
                "https://m.facebook.com/sotuphapangiang/videos/ngay-phap-luat/1234567890",
                "https://www.facebook.com/sotuphapangiang/videos/1234567890/",
            ),
            (
                "https://www.facebook.com/watch/?v=1234567890",
                "https://www.facebook.com/watch/?v=1234567890",
            ),
            (
                "https://facebook.com/reel/1234567890",
                "https://www.facebook.com/reel/1234567890/",
            ),
            ("https://fb.watch/aBc_12-x/", "https://fb.watch/aBc_12-x/"),
        ] {
            let video = recognise(url).unwrap_or_else(|| panic!("{url}"));
            assert_eq!(video.host, Host::Facebook);
            assert_eq!(video.watch, watch);
            assert!(
                video.player.starts_with(FACEBOOK_PLAYER),
                "{}",
                video.player
            );
            assert!(is_player(&video.player), "{}", video.player);
        }
    }

    #[test]
    fn other_sites_lookalikes_and_malformed_ids_are_not_videos() {
        for url in [
            "https://www.youtube.com.evil.vn/watch?v=dQw4w9WgXcQ",
            "https://evilyoutube.com/watch?v=dQw4w9WgXcQ",
            "https://www.youtube.com/watch?v=dQw4w9WgXc",
            "https://www.youtube.com/watch?v=dQw4w9WgXcQ\"",
            "https://www.youtube.com/watch?v=../../x/abcd",
            "https://www.youtube.com/channel/UCabcdefghij",
            "https://www.youtube.com:8443/watch?v=dQw4w9WgXcQ",
            "javascript:alert(1)//youtu.be/dQw4w9WgXcQ",
            "ftp://youtu.be/dQw4w9WgXcQ",
            "https://www.facebook.com/sotuphapangiang/",
            "https://www.facebook.com/sotuphapangiang/videos/abc/",
            "https://www.facebook.com/watch/?v=12a",
            "https://vimeo.com/123456",
            "video.mp4",
        ] {
            assert_eq!(recognise(url), None, "{url}");
        }
    }

    #[test]
    fn only_player_addresses_loa_makes_are_players() {
        for url in [
            "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ",
            "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1&x=1",
            "https://www.youtube-nocookie.com/embed/../evil?autoplay=1",
            "https://www.youtube.com/embed/dQw4w9WgXcQ?autoplay=1",
            "https://www.facebook.com/plugins/video.php?href=https%3A%2F%2Fevil.vn%2F&show_text=false",
            "https://www.facebook.com/plugins/page.php?href=x",
            "https://evil.vn/embed/dQw4w9WgXcQ?autoplay=1",
            "",
        ] {
            assert!(!is_player(url), "{url}");
        }
    }
}
