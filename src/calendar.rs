//! iCalendar (RFC 5545) for conferences, trainings and Law Day sessions: one calendar of all
//! events and one small file per event for "add to calendar". Written with the `ics` crate,
//! which folds long lines; text is escaped with its `escape_text`.

use ics::parameters::TzIDParam;
use ics::properties::{Description, DtEnd, DtStart, Location, Summary, TzName, URL};
use ics::{escape_text, Event, ICalendar, Standard, TimeZone};
use jiff::ZonedDateTime;

/// One event, as calendars need it.
pub struct CalendarEvent<'a> {
    /// Stable across builds: the page's path at the site's host.
    pub uid: String,
    /// When the entry last changed: the article's `updated` or `date` (not the build time, so
    /// an unchanged site gives unchanged files).
    pub stamp: &'a ZonedDateTime,
    pub start: &'a ZonedDateTime,
    pub end: Option<&'a ZonedDateTime>,
    pub summary: &'a str,
    pub description: &'a str,
    pub location: Option<&'a str>,
    /// Absolute URL of the article.
    pub url: String,
}

/// A calendar of `events` in the time zone `tz_name`.
pub fn calendar(tz_name: &str, events: &[CalendarEvent]) -> Vec<u8> {
    let mut cal = ICalendar::new("2.0", "-//loa//Lich su kien//VI");
    if let Some(first) = events.first() {
        // Vietnam keeps one offset all year: one STANDARD definition describes the zone.
        let offset = first.start.strftime("%z").to_string();
        let mut standard = Standard::new("19700101T000000", offset.clone(), offset.clone());
        standard.push(TzName::new(first.start.strftime("%Z").to_string()));
        cal.add_timezone(TimeZone::standard(tz_name.to_string(), standard));
    }
    for e in events {
        let mut event = Event::new(e.uid.clone(), utc(e.stamp));
        let mut start = DtStart::new(wall_clock(e.start));
        start.add(TzIDParam::new(tz_name.to_string()));
        event.push(start);
        if let Some(end) = e.end {
            let mut end = DtEnd::new(wall_clock(end));
            end.add(TzIDParam::new(tz_name.to_string()));
            event.push(end);
        }
        event.push(Summary::new(escape_text(e.summary.to_string())));
        if !e.description.is_empty() {
            event.push(Description::new(escape_text(e.description.to_string())));
        }
        if let Some(place) = e.location {
            event.push(Location::new(escape_text(place.to_string())));
        }
        event.push(URL::new(e.url.clone()));
        cal.add_event(event);
    }
    let mut out = Vec::new();
    // Writing into a Vec cannot fail.
    let _ = cal.write(&mut out);
    out
}

fn wall_clock(d: &ZonedDateTime) -> String {
    d.strftime("%Y%m%dT%H%M%S").to_string()
}

fn utc(d: &ZonedDateTime) -> String {
    d.timestamp().strftime("%Y%m%dT%H%M%SZ").to_string()
}
