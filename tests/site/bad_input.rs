//! What the officer gets wrong, and what loa says about it: every bad input is reported at the
//! file and line to open, with a message naming the offending thing and, where loa knows one,
//! what to do. A failed build writes nothing.
//!
//! Most bad inputs are one row of [`CASES`]: the files given, where the problem must be
//! reported, the words its message and hint must contain, and a snapshot of everything loa
//! says (`snapshots/site__bad_input__*.snap`, each read and approved by a person; after a
//! change to `src/msg.rs`, run with `INSTA_UPDATE=always` and read the diff). The tests below
//! the table are the inputs a row cannot describe: several problems at once, or a good input.

use std::collections::BTreeSet;
use std::path::Path;

use loa::diag::Diagnostic;
use loa::diag::Severity::{self, Error, Warning};

use crate::support::{
    config_edited, files_under, only_error, photo, show, snapshot_names, Site, CONFIG,
};

/// The article most rows break.
const ARTICLE: &str = "content/tin-tuc/a.md";

/// The ledger of activities that are not articles.
const LEDGER: &str = "data/hoat-dong.yaml";

/// The photo of the article bundle `content/tin-tuc/hoi-nghi/`.
const PHOTO: Input = Photo("content/tin-tuc/hoi-nghi/anh.jpg");

/// One bad input and the one problem loa must report about it.
struct Case {
    /// What the row shows, as a sentence; also its snapshot's name.
    name: &'static str,
    /// What is done to a fresh fixture site (the fixture's config, no content), in order.
    given: &'static [Input],
    /// An error stops the build (and writes nothing); a warning does not.
    kind: Severity,
    /// Where, as `path:line:col`: line 0 is the whole file (or a command-line option), and
    /// column 1 the line as a whole.
    at: &'static str,
    /// What the message must name (the offending thing, in its words).
    names: &'static [&'static str],
    /// What the hint must say; empty where none is required.
    hint: &'static [&'static str],
}

