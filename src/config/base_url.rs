//! Where the site lives (`base_url:`): the origin and path every link and absolute URL is
//! made from.

/// Where the site lives: every link carries `path`, every absolute URL `origin` + `path`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BaseUrl {
    /// `https://stp.angiang.gov.vn`
    pub origin: String,
    /// `/cchc/`: always starts and ends with `/`.
    pub path: String,
}

impl BaseUrl {
    pub fn parse(input: &str) -> Result<BaseUrl, String> {
        let url = url::Url::parse(input.trim()).map_err(|e| e.to_string())?;
        if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none() {
            return Err(format!("`{input}`"));
        }
        let origin = url.origin().ascii_serialization();
        let mut path = url.path().to_string();
        if !path.ends_with('/') {
            path.push('/');
        }
        Ok(BaseUrl { origin, path })
    }

    /// A root-relative link to a site path given without its leading `/` (`tin-tuc/a/`).
    pub fn link(&self, site_path: &str) -> String {
        // Joined rather than `format!`ed: every page makes dozens of links.
        [&self.path, site_path.trim_start_matches('/')].concat()
    }

    /// The absolute URL of a site path, for canonical links, feeds and the sitemap.
    pub fn absolute(&self, site_path: &str) -> String {
        [&self.origin, &self.path, site_path.trim_start_matches('/')].concat()
    }
}
