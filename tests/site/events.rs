//! Conferences, trainings and Law Day sessions: the events page and the iCalendar files,
//! read back with a real iCalendar parser.

use crate::support::Site;

fn events_site() -> Site {
    let site = Site::new();
    let event = |start: &str, end: &str, place: &str| {
        format!(
            "event:\n  start: {start}\n  end: {end}\n  location: \"{place}\"\n  participants: 80\n"
        )
    };
    site.article(
        "su-kien/qua-1.md",
        "Ngày Pháp luật tháng 9",
        "2025-09-01",
        &event("2025-09-19 07:30", "2025-09-19 10:30", "Hội trường Sở"),
        "Buổi tháng 9.\n",
    )
    .article(
        "su-kien/qua-2.md",
        "Hội nghị tháng 10",
        "2025-10-01",
        &event("2025-10-10 08:00", "2025-10-10 11:00", "Hội trường Sở"),
        "Hội nghị.\n",
    )
    .article(
        "su-kien/toi-1.md",
        "Ngày Pháp luật tháng 12",
        "2025-11-20",
        &event("2025-12-12 07:30", "2025-12-12 10:30", "Hội trường Sở"),
        "Buổi tháng 12.\n",
    )
    .article(
        "su-kien/toi-2.md",
        "Tập huấn: một cửa; Đề án 06, dịch vụ công",
        "2025-11-21",
        &event(
            "2025-11-28 08:00",
            "2025-11-28 16:30",
            "Phòng họp số 2, Sở Tư pháp; tầng 3",
        ),
        "Tập huấn cả ngày.\n",
    );
    site
}

#[test]
fn the_events_page_lists_upcoming_events_first_then_past_ones() {
    let site = events_site();
    site.build();
    let page = site.html("su-kien/index.html");
    assert_eq!(
        page.texts("main article h2"),
        [
            "Tập huấn: một cửa; Đề án 06, dịch vụ công",
            "Ngày Pháp luật tháng 12",
            "Hội nghị tháng 10",
            "Ngày Pháp luật tháng 9"
        ]
    );
    let when = page.texts("main .event-when");
    assert!(
        when[0].starts_with("Sắp diễn ra: 08:00, 28/11/2025"),
        "{when:?}"
    );
    assert!(
        when[3].starts_with("Đã diễn ra: 07:30, 19/09/2025"),
        "{when:?}"
    );
    assert_eq!(page.attr(".add-calendar a", "href"), "/cchc/su-kien.ics");
}

/// The calendar as a parser reads it.
fn parse(bytes: &[u8]) -> ical::parser::ical::component::IcalCalendar {
    let mut parser = ical::IcalParser::new(std::io::BufReader::new(bytes));
    let calendar = parser.next().expect("a calendar").expect("valid iCalendar");
    assert!(parser.next().is_none(), "one calendar");
    calendar
}

fn property<'a>(props: &'a [ical::property::Property], name: &str) -> &'a ical::property::Property {
    props
        .iter()
        .find(|p| p.name == name)
        .unwrap_or_else(|| panic!("no {name}"))
}

/// RFC 5545 text values escape `\`, `;`, `,` and newlines.
fn unescape(value: &str) -> String {
    value
        .replace("\\n", "\n")
        .replace("\\,", ",")
        .replace("\\;", ";")
        .replace("\\\\", "\\")
}

#[test]
fn the_event_calendar_is_valid_icalendar_in_the_site_time_zone() {
    let site = events_site();
    site.build();
    let bytes = std::fs::read(site.output().join("su-kien.ics")).unwrap();
    let text = String::from_utf8(bytes.clone()).unwrap();
    assert!(
        text.lines().all(|l| l.len() <= 75),
        "lines are folded at 75 octets"
    );
    assert!(text.contains("\r\n"), "lines end with CRLF");
    let calendar = parse(&bytes);
    let zone = &calendar.timezones[0];
    assert_eq!(
        property(&zone.properties, "TZID").value.as_deref(),
        Some("Asia/Ho_Chi_Minh")
    );
    assert_eq!(calendar.events.len(), 4);
    let training = calendar
        .events
        .iter()
        .find(|e| {
            property(&e.properties, "UID").value.as_deref()
                == Some("/cchc/su-kien/toi-2/@stp.angiang.gov.vn")
        })
        .expect("the training");
    let p = &training.properties;
    assert_eq!(
        unescape(property(p, "SUMMARY").value.as_deref().unwrap()),
        "Tập huấn: một cửa; Đề án 06, dịch vụ công"
    );
    assert_eq!(
        unescape(property(p, "LOCATION").value.as_deref().unwrap()),
        "Phòng họp số 2, Sở Tư pháp; tầng 3"
    );
    let start = property(p, "DTSTART");
    assert_eq!(start.value.as_deref(), Some("20251128T080000"));
    assert_eq!(
        start.params.as_ref().unwrap()[0],
        ("TZID".to_string(), vec!["Asia/Ho_Chi_Minh".to_string()])
    );
    assert_eq!(
        property(p, "DTEND").value.as_deref(),
        Some("20251128T163000")
    );
    assert_eq!(
        property(p, "DTSTAMP").value.as_deref(),
        Some("20251120T170000Z"),
        "the article's date, in UTC"
    );
    assert_eq!(
        property(p, "URL").value.as_deref(),
        Some("https://stp.angiang.gov.vn/cchc/su-kien/toi-2/")
    );
}

#[test]
fn each_event_page_offers_its_own_calendar_file() {
    let site = events_site();
    site.build();
    let page = site.html("su-kien/toi-1/index.html");
    assert_eq!(
        page.attr(".add-calendar a", "href"),
        "/cchc/su-kien/toi-1/lich.ics"
    );
    let calendar = parse(&std::fs::read(site.output().join("su-kien/toi-1/lich.ics")).unwrap());
    assert_eq!(calendar.events.len(), 1);
    assert_eq!(
        unescape(
            property(&calendar.events[0].properties, "SUMMARY")
                .value
                .as_deref()
                .unwrap()
        ),
        "Ngày Pháp luật tháng 12"
    );
}

#[test]
fn a_site_without_events_has_no_calendar() {
    let site = Site::new();
    site.article("tin-tuc/a.md", "A", "2025-09-01", "", "x\n");
    site.build();
    assert!(!site.exists("su-kien.ics"));
}
