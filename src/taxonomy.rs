//! The three ways articles are grouped, each with its lists under a folder of its own:
//! topics of the plan (`chu-de/`), free tags (`the/`) and the units that wrote them (`don-vi/`).

use crate::msg;

/// A grouping of articles: what templates call `list.kind`, where its lists are published.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Taxonomy {
    /// Chủ đề: the plan's topics, from config.yaml.
    Topic,
    /// Từ khóa: free words an author adds.
    Tag,
    /// Đơn vị: the department's units, from config.yaml.
    Unit,
}

impl Taxonomy {
    /// Every taxonomy, in the order lists are made and shown.
    pub const ALL: [Taxonomy; 3] = [Taxonomy::Topic, Taxonomy::Tag, Taxonomy::Unit];

    /// The name templates see (`list.kind`): `topic`, `tag`, `unit`.
    pub fn name(self) -> &'static str {
        match self {
            Taxonomy::Topic => "topic",
            Taxonomy::Tag => "tag",
            Taxonomy::Unit => "unit",
        }
    }

    /// The folder its lists are published in, with its `/`: `chu-de/`, `the/`, `don-vi/`.
    pub const fn root(self) -> &'static str {
        match self {
            Taxonomy::Topic => "chu-de/",
            Taxonomy::Tag => "the/",
            Taxonomy::Unit => "don-vi/",
        }
    }

    /// The list of one term: `chu-de/nghi-dinh-118/`.
    pub fn term_path(self, key: &str) -> String {
        [self.root(), key, "/"].concat()
    }

    /// The title of the list of all its terms.
    pub fn title(self) -> &'static str {
        match self {
            Taxonomy::Topic => msg::TOPICS_TITLE,
            Taxonomy::Tag => msg::TAGS_TITLE,
            Taxonomy::Unit => msg::UNITS_TITLE,
        }
    }

    /// Whether each term has a feed of its own: only topics, which the plan reports on.
    pub fn has_feeds(self) -> bool {
        self == Taxonomy::Topic
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_taxonomy_publishes_under_its_own_folder() {
        let paths: Vec<String> = Taxonomy::ALL.iter().map(|t| t.term_path("a")).collect();
        assert_eq!(paths, ["chu-de/a/", "the/a/", "don-vi/a/"]);
        let names: Vec<&str> = Taxonomy::ALL.iter().map(|t| t.name()).collect();
        assert_eq!(names, ["topic", "tag", "unit"]);
    }
}