/// One thing done to the fixture site before it is built.
#[derive(Clone, Copy)]
enum Input {
    /// A file of the site, as text.
    File(&'static str, &'static str),
    /// A file of the site, as bytes: another encoding, a broken photo.
    Bytes(&'static str, &'static [u8]),
    /// A small JPEG photo.
    Photo(&'static str),
    /// The fixture's config.yaml with these bytes added at its end (from line 27).
    ConfigPlus(&'static [u8]),
    /// The fixture's config.yaml with its one occurrence of a text replaced.
    ConfigEdit(&'static str, &'static str),
    /// No config.yaml at all.
    NoConfig,
    /// `--base-url` given on the command line.
    BaseUrl(&'static str),
}
use Input::{BaseUrl, Bytes, ConfigEdit, ConfigPlus, File, NoConfig, Photo};

const CASES: &[Case] = &[
    // Encodings and the shape of the file.
    Case {
        name: "invalid_utf8_in_an_article_is_placed_at_the_first_bad_byte",
        given: &[Bytes(
            ARTICLE,
            b"---\ntitle: \"A\"\ndate: 2025-08-21\n---\n\nXin ch\xc3\xa0o \xff\xfe b\xe1\xba\xa1n\n",
        )],
        kind: Error,
        at: "content/tin-tuc/a.md:6:10",
        names: &["UTF-8"],
        hint: &["UTF-8"],
    },
    Case {
        name: "an_empty_file_is_an_error_about_the_whole_file",
        given: &[File(ARTICLE, "")],
        kind: Error,
        at: "content/tin-tuc/a.md:0:0",
        names: &["rỗng"],
        hint: &["title:"],
    },
    Case {
        name: "a_file_of_only_whitespace_is_empty",
        given: &[File(ARTICLE, "  \n\t\n\r\n   ")],
        kind: Error,
        at: "content/tin-tuc/a.md:0:0",
        names: &["rỗng"],
        hint: &["---"],
    },
    Case {
        name: "front_matter_that_never_closes_is_an_error_at_line_one",
        given: &[File(
            ARTICLE,
            "---\ntitle: \"A\"\ndate: 2025-08-21\n\nNội dung bài.\n",
        )],
        kind: Error,
        at: "content/tin-tuc/a.md:1:1",
        names: &["không có dòng --- đóng lại"],
        hint: &["---"],
    },
    Case {
        name: "a_file_without_front_matter_is_an_error_at_line_one",
        given: &[File(ARTICLE, "# Hội nghị\n\nNội dung bài.\n")],
        kind: Error,
        at: "content/tin-tuc/a.md:1:1",
        names: &["front matter"],
        hint: &["title:", "date:"],
    },
    // Front-matter types.
    Case {
        name: "a_list_as_title_is_a_type_error_on_the_title_line",
        given: &[File(
            ARTICLE,
            "---\ndate: 2025-08-21\ntopics: [de-an-06]\ntitle: [a, b]\n---\nx\n",
        )],
        kind: Error,
        at: "content/tin-tuc/a.md:4:8",
        names: &["title"],
        hint: &[],
    },
    Case {
        name: "a_word_for_draft_is_a_type_error_explained_in_vietnamese_on_the_draft_line",
        given: &[File(
            ARTICLE,
            "---\ntitle: \"A\"\ndate: 2025-08-21\nunit: van-phong\ndraft: \"có\"\n---\nx\n",
        )],
        kind: Error,
        at: "content/tin-tuc/a.md:5:8",
        names: &["draft", "có", "true hoặc false"],
        hint: &[],
    },
    Case {
        name: "a_word_for_featured_is_a_type_error_on_the_featured_line",
        given: &[File(
            ARTICLE,
            "---\ntitle: \"A\"\ndate: 2025-08-21\nfeatured: \"có\"\n---\nx\n",
        )],
        kind: Error,
        at: "content/tin-tuc/a.md:4:11",
        names: &["featured", "có", "true hoặc false"],
        hint: &[],
    },
    Case {
        name: "words_for_the_number_of_participants_are_a_type_error_on_their_line",
        given: &[File(
            ARTICLE,
            "---\ntitle: \"A\"\ndate: 2025-08-21\nevent:\n  start: 2025-08-21 08:00\n  \
             participants: \"nhiều\"\n---\nx\n",
        )],
        kind: Error,
        at: "content/tin-tuc/a.md:6:17",
        names: &["participants", "nhiều"],
        hint: &[],
    },
    Case {
        name: "a_misspelt_event_key_names_the_right_one_in_vietnamese",
        given: &[File(
            ARTICLE,
            "---\ntitle: \"A\"\ndate: 2025-08-21\nevent:\n  start: 2025-08-21 08:00\n  \
             locaton: \"Hội trường Sở\"\n---\nx\n",
        )],
        kind: Error,
        at: "content/tin-tuc/a.md:6:3",
        names: &["`locaton`"],
        hint: &["`location`"],
    },
    // Dates.
    Case {
        name: "a_day_first_date_is_an_error_on_the_date_line",
        given: &[File(
            ARTICLE,
            "---\ntitle: \"A\"\nunit: van-phong\ndate: 21/08/2025\n---\nx\n",
        )],
        kind: Error,
        at: "content/tin-tuc/a.md:4:1",
        names: &["21/08/2025"],
        hint: &["2025-08-21"],
    },
    Case {
        name: "a_day_that_does_not_exist_is_an_error_on_the_date_line",
        given: &[File(ARTICLE, "---\ntitle: \"A\"\ndate: 2025-02-30\n---\nx\n")],
        kind: Error,
        at: "content/tin-tuc/a.md:3:1",
        names: &["2025-02-30"],
        hint: &["2025-08-21"],
    },
    Case {
        name: "an_event_start_that_is_not_a_date_is_an_error_on_its_line",
        given: &[File(
            ARTICLE,
            "---\ntitle: \"A\"\ndate: 2025-08-21\nunit: van-phong\nevent:\n  \
             location: \"Hội trường\"\n  start: sáng thứ hai\n---\nx\n",
        )],
        kind: Error,
        at: "content/tin-tuc/a.md:7:1",
        names: &["event.start", "sáng thứ hai"],
        hint: &["2025-08-21"],
    },
    Case {
        name: "an_article_without_a_date_is_an_error",
        given: &[File(ARTICLE, "---\ntitle: \"A\"\nunit: van-phong\n---\nx\n")],
        kind: Error,
        at: "content/tin-tuc/a.md:1:1",
        names: &["date"],
        hint: &["2025-08-21"],
    },
    Case {
        name: "an_expiry_that_is_not_a_date_is_an_error_on_its_line",
        given: &[File(
            ARTICLE,
            "---\ntitle: \"A\"\ndate: 2025-08-21\nexpires: cuối tháng\n---\nx\n",
        )],
        kind: Error,
        at: "content/tin-tuc/a.md:4:1",
        names: &["expires", "cuối tháng"],
        hint: &["2025-08-21"],
    },
    Case {
        name: "an_expiry_before_the_date_is_an_error_on_its_line",
        given: &[File(
            ARTICLE,
            "---\ntitle: \"A\"\ndate: 2025-08-21\nunit: van-phong\nexpires: 2025-08-01\n---\nx\n",
        )],
        kind: Error,
        at: "content/tin-tuc/a.md:5:1",
        names: &["expires: 2025-08-01", "date: 2025-08-21"],
        hint: &["expires: 2025-12-31"],
    },
    // Unknown keys.
    Case {
        name: "an_unknown_front_matter_key_suggests_the_closest_one",
        given: &[File(
            ARTICLE,
            "---\ntitle: \"A\"\ndate: 2025-08-21\ntopcis: [de-an-06]\n---\nx\n",
        )],
        kind: Error,
        at: "content/tin-tuc/a.md:4:1",
        names: &["`topcis`"],
        hint: &["`topics`"],
    },
    Case {
        name: "a_section_index_does_not_accept_article_keys",
        given: &[File(
            "content/tin-tuc/_index.md",
            "---\ntitle: \"Tin tức\"\ndate: 2025-08-21\n---\n",
        )],
        kind: Error,
        at: "content/tin-tuc/_index.md:3:1",
        names: &["`date`"],
        hint: &[],
    },
    Case {
        name: "an_unknown_topic_names_the_closest_topic_on_its_own_line",
        given: &[File(
            ARTICLE,
            "---\ntitle: \"A\"\ndate: 2025-08-21\ntopics:\n  - nghi-dinh-118\n  - de-an-6\n---\nx\n",
        )],
        kind: Error,
        at: "content/tin-tuc/a.md:6:1",
        names: &["`de-an-6`"],
        hint: &["`de-an-06`"],
    },
    Case {
        name: "an_unknown_topic_in_a_one_line_list_is_on_the_topics_line",
        given: &[File(
            ARTICLE,
            "---\ntitle: \"A\"\ndate: 2025-08-21\nunit: van-phong\n\
             topics: [par-index, nghi-dinh-181]\n---\nx\n",
        )],
        kind: Error,
        at: "content/tin-tuc/a.md:5:1",
        names: &["`nghi-dinh-181`"],
        hint: &["`nghi-dinh-118`"],
    },
    Case {
        name: "an_unknown_topic_that_is_part_of_a_valid_one_is_still_on_its_own_line",
        given: &[File(
            ARTICLE,
            "---\ntitle: \"A\"\ndate: 2025-08-21\ntopics:\n  - nghi-dinh-118\n  - nghi-dinh\n---\nx\n",
        )],
        kind: Error,
        at: "content/tin-tuc/a.md:6:1",
        names: &["`nghi-dinh`"],
        hint: &[],
    },
    Case {
        name: "an_unknown_unit_names_the_closest_unit_on_its_line",
        given: &[File(
            ARTICLE,
            "---\ntitle: \"A\"\ndate: 2025-08-21\ntopics: [de-an-06]\nunit: van-phong-so\n---\nx\n",
        )],
        kind: Error,
        at: "content/tin-tuc/a.md:5:1",
        names: &["`van-phong-so`", "đơn vị"],
        hint: &["`van-phong`"],
    },
    Case {
        name: "an_unknown_channel_names_the_closest_channel_on_its_line",
        given: &[File(
            ARTICLE,
            "---\ntitle: \"A\"\ndate: 2025-08-21\nunit: van-phong\nchannels:\n  - zallo\n---\nx\n",
        )],
        kind: Error,
        at: "content/tin-tuc/a.md:6:1",
        names: &["`zallo`"],
        hint: &["`zalo`"],
    },
    // Missing things in an article.
    Case {
        name: "a_missing_title_is_an_error_at_line_one",
        given: &[File(
            ARTICLE,
            "---\ndate: 2025-08-21\nunit: van-phong\n---\nx\n",
        )],
        kind: Error,
        at: "content/tin-tuc/a.md:1:1",
        names: &["title"],
        hint: &["title:"],
    },
    Case {
        name: "a_blank_title_is_a_missing_title",
        given: &[File(ARTICLE, "---\ntitle: \"   \"\ndate: 2025-08-21\n---\nx\n")],
        kind: Error,
        at: "content/tin-tuc/a.md:1:1",
        names: &["title"],
        hint: &[],
    },
    Case {
        name: "an_image_without_a_description_is_an_error_on_the_image_line",
        given: &[
            File(
                "content/tin-tuc/hoi-nghi/index.md",
                "---\ntitle: \"Hội nghị\"\ndate: 2025-08-21\nunit: van-phong\nimage: anh.jpg\n---\nx\n",
            ),
            PHOTO,
        ],
        kind: Error,
        at: "content/tin-tuc/hoi-nghi/index.md:5:1",
        names: &["image_alt"],
        hint: &["image_alt:"],
    },
    Case {
        name: "a_missing_front_matter_image_is_an_error_on_the_image_line",
        given: &[
            File(
                "content/tin-tuc/hoi-nghi/index.md",
                "---\ntitle: \"Hội nghị\"\ndate: 2025-08-21\nimage: anh.png\n\
                 image_alt: \"Quang cảnh hội nghị\"\n---\nx\n",
            ),
            PHOTO,
        ],
        kind: Error,
        at: "content/tin-tuc/hoi-nghi/index.md:4:1",
        names: &["`anh.png`"],
        hint: &[],
    },
    Case {
        name: "a_missing_image_in_the_markdown_is_an_error_at_its_line_and_column",
        given: &[
            File(
                "content/tin-tuc/hoi-nghi/index.md",
                "---\ntitle: \"Hội nghị\"\ndate: 2025-08-21\n---\nĐoạn mở đầu.\n\n\
                 Xem ảnh: ![Quang cảnh](anh.png)\n",
            ),
            PHOTO,
        ],
        kind: Error,
        at: "content/tin-tuc/hoi-nghi/index.md:7:10",
        names: &["`anh.png`"],
        hint: &[],
    },
    Case {
        name: "a_missing_gallery_photo_is_an_error_on_its_line",
        given: &[
            File(
                "content/tin-tuc/hoi-nghi/index.md",
                "---\ntitle: \"Hội nghị\"\ndate: 2025-08-21\ngallery:\n  - anh.jpg\n\
                 \x20 - src: anh/khai-mac.jpg\n    caption: \"Khai mạc\"\n---\nx\n",
            ),
            PHOTO,
        ],
        kind: Error,
        at: "content/tin-tuc/hoi-nghi/index.md:6:1",
        names: &["`anh/khai-mac.jpg`"],
        hint: &["cạnh bài viết"],
    },
    Case {
        name: "a_gallery_item_that_is_not_a_photo_is_an_error_on_its_line",
        given: &[
            File(
                "content/tin-tuc/hoi-nghi/index.md",
                "---\ntitle: \"Hội nghị\"\ndate: 2025-08-21\ngallery:\n  - anh.jpg\n  - ke-hoach.pdf\n---\nx\n",
            ),
            PHOTO,
            File("content/tin-tuc/hoi-nghi/ke-hoach.pdf", "%PDF-1.4\n"),
        ],
        kind: Error,
        at: "content/tin-tuc/hoi-nghi/index.md:6:1",
        names: &["`ke-hoach.pdf`", "không phải tệp ảnh"],
        hint: &[".jpg"],
    },
    Case {
        name: "a_mistyped_key_of_a_gallery_photo_names_the_keys",
        given: &[
            File(
                "content/tin-tuc/hoi-nghi/index.md",
                "---\ntitle: \"Hội nghị\"\ndate: 2025-08-21\ngallery:\n  - src: anh.jpg\n\
                 \x20   chu_thich: \"Khai mạc hội nghị\"\n---\nx\n",
            ),
            PHOTO,
        ],
        kind: Error,
        at: "content/tin-tuc/hoi-nghi/index.md:6:1",
        names: &["`chu_thich`"],
        hint: &["src", "caption"],
    },
    Case {
        name: "a_photo_that_cannot_be_read_is_published_as_it_is_with_a_warning",
        given: &[
            File(
                "content/tin-tuc/hoi-nghi/index.md",
                "---\ntitle: \"Hội nghị\"\ndate: 2025-08-21\n---\n![Quang cảnh](anh.jpg)\n",
            ),
            Bytes("content/tin-tuc/hoi-nghi/anh.jpg", b"\xff\xd8\xff\xe0"),
        ],
        kind: Warning,
        at: "content/tin-tuc/hoi-nghi/anh.jpg:0:0",
        names: &["ảnh"],
        hint: &["JPEG"],
    },
    // Links between articles.
    Case {
        name: "a_link_to_a_missing_article_is_an_error_at_its_line",
        given: &[File(
            ARTICLE,
            "---\ntitle: \"A\"\ndate: 2025-08-21\n---\nMở đầu.\n\n\
             Xem [bài trước](khong-co.md) để biết thêm.\n",
        )],
        kind: Error,
        at: "content/tin-tuc/a.md:7:5",
        names: &["`khong-co.md`"],
        hint: &["../"],
    },
    Case {
        name: "a_link_to_a_missing_anchor_lists_the_anchors_there_are",
        given: &[
            File(
                "content/tin-tuc/b.md",
                "---\ntitle: \"B\"\ndate: 2025-08-20\n---\n## Mục tiêu\n\nA.\n\n\
                 ## Kết quả đạt được\n\nB.\n",
            ),
            File(
                ARTICLE,
                "---\ntitle: \"A\"\ndate: 2025-08-21\nunit: van-phong\n---\nMở đầu.\n\n\
                 - Xem [mục tiêu](b.md#muc-tieu-chung)\n",
            ),
        ],
        kind: Error,
        at: "content/tin-tuc/a.md:8:7",
        names: &["#muc-tieu-chung", "content/tin-tuc/b.md"],
        hint: &["#muc-tieu", "#ket-qua-dat-duoc"],
    },
    Case {
        name: "a_link_to_a_missing_anchor_in_the_same_article_is_an_error",
        given: &[File(
            ARTICLE,
            "---\ntitle: \"A\"\ndate: 2025-08-21\n---\n## Mục tiêu\n\nXem [phần sau](#ket-qua).\n",
        )],
        kind: Error,
        at: "content/tin-tuc/a.md:7:5",
        names: &["#ket-qua"],
        hint: &["#muc-tieu"],
    },
    Case {
        name: "a_link_to_a_draft_article_is_an_error_at_its_line",
        given: &[
            File(
                "content/tin-tuc/b.md",
                "---\ntitle: \"B\"\ndate: 2025-08-20\ndraft: true\n---\nB.\n",
            ),
            File(
                ARTICLE,
                "---\ntitle: \"A\"\ndate: 2025-08-21\n---\nMở đầu.\n\nXem [bài nháp](b.md).\n",
            ),
        ],
        kind: Error,
        at: "content/tin-tuc/a.md:7:5",
        names: &["`b.md`", "chưa được đăng"],
        hint: &["draft"],
    },
    Case {
        name: "a_link_to_a_future_article_is_an_error_at_its_line",
        given: &[
            File("content/tin-tuc/b.md", "---\ntitle: \"B\"\ndate: 2026-01-01\n---\nB.\n"),
            File(
                ARTICLE,
                "---\ntitle: \"A\"\ndate: 2025-08-21\n---\nXem [bài sắp đăng](b.md).\n",
            ),
        ],
        kind: Error,
        at: "content/tin-tuc/a.md:5:5",
        names: &["`b.md`"],
        hint: &[],
    },
    // URLs.
    Case {
        name: "two_articles_on_one_url_are_reported_on_the_slug_line_naming_each_other",
        given: &[
            File(ARTICLE, "---\ntitle: \"A\"\ndate: 2025-08-21\n---\nA.\n"),
            File(
                "content/tin-tuc/b.md",
                "---\ntitle: \"B\"\ndate: 2025-08-22\nunit: van-phong\nslug: a\n---\nB.\n",
            ),
        ],
        kind: Error,
        at: "content/tin-tuc/b.md:5:1",
        names: &["content/tin-tuc/a.md", "/tin-tuc/a/"],
        hint: &["slug:"],
    },
    Case {
        name: "an_article_in_the_topics_folder_is_on_a_reserved_path_reported_once",
        given: &[File(
            "content/chu-de/x.md",
            "---\ntitle: \"X\"\ndate: 2025-08-21\n---\nx\n",
        )],
        kind: Error,
        at: "content/chu-de/x.md:0:1",
        names: &["/chu-de/x/"],
        hint: &["slug:"],
    },
    Case {
        name: "a_section_index_for_the_tags_folder_is_on_a_reserved_path",
        given: &[File("content/the/_index.md", "---\ntitle: \"Thẻ\"\n---\n")],
        kind: Error,
        at: "content/the/_index.md:0:1",
        names: &["/the/"],
        hint: &["slug:"],
    },
    Case {
        name: "a_search_page_of_ones_own_is_on_a_reserved_path",
        given: &[File(
            "content/tim-kiem.md",
            "---\ntitle: \"Tìm kiếm\"\n---\nTìm kiếm.\n",
        )],
        kind: Error,
        at: "content/tim-kiem.md:0:1",
        names: &["/tim-kiem/"],
        hint: &["slug:"],
    },
    Case {
        name: "a_slug_onto_a_reserved_path_is_reported_once_on_the_slug_line",
        given: &[File(
            "content/tim.md",
            "---\ntitle: \"Tìm\"\nslug: tim-kiem\n---\nx\n",
        )],
        kind: Error,
        at: "content/tim.md:3:1",
        names: &["/tim-kiem/"],
        hint: &["slug:"],
    },
    Case {
        name: "an_alias_on_a_reserved_path_is_an_error_on_the_aliases_line",
        given: &[File(
            ARTICLE,
            "---\ntitle: \"A\"\ndate: 2025-08-21\nunit: van-phong\naliases: [/chu-de/bai-cu/]\n---\nx\n",
        )],
        kind: Error,
        at: "content/tin-tuc/a.md:5:1",
        names: &["/chu-de/bai-cu/"],
        hint: &[],
    },
    Case {
        name: "a_standalone_page_cannot_take_the_place_of_a_section_list",
        given: &[
            File("content/van-ban-moi.md", "---\ntitle: Văn bản mới\n---\nx\n"),
            File(
                "content/van-ban-moi/nghi-dinh.md",
                "---\ntitle: \"Nghị định\"\ndate: 2025-09-01\n---\nx\n",
            ),
        ],
        kind: Error,
        at: "content/van-ban-moi.md:0:1",
        names: &["/van-ban-moi/", "content/van-ban-moi/"],
        hint: &[],
    },
    // config.yaml and the command line.
    Case {
        name: "an_unknown_config_key_is_on_its_line_with_a_suggestion",
        given: &[ConfigPlus(b"paginte: 5\n")],
        kind: Error,
        at: "config.yaml:27:1",
        names: &["`paginte`"],
        hint: &["`paginate`"],
    },
    Case {
        name: "a_yaml_syntax_error_in_the_config_is_on_its_line",
        given: &[ConfigEdit(
            "description: \"Tin về cải cách hành chính\"",
            "description: Tin về: cải cách hành chính",
        )],
        kind: Error,
        at: "config.yaml:2:20",
        names: &["YAML"],
        hint: &[],
    },
    Case {
        name: "a_base_url_that_is_not_an_address_is_an_error_on_its_line",
        given: &[ConfigEdit(
            "\"https://stp.angiang.gov.vn/cchc/\"",
            "\"stp.angiang.gov.vn/cchc\"",
        )],
        kind: Error,
        at: "config.yaml:3:1",
        names: &["stp.angiang.gov.vn/cchc"],
        hint: &["https://"],
    },
    Case {
        name: "a_channel_lead_that_is_not_a_unit_is_an_error_on_its_line",
        given: &[ConfigEdit("lead: van-phong", "lead: van-phong-so")],
        kind: Error,
        at: "config.yaml:25:1",
        names: &["`van-phong-so`"],
        hint: &["`van-phong`"],
    },
    Case {
        name: "a_channel_lead_that_is_part_of_a_unit_key_is_still_on_its_own_line",
        given: &[ConfigEdit("lead: van-phong", "lead: phong")],
        kind: Error,
        at: "config.yaml:25:1",
        names: &["`phong`"],
        hint: &[],
    },
    Case {
        name: "a_duplicate_topic_key_is_on_the_line_of_the_repeat",
        given: &[ConfigEdit(
            "units:\n",
            "  - key: de-an-06\n    name: \"Đề án 06 (lần nữa)\"\nunits:\n",
        )],
        kind: Error,
        at: "config.yaml:14:1",
        names: &["`de-an-06`", "topics"],
        hint: &[],
    },
    Case {
        name: "a_menu_page_that_is_no_page_of_the_site_is_an_error_at_its_line",
        given: &[ConfigPlus(b"menus:\n  main:\n    - page: lien-he.md\n")],
        kind: Error,
        at: "config.yaml:29:7",
        names: &["lien-he.md", "`main`"],
        hint: &["content/", "/tin-tuc/"],
    },
    Case {
        name: "a_menu_url_without_a_title_is_an_error_at_its_line",
        given: &[ConfigPlus(
            b"menus:\n  footer:\n    - url: https://dichvucong.gov.vn\n",
        )],
        kind: Error,
        at: "config.yaml:29:7",
        names: &["https://dichvucong.gov.vn", "title"],
        hint: &["title: "],
    },
    Case {
        name: "a_menu_entry_with_both_a_page_and_a_url_is_an_error_at_its_line",
        given: &[ConfigPlus(
            b"menus:\n  main:\n    - page: lien-he.md\n      url: https://stp.angiang.gov.vn/lien-he\n",
        )],
        kind: Error,
        at: "config.yaml:29:7",
        names: &["`main`", "`page:`", "`url:`"],
        hint: &["page: gioi-thieu.md"],
    },
    Case {
        name: "a_menu_url_a_browser_would_run_is_refused_at_its_line",
        given: &[ConfigPlus(
            b"menus:\n  footer:\n    - title: Xem\n      url: \"javascript:alert(1)\"\n",
        )],
        kind: Error,
        at: "config.yaml:30:7",
        names: &["javascript"],
        hint: &[],
    },
    Case {
        name: "a_contact_email_that_is_not_an_address_is_an_error_at_its_line",
        given: &[ConfigPlus(
            b"contact:\n  phone: \"0296 3852 000\"\n  email: vanphong.stp.angiang.gov.vn\n",
        )],
        kind: Error,
        at: "config.yaml:29:1",
        names: &["vanphong.stp.angiang.gov.vn"],
        hint: &["email: "],
    },
    Case {
        name: "a_contact_phone_in_words_is_an_error_at_its_line",
        given: &[ConfigPlus(b"contact:\n  phone: \"goi Van phong So\"\n")],
        kind: Error,
        at: "config.yaml:28:1",
        names: &["goi Van phong So"],
        hint: &["phone: "],
    },
    Case {
        // `Sở Tư pháp` in Windows-1258, as Notepad saves it in a legacy code page.
        name: "a_config_that_is_not_utf8_is_placed_at_the_first_bad_byte",
        given: &[ConfigPlus(b"organization: \"S\xf5\xd2 T\xfd ph\xe1p\"\n")],
        kind: Error,
        at: "config.yaml:27:17",
        names: &["UTF-8"],
        hint: &["UTF-8"],
    },
    Case {
        name: "a_missing_config_is_an_error_about_config_yaml",
        given: &[
            NoConfig,
            File(ARTICLE, "---\ntitle: \"A\"\ndate: 2025-08-21\n---\nx\n"),
        ],
        kind: Error,
        at: "config.yaml:0:0",
        names: &["config.yaml"],
        hint: &["loa init"],
    },
    Case {
        name: "a_bad_base_url_on_the_command_line_is_not_blamed_on_the_config",
        given: &[BaseUrl("khong-phai-dia-chi")],
        kind: Error,
        at: "--base-url:0:0",
        names: &["khong-phai-dia-chi"],
        hint: &[],
    },
    // Templates.
    Case {
        name: "a_template_syntax_error_is_placed_in_the_theme_file",
        given: &[
            ConfigPlus(b"theme: rieng\n"),
            File(
                "themes/rieng/templates/page.html",
                "<h1>{{ page.title }}</h1>\n<p>\n{% if %}\n</p>\n",
            ),
            File(ARTICLE, "---\ntitle: \"Hội nghị\"\ndate: 2025-08-21\n---\nNội dung.\n"),
        ],
        kind: Error,
        at: "themes/rieng/templates/page.html:3:7",
        names: &["mẫu giao diện"],
        hint: &["template"],
    },
    Case {
        name: "a_template_render_error_is_placed_in_the_theme_file_and_names_the_article",
        given: &[
            ConfigPlus(b"theme: rieng\n"),
            File(
                "themes/rieng/templates/page.html",
                "<h1>{{ page.title }}</h1>\n<p>ok</p>\n<p>{{ page.khong_co.x }}</p>\n",
            ),
            File(ARTICLE, "---\ntitle: \"Hội nghị\"\ndate: 2025-08-21\n---\nNội dung.\n"),
        ],
        kind: Error,
        at: "themes/rieng/templates/page.html:3:12",
        names: &["content/tin-tuc/a.md", "khong_co"],
        hint: &["template"],
    },
    Case {
        name: "a_theme_folder_that_does_not_exist_is_an_error_in_the_config",
        given: &[
            ConfigPlus(b"theme: khong-co\n"),
            File(ARTICLE, "---\ntitle: \"A\"\ndate: 2025-08-21\n---\nx\n"),
        ],
        kind: Error,
        at: "config.yaml:0:0",
        names: &["`khong-co`"],
        hint: &["themes/"],
    },
    Case {
        name: "a_template_that_does_not_exist_is_reported_on_the_template_line",
        given: &[File(
            ARTICLE,
            "---\ntitle: \"A\"\ndate: 2025-09-01\ntemplate: khong-co.html\n---\nx\n",
        )],
        kind: Error,
        at: "content/tin-tuc/a.md:4:1",
        names: &["khong-co.html"],
        hint: &["template"],
    },
    Case {
        name: "a_theme_template_that_is_not_utf8_is_placed_at_the_bad_byte",
        given: &[
            ConfigPlus(b"theme: rieng\n"),
            Bytes("themes/rieng/templates/page.html", b"<p>\n<p>Ng\xe0y</p>\n"),
        ],
        kind: Error,
        at: "themes/rieng/templates/page.html:2:6",
        names: &["UTF-8"],
        hint: &["UTF-8"],
    },
    // The ledger of activities that are not articles (data/hoat-dong.yaml).
    Case {
        name: "a_ledger_that_is_not_a_list_is_an_error_at_line_one",
        given: &[File(LEDGER, "date: 2025-10-17\nchannel: zalo\ntitle: \"A\"\n")],
        kind: Error,
        at: "data/hoat-dong.yaml:1:1",
        names: &["danh sách"],
        hint: &["- date:"],
    },
    Case {
        name: "a_yaml_syntax_error_in_the_ledger_is_on_its_line",
        given: &[File(
            LEDGER,
            "- date: 2025-10-17\n  channel: zalo\n  title: Hội nghị: tập huấn\n",
        )],
        kind: Error,
        at: "data/hoat-dong.yaml:3:18",
        names: &["YAML"],
        hint: &["dấu hai chấm"],
    },
    Case {
        name: "an_unknown_ledger_key_names_the_closest_one_on_its_line",
        given: &[File(
            LEDGER,
            "- date: 2025-10-17\n  channel: zalo\n  title: \"A\"\n  partcipants: 30\n",
        )],
        kind: Error,
        at: "data/hoat-dong.yaml:4:3",
        names: &["`partcipants`"],
        hint: &["`participants`"],
    },
    Case {
        name: "an_activity_without_a_title_is_an_error_at_its_first_line",
        given: &[File(LEDGER, "# Sổ hoạt động\n- date: 2025-10-17\n  channel: zalo\n")],
        kind: Error,
        at: "data/hoat-dong.yaml:2:1",
        names: &["`title`"],
        hint: &["title:"],
    },
    Case {
        name: "a_ledger_date_written_day_first_is_an_error_on_its_line",
        given: &[File(LEDGER, "- date: 17/10/2025\n  channel: zalo\n  title: \"A\"\n")],
        kind: Error,
        at: "data/hoat-dong.yaml:1:3",
        names: &["17/10/2025"],
        hint: &["2025-10-17"],
    },
    Case {
        name: "an_unknown_channel_in_the_ledger_names_the_closest_on_its_line",
        given: &[File(LEDGER, "- date: 2025-10-17\n  channel: zallo\n  title: \"A\"\n")],
        kind: Error,
        at: "data/hoat-dong.yaml:2:3",
        names: &["hình thức `zallo`"],
        hint: &["`zalo`"],
    },
    Case {
        name: "an_unknown_unit_in_the_ledger_names_the_closest_on_its_line",
        given: &[File(
            LEDGER,
            "- date: 2025-10-17\n  channel: zalo\n  unit: van-phog\n  title: \"A\"\n",
        )],
        kind: Error,
        at: "data/hoat-dong.yaml:3:3",
        names: &["đơn vị `van-phog`"],
        hint: &["`van-phong`"],
    },
    Case {
        name: "words_for_the_participants_of_an_activity_are_an_error_on_their_line",
        given: &[File(
            LEDGER,
            "- date: 2025-10-17\n  channel: zalo\n  title: \"A\"\n  participants: \"30 người\"\n",
        )],
        kind: Error,
        at: "data/hoat-dong.yaml:4:3",
        names: &["participants", "30 người"],
        hint: &["participants: 80"],
    },
    Case {
        name: "a_ledger_link_that_runs_a_script_is_refused_on_its_line",
        given: &[File(
            LEDGER,
            "- date: 2025-10-17\n  channel: zalo\n  title: \"A\"\n  link: \"javascript:alert(1)\"\n",
        )],
        kind: Error,
        at: "data/hoat-dong.yaml:4:3",
        names: &["javascript:alert(1)"],
        hint: &["https://"],
    },
    Case {
        name: "an_activity_linking_to_the_site_itself_is_a_warning_against_counting_twice",
        given: &[File(
            LEDGER,
            "- date: 2025-10-17\n  channel: zalo\n  title: \"A\"\n  link: \"https://stp.angiang.gov.vn/cchc/tin-tuc/a/\"\n",
        )],
        kind: Warning,
        at: "data/hoat-dong.yaml:4:3",
        names: &["hai lần"],
        hint: &["data/hoat-dong.yaml"],
    },
    Case {
        name: "an_evidence_file_outside_data_is_refused_on_its_line",
        given: &[File(
            LEDGER,
            "- date: 2025-10-17\n  channel: zalo\n  title: \"A\"\n  evidence: ../config.yaml\n",
        )],
        kind: Error,
        at: "data/hoat-dong.yaml:4:3",
        names: &["../config.yaml", "data/"],
        hint: &["data/minh-chung"],
    },
    Case {
        name: "a_missing_evidence_file_names_the_one_that_is_there",
        given: &[
            File("data/minh-chung/bien-ban.pdf", "%PDF-1.4\n"),
            File(
                LEDGER,
                "- date: 2025-10-17\n  channel: zalo\n  title: \"A\"\n  evidence: minh-chung/bien-ban.pfd\n",
            ),
        ],
        kind: Error,
        at: "data/hoat-dong.yaml:4:3",
        names: &["data/minh-chung/bien-ban.pfd"],
        hint: &["`minh-chung/bien-ban.pdf`"],
    },
    Case {
        name: "an_activity_written_twice_is_a_warning_on_the_second",
        given: &[File(
            LEDGER,
            "- date: 2025-10-17\n  channel: zalo\n  title: \"A\"\n- date: 2025-10-17\n  channel: zalo\n  title: \"A\"\n",
        )],
        kind: Warning,
        at: "data/hoat-dong.yaml:4:1",
        names: &["\"A\"", "dòng 1"],
        hint: &["một lần"],
    },
    // Pasted HTML: the page is published without it, and the officer is told.
    Case {
        name: "a_pasted_style_attribute_is_a_warning_at_its_line",
        given: &[File(
            ARTICLE,
            "---\ntitle: \"A\"\ndate: 2025-08-21\n---\n<p style=\"color:red\">Chào</p>\n",
        )],
        kind: Warning,
        at: "content/tin-tuc/a.md:5:1",
        names: &["style="],
        hint: &[],
    },
    Case {
        name: "an_expired_setting_loa_does_not_know_is_an_error_on_its_line",
        given: &[ConfigPlus(b"expired: xoa\n")],
        kind: Error,
        at: "config.yaml:27:1",
        names: &["xoa"],
        hint: &["keep", "remove"],
    },
    // The editorial workflow: approval in config.yaml and in an article.
    Case {
        name: "an_approval_setting_loa_does_not_know_is_an_error_on_its_line",
        given: &[ConfigPlus(b"approval: bat buoc\n")],
        kind: Error,
        at: "config.yaml:27:1",
        names: &["bat buoc"],
        hint: &["approval: required"],
    },
    Case {
        name: "an_approval_state_loa_does_not_know_is_an_error_on_its_line",
        given: &[File(
            ARTICLE,
            "---\ntitle: \"A\"\ndate: 2025-08-21\napproval:\n  state: xong\n---\nx\n",
        )],
        kind: Error,
        at: "content/tin-tuc/a.md:5:1",
        names: &["`xong`"],
        hint: &["submitted", "approved"],
    },
    Case {
        name: "a_mistyped_key_in_the_approval_block_is_an_error_on_its_line",
        given: &[File(
            ARTICLE,
            "---\ntitle: \"A\"\ndate: 2025-08-21\napproval:\n  state: submitted\n  autor: \"Lê Văn Cường\"\n---\nx\n",
        )],
        kind: Error,
        at: "content/tin-tuc/a.md:6:3",
        names: &["autor"],
        hint: &[],
    },
    Case {
        name: "an_approver_not_on_the_configs_list_is_an_error_on_the_by_line",
        given: &[
            ConfigPlus(b"approvers:\n  - \"Nguy\xe1\xbb\x85n V\xc4\x83n An\"\n"),
            File(
                ARTICLE,
                "---\ntitle: \"A\"\ndate: 2025-08-21\napproval:\n  state: returned\n  by: \"Lê Văn Tám\"\n  note: \"Sửa lại\"\n---\nx\n",
            ),
        ],
        kind: Error,
        at: "content/tin-tuc/a.md:6:1",
        names: &["Lê Văn Tám", "approvers"],
        hint: &["Nguyễn Văn An"],
    },
    Case {
        name: "an_article_edited_after_its_approval_is_a_warning_on_the_approval_line",
        given: &[
            ConfigPlus(b"approval: required\n"),
            File(
                ARTICLE,
                "---\ntitle: \"A\"\ndate: 2025-08-21\napproval:\n  state: approved\n  by: \"Nguyễn Văn An\"\n  at: \"2025-08-20 09:00\"\n  hash: \"9f2c7d3a41b8e6f05d9c2a7e4b1f8c3d6a0e5b9f2c7d4a1e8b3f6c0d5a9e2b7f\"\n---\nNội dung đã sửa sau khi duyệt.\n",
            ),
        ],
        kind: Warning,
        at: "content/tin-tuc/a.md:4:1",
        names: &["sửa sau khi được duyệt"],
        hint: &["loa approve", "loa serve --review"],
    },
    Case {
        name: "an_approval_without_its_seal_is_a_warning_that_it_was_edited_by_hand",
        given: &[
            ConfigPlus(b"approval: required\n"),
            File(
                ARTICLE,
                "---\ntitle: \"A\"\ndate: 2025-08-21\napproval:\n  state: approved\n  by: \"Nguyễn Văn An\"\n---\nx\n",
            ),
        ],
        kind: Warning,
        at: "content/tin-tuc/a.md:4:1",
        names: &["sửa tay"],
        hint: &["loa approve"],
    },
];

#[test]
fn every_bad_input_is_reported_at_its_place_in_plain_vietnamese() {
    // Every row runs, so one wrong message does not hide the others (and every changed
    // snapshot is written for review at once).
    let failed: Vec<&str> = CASES
        .iter()
        .filter(|case| std::panic::catch_unwind(|| check(case)).is_err())
        .map(|case| case.name)
        .collect();
    assert!(failed.is_empty(), "rows that failed: {failed:#?}");
}

#[test]
fn every_snapshot_of_a_bad_input_belongs_to_a_row() {
    let rows: BTreeSet<&str> = CASES.iter().map(|case| case.name).collect();
    assert_eq!(rows.len(), CASES.len(), "two rows share a name");
    let snapshots = snapshot_names("site__bad_input__");
    let orphans: Vec<&String> = snapshots
        .iter()
        .filter(|s| !rows.contains(s.as_str()))
        .collect();
    assert!(
        orphans.is_empty(),
        "snapshots of no row (delete them): {orphans:?}"
    );
    // A row without its snapshot fails its own `assert_snapshot!`: insta writes a new snapshot
    // only when told to (`INSTA_UPDATE=always`), never under CI=true.
}

/// Builds the row's site and checks the one problem reported, then snapshots all loa says.
fn check(case: &Case) {
    let site = site_for(case.given);
    let result = site.try_build();
    let failed = result.is_err();
    let problems = result.map_or_else(|problems| problems, |rendered| rendered.warnings);
    let [d] = problems.as_slice() else {
        panic!("{}: expected one problem:\n{}", case.name, show(&problems));
    };
    let name = case.name;
    assert_eq!(d.severity, case.kind, "{name}: {d}");
    assert_eq!(
        failed,
        d.is_error(),
        "{name}: only an error stops the build"
    );
    if failed {
        assert!(
            !site.output().exists(),
            "{name}: a failed build writes nothing"
        );
    }
    assert_eq!(place(d), case.at, "{name}: the place of {d}");
    for what in case.names {
        assert!(
            d.message.contains(what),
            "{name}: the message names `{what}`: {d}"
        );
    }
    if !case.hint.is_empty() {
        let hint = d.hint.as_deref().unwrap_or_default();
        for what in case.hint {
            assert!(hint.contains(what), "{name}: the hint says `{what}`: {d}");
        }
    }
    assert_vietnamese(d);
    let mut settings = insta::Settings::clone_current();
    settings.set_omit_expression(true);
    let shown = format!("{}\n\nloa says:\n{}", describe(case.given), told(&problems));
    settings.bind(|| insta::assert_snapshot!(name, shown));
}

/// A fixture site with the row's inputs.
fn site_for(given: &[Input]) -> Site {
    let mut site = Site::new();
    for input in given {
        let (rel, bytes) = match *input {
            File(rel, text) => (rel, text.as_bytes().to_vec()),
            Bytes(rel, bytes) => (rel, bytes.to_vec()),
            Photo(rel) => (rel, photo(40, 30)),
            ConfigPlus(extra) => ("config.yaml", [CONFIG.as_bytes(), extra].concat()),
            ConfigEdit(from, to) => ("config.yaml", config_edited(&[(from, to)]).into_bytes()),
            NoConfig => {
                std::fs::remove_file(site.root().join("config.yaml")).unwrap();
                continue;
            }
            BaseUrl(url) => {
                site.base_url = Some(url.to_string());
                continue;
            }
        };
        site.write_bytes(rel, &bytes);
    }
    site
}

/// Where a problem is, as `path:line:col` with `/` on every system.
fn place(d: &Diagnostic) -> String {
    format!("{}:{}:{}", slashed(&d.path), d.line, d.col)
}

fn slashed(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

/// What the officer reads: every problem as `loa` prints it, paths with `/` on every system.
fn told(problems: &[Diagnostic]) -> String {
    let mut shown: Vec<String> = problems
        .iter()
        .map(|d| {
            Diagnostic {
                path: slashed(&d.path).into(),
                ..d.clone()
            }
            .to_string()
        })
        .collect();
    shown.push(String::new());
    shown.join("\n")
}

/// No message may pass on the English of the YAML reader. (Tera's own words in a template
/// syntax error still do: see that row's snapshot.)
#[track_caller]
fn assert_vietnamese(d: &Diagnostic) {
    let text = format!("{} {}", d.message, d.hint.as_deref().unwrap_or_default());
    for english in [
        "invalid type",
        "unknown field",
        "missing field",
        "invalid value",
    ] {
        assert!(!text.contains(english), "English reached the officer: {d}");
    }
}

/// The row's inputs as a person reads them, each file's lines numbered: the snapshot shows
/// them above what loa says, so a reviewer checks the place against them.
fn describe(given: &[Input]) -> String {
    let config_lines = CONFIG.lines().count();
    let parts: Vec<String> = given
        .iter()
        .map(|input| match *input {
            File(rel, text) => numbered(rel, text.as_bytes(), 1),
            Bytes(rel, bytes) => numbered(rel, bytes, 1),
            Photo(rel) => format!("{rel}: a JPEG photo, 40×30"),
            ConfigPlus(extra) => {
                numbered("config.yaml (the fixture's, then)", extra, config_lines + 1)
            }
            ConfigEdit(from, to) => {
                let edited = config_edited(&[(from, to)]);
                let start = edited.find(to).expect("the edit is there");
                let first = edited[..start].matches('\n').count() + 1;
                let lines = to.trim_end_matches('\n').matches('\n').count() + 1;
                let shown: Vec<&str> = edited.lines().skip(first - 1).take(lines).collect();
                numbered(
                    "config.yaml (the fixture's, with)",
                    shown.join("\n").as_bytes(),
                    first,
                )
            }
            NoConfig => "no config.yaml".to_string(),
            BaseUrl(url) => format!("--base-url {url}"),
        })
        .collect();
    parts.join("\n")
}

/// A file's text with its lines numbered from `first`, what an editor hides made visible:
/// bytes that are not UTF-8 as `\xNN`, tabs and carriage returns as `\t` and `\r`, spaces
/// at a line's end as `·`.
fn numbered(title: &str, bytes: &[u8], first: usize) -> String {
    if bytes.is_empty() {
        return format!("{title}: (empty)");
    }
    let mut text = String::new();
    for chunk in bytes.utf8_chunks() {
        text.push_str(chunk.valid());
        text.extend(chunk.invalid().iter().map(|b| format!("\\x{b:02x}")));
    }
    let mut out = format!("{title}:");
    for (n, line) in text.trim_end_matches('\n').split('\n').enumerate() {
        let line = line.replace('\t', "\\t").replace('\r', "\\r");
        let kept = line.trim_end_matches(' ');
        let spaces = "·".repeat(line.len() - kept.len());
        let shown = format!("{kept}{spaces}");
        // No space after the bar on an empty line: a snapshot keeps no trailing spaces.
        let gap = if shown.is_empty() { "" } else { " " };
        out.push_str(&format!("\n{:>3} |{gap}{shown}", first + n));
    }
    out
}

// Good inputs that look like bad ones.

#[test]
fn a_bom_and_crlf_line_ends_are_read_like_a_plain_lf_file() {
    let site = Site::new();
    let lf = "---\ntitle: \"Hội nghị tập huấn Nghị định 118\"\ndate: 2025-08-21 08:30\n\
              summary: \"Tập huấn một cửa\"\ntopics:\n  - nghi-dinh-118\n---\n\n## Mục tiêu\n\n\
              Đoạn một có *nhấn mạnh*\nvà dòng thứ hai.\n\n- ý một\n- ý hai\n";
    let windows = format!("\u{feff}{}", lf.replace('\n', "\r\n"));
    site.write("content/tin-tuc/windows.md", &windows);
    site.write("content/tin-tuc/unix.md", lf);
    let rendered = site.build();
    assert!(rendered.warnings.is_empty(), "{}", show(&rendered.warnings));

    let win = site.html("tin-tuc/windows/index.html");
    let unix = site.html("tin-tuc/unix/index.html");
    assert_eq!(win.text("h1"), "Hội nghị tập huấn Nghị định 118");
    for css in [
        "h1",
        "title",
        ".content",
        ".content h2",
        ".content li",
        "time",
    ] {
        assert_eq!(win.texts(css), unix.texts(css), "`{css}` differs");
    }
    assert_eq!(
        win.attrs("meta[name=description]", "content"),
        unix.attrs("meta[name=description]", "content")
    );
    assert_eq!(win.texts(".topics li"), ["Nghị định số 118/2025/NĐ-CP"]);
    assert_eq!(win.attrs(".content h2", "id"), ["muc-tieu"]);
    assert_eq!(
        win.attrs("time", "datetime"),
        unix.attrs("time", "datetime")
    );
    assert!(win
        .text(".content")
        .contains("Đoạn một có nhấn mạnh và dòng thứ hai."));
    assert!(
        !win.text(".content").contains('\u{feff}'),
        "the BOM is not text"
    );
}

#[test]
fn a_standalone_page_needs_no_date() {
    let site = Site::new();
    site.page("gioi-thieu.md", "Giới thiệu", "", "Trang giới thiệu.\n");
    let rendered = site.build();
    assert!(rendered.warnings.is_empty(), "{}", show(&rendered.warnings));
    assert_eq!(site.html("gioi-thieu/index.html").text("h1"), "Giới thiệu");
}

// Several problems at once.

/// Asserts where a problem is: its file and line.
#[track_caller]
fn assert_at(d: &Diagnostic, path: &str, line: usize) {
    assert_eq!(
        (d.path.as_path(), d.line),
        (Path::new(path), line),
        "wrong place for: {d}"
    );
}

/// The hint, which must be there.
#[track_caller]
fn hint(d: &Diagnostic) -> &str {
    d.hint
        .as_deref()
        .unwrap_or_else(|| panic!("a hint should say what to do: {d}"))
}

/// The errors reported in one file.
fn errors_in<'a>(problems: &'a [Diagnostic], path: &str) -> Vec<&'a Diagnostic> {
    problems
        .iter()
        .filter(|p| p.is_error() && p.path == Path::new(path))
        .collect()
}

#[test]
fn every_unknown_front_matter_key_in_a_file_is_reported() {
    let site = Site::new();
    site.article(
        "tin-tuc/a.md",
        "A",
        "2025-08-21",
        "topcis: [de-an-06]\nuint: van-phong\nabcxyz: 1\n",
        "x\n",
    );
    let problems = site.build_fails();
    let errors = errors_in(&problems, ARTICLE);
    assert_eq!(errors.len(), 3, "{}", show(&problems));
    let found: Vec<(usize, &str)> = errors.iter().map(|e| (e.line, hint(e))).collect();
    assert_eq!(found[0].0, 4);
    assert!(errors[0].message.contains("`topcis`") && found[0].1.contains("`topics`"));
    assert_eq!(found[1].0, 5);
    assert!(errors[1].message.contains("`uint`") && found[1].1.contains("`unit`"));
    assert_eq!(found[2].0, 6);
    assert!(errors[2].message.contains("`abcxyz`"));
    assert!(
        found[2].1.contains("title") && found[2].1.contains("topics"),
        "with nothing close, the hint lists the keys: {}",
        errors[2]
    );
}

#[test]
fn two_file_names_with_one_slug_collide() {
    let site = Site::new();
    site.article("tin-tuc/Hội nghị.md", "A", "2025-08-21", "", "A.\n");
    site.article("tin-tuc/hoi-nghi.md", "B", "2025-08-22", "", "B.\n");
    let problems = site.build_fails();
    let e = only_error(&problems);
    // Which of the two is blamed depends on how the file system spells and orders the names.
    assert!(e.path.starts_with("content/tin-tuc"), "{e}");
    assert_names(e, "/tin-tuc/hoi-nghi/");
    let other = if e.path.ends_with("hoi-nghi.md") {
        "content/tin-tuc/Hội nghị.md"
    } else {
        "content/tin-tuc/hoi-nghi.md"
    };
    assert_names(e, other);
    hint(e);
}

/// Asserts the message names `what`.
#[track_caller]
fn assert_names(d: &Diagnostic, what: &str) {
    assert!(
        d.message.contains(what),
        "the message should name `{what}`: {d}"
    );
}

#[test]
fn an_alias_cannot_replace_the_home_page_or_a_list_page() {
    let site = Site::new();
    for n in 1..=11 {
        site.article(&format!("tin-tuc/bai-{n}.md"), "B", "2025-09-01", "", "x\n");
    }
    site.article(
        "tin-tuc/moi.md",
        "Mới",
        "2025-09-02",
        "aliases:\n  - /index.html\n  - /tin-tuc/trang/2/\n",
        "x\n",
    );
    let problems = site.build_fails();
    let errors = errors_in(&problems, "content/tin-tuc/moi.md");
    assert_eq!(errors.len(), 2, "{}", show(&problems));
    for e in errors {
        assert_at(e, "content/tin-tuc/moi.md", 4);
        assert!(hint(e).contains("slug"), "{e}");
    }
}

#[test]
fn template_and_content_errors_are_reported_together() {
    let site = Site::new();
    site.config_plus("theme: rieng\n");
    site.write(
        "themes/rieng/templates/page.html",
        "<h1>{{ page.title }}</h1>\n{% if %}\n",
    );
    site.article("tin-tuc/a.md", "Hội nghị", "2025-08-21", "", "Nội dung.\n");
    site.article(
        "tin-tuc/b.md",
        "B",
        "2025-08-21",
        "topcis: [de-an-06]\n",
        "B.\n",
    );
    let problems = site.build_fails();
    let places: Vec<(&Path, usize)> = problems
        .iter()
        .filter(|p| p.is_error())
        .map(|p| (p.path.as_path(), p.line))
        .collect();
    assert_eq!(
        places,
        [
            (Path::new("content/tin-tuc/b.md"), 4),
            (Path::new("themes/rieng/templates/page.html"), 2),
        ],
        "{}",
        show(&problems)
    );
}

/// A theme's part at `part` that reads `page`, which no part can, on a site of three
/// articles: the one error the build fails with.
fn part_reading_a_page(part: &str, text: &str) -> Diagnostic {
    let site = Site::new();
    site.config_plus("theme: rieng\n");
    site.write(&format!("themes/rieng/templates/{part}"), text);
    for n in 0..3 {
        let name = format!("tin-tuc/{n}.md");
        site.article(&name, "Bài", "2025-08-21", "", "Nội dung.\n");
    }
    let problems = site.build_fails();
    let errors: Vec<&Diagnostic> = problems.iter().filter(|p| p.is_error()).collect();
    assert_eq!(errors.len(), 1, "{}", show(&problems));
    errors[0].clone()
}

#[test]
fn a_once_part_reading_a_page_is_one_error_at_its_line_not_one_per_page() {
    let error = part_reading_a_page("once/footer.html", "<footer>\n{{ page.title }}</footer>");
    assert_at(&error, "themes/rieng/templates/once/footer.html", 2);
    assert!(hint(&error).contains("site"), "{error}");
}

#[test]
fn a_card_part_reading_a_page_is_one_error_at_its_line_not_one_per_article() {
    let error = part_reading_a_page("card/card.html", "<article>\n{{ page.title }}</article>");
    assert_at(&error, "themes/rieng/templates/card/card.html", 2);
    assert!(hint(&error).contains("article"), "{error}");
    // The article it failed for first is named.
    assert!(error.message.contains("tin-tuc/0.md"), "{error}");
}

// One run reports everything; a failed build writes nothing.

/// Three files broken three ways, and one with pasted HTML (a warning).
fn three_broken_files(site: &Site) {
    site.write_bytes(
        "content/tin-tuc/a.md",
        b"---\ntitle: \"A\"\ndate: 2025-08-21\n---\nch\xe0o\n",
    );
    site.article(
        "tin-tuc/b.md",
        "B",
        "2025-08-21",
        "topcis: [de-an-06]\n",
        "B.\n",
    );
    site.article(
        "tin-tuc/c.md",
        "C",
        "2025-08-21",
        "",
        "Xem [bài](khong-co.md).\n",
    );
    site.article(
        "tin-tuc/d.md",
        "D",
        "2025-08-21",
        "",
        "<p style=\"color:red\">D</p>\n",
    );
}

#[test]
fn every_problem_of_a_site_is_reported_in_one_run() {
    let site = Site::new();
    three_broken_files(&site);
    let problems = site.build_fails();
    let errors: Vec<(&Path, usize)> = problems
        .iter()
        .filter(|p| p.is_error())
        .map(|p| (p.path.as_path(), p.line))
        .collect();
    assert_eq!(
        errors,
        [
            (Path::new("content/tin-tuc/a.md"), 5),
            (Path::new("content/tin-tuc/b.md"), 4),
            (Path::new("content/tin-tuc/c.md"), 5),
        ],
        "{}",
        show(&problems)
    );
    let warnings: Vec<_> = problems
        .iter()
        .filter(|p| p.severity == Severity::Warning)
        .collect();
    assert_eq!(warnings.len(), 1, "{}", show(&problems));
    assert_at(warnings[0], "content/tin-tuc/d.md", 5);
}

#[test]
fn a_failed_first_build_writes_no_output_folder() {
    let site = Site::new();
    three_broken_files(&site);
    site.build_fails();
    assert!(!site.output().exists());
}

#[test]
fn a_failed_build_leaves_the_previous_output_byte_for_byte() {
    let site = Site::new();
    site.article(
        "tin-tuc/a.md",
        "A",
        "2025-08-21",
        "topics: [de-an-06]\n",
        "Bài A.\n",
    );
    site.article("tin-tuc/e.md", "E", "2025-08-20", "", "Bài E.\n");
    site.build();
    let before = files_under(&site.output());
    assert!(before.contains_key("tin-tuc/a/index.html"));

    // A new article, a changed one and three broken ones: nothing of it may reach output/.
    site.article("tin-tuc/moi.md", "Mới", "2025-08-22", "", "Bài mới.\n");
    site.article("tin-tuc/e.md", "E sửa", "2025-08-20", "", "Bài E đã sửa.\n");
    three_broken_files(&site);
    site.build_fails();
    assert_eq!(files_under(&site.output()), before);
}

// Pasted HTML.

#[test]
fn pasted_html_builds_with_warnings_and_publishes_clean() {
    let site = Site::new();
    site.article(
        "tin-tuc/a.md",
        "A",
        "2025-08-21",
        "",
        "Đoạn đầu.\n\n\
         <p class=\"MsoNormal\" style=\"mso-line-height:1\" onclick=\"x()\">Chào <b>bạn</b></p>\n\n\
         <script>alert(1)</script>\n\n\
         Văn bản <span onclick=\"y()\">in</span> tiếp.\n",
    );
    let rendered = site.build();
    let w = &rendered.warnings;
    assert!(
        w.iter().all(|d| d.severity == Severity::Warning),
        "{}",
        show(w)
    );
    assert!(
        w.iter().all(|d| d.path == Path::new(ARTICLE)),
        "{}",
        show(w)
    );
    assert!(w.iter().all(|d| d.hint.is_some()), "{}", show(w));
    assert_eq!(
        w.len(),
        5,
        "each dropped thing once per place:\n{}",
        show(w)
    );
    let at = |line: usize, col: usize, what: &str| {
        assert!(
            w.iter()
                .any(|d| d.line == line && d.col == col && d.message.contains(what)),
            "no warning about {what} at {line}:{col}:\n{}",
            show(w)
        );
    };
    at(7, 1, "class=");
    at(7, 1, "style=");
    at(7, 1, "onclick=");
    at(9, 1, "<script>");
    at(11, 9, "onclick=");

    let page = site.html("tin-tuc/a/index.html");
    assert_eq!(
        page.count("script:not([type=\"application/ld+json\"]):not([src$=\"/chia-se.js\"])"),
        0
    );
    assert_eq!(page.count("[style]"), 0);
    assert_eq!(page.count("[onclick]"), 0);
    assert_eq!(page.count(".MsoNormal"), 0);
    assert_eq!(
        page.texts(".content p"),
        ["Đoạn đầu.", "Chào bạn", "Văn bản in tiếp."]
    );
    assert!(!page.text(".content").contains("alert"));
}
