//! What templates see of the portal's fixed parts: the menus and the contact details (on
//! `site`), and the blocks of the home page (`home`).

use serde::Serialize;

use super::Views;
use crate::assemble::{Href, MenuLink};

/// `site.menus`: the links of config.yaml's `menus:`, in the order they are shown.
#[derive(Debug, Serialize)]
pub struct MenusView {
    /// The header's, after "Trang chủ"; empty when config.yaml has none.
    pub main: Vec<MenuItem>,
    /// The footer's; empty when config.yaml has none.
    pub footer: Vec<MenuItem>,
}

#[derive(Debug, Serialize)]
pub struct MenuItem {
    pub title: String,
    /// Root-relative for a page of the site (`/cchc/gioi-thieu/`), as written for one elsewhere.
    pub url: String,
    /// Leads away from the site.
    pub external: bool,
}

/// `site.contact`: who runs the site and how to reach them (Decree 42/2022/NĐ-CP).
#[derive(Debug, Serialize)]
pub struct ContactView {
    pub issuer: String,
    pub parent: Option<String>,
    pub address: Option<String>,
    /// As written (`0296 3852 000`), and as a `tel:` link.
    pub phone: Option<String>,
    pub phone_url: Option<String>,
    pub email: Option<String>,
    /// `mailto:` link.
    pub email_url: Option<String>,
    pub responsible: Option<String>,
}

/// `home`: the home page's text. Its blocks of cards (`featured`, `latest`, `topics`,
/// `events`) are added by the renderer, from the cards' template values made once.
#[derive(Debug, Serialize)]
pub struct HomeView {
    pub title: String,
    pub description: String,
    /// HTML of `content/_index.md`'s body.
    pub content: String,
    pub extra: serde_json::Value,
    /// The events section's list (`/cchc/su-kien/`), when the site has one.
    pub events_url: Option<String>,
    /// The calendar of every event (`/cchc/su-kien.ics`), when the site has events.
    pub calendar_url: Option<String>,
}

impl Views<'_> {
    pub fn menus(&self) -> MenusView {
        let items = |links: &[MenuLink]| {
            links
                .iter()
                .map(|l| match &l.href {
                    Href::Site(path) => MenuItem {
                        title: l.title.clone(),
                        url: self.link(path),
                        external: false,
                    },
                    Href::External(url) => MenuItem {
                        title: l.title.clone(),
                        url: url.clone(),
                        external: true,
                    },
                })
                .collect()
        };
        MenusView {
            main: items(&self.site.menus.main),
            footer: items(&self.site.menus.footer),
        }
    }

    pub fn contact(&self) -> Option<ContactView> {
        let c = self.site.config.contact.as_ref()?;
        Some(ContactView {
            issuer: c.issuer.clone(),
            parent: c.parent.clone(),
            address: c.address.clone(),
            phone: c.phone.clone(),
            phone_url: c.phone_url(),
            email: c.email.clone(),
            email_url: c.email_url(),
            responsible: c.responsible.clone(),
        })
    }
}
