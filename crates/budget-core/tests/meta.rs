//! Document metadata of the five seeds: region and adcode for the budget year, year, kind,
//! agency code, and the conflicting region in seed 002 reported, not adopted.

use budget_core::DocumentKind;

mod common;
use common::seed;

#[test]
fn seed_meta() {
    let cases = [
        ("000", "盐池县", "640323", 2020),
        ("001", "成安县", "130424", 2023),
        ("002", "重庆市綦江区", "500110", 2022),
        ("003", "承德市", "130800", 2020),
        ("004", "松原市", "220700", 2024),
    ];
    for (prefix, region, adcode, year) in cases {
        let meta = seed(prefix).meta;
        assert_eq!(meta.region.as_deref(), Some(region), "{prefix}");
        assert_eq!(meta.adcode.as_deref(), Some(adcode), "{prefix}");
        assert_eq!(meta.year, Some(year), "{prefix}");
        assert_eq!(meta.kind, Some(DocumentKind::Budget), "{prefix}");
    }
    let meta = seed("001").meta;
    assert_eq!(
        (meta.agency_code.as_deref(), meta.agency.as_deref()),
        (Some("320001"), Some("成安县医疗保障局机关本级"))
    );
    assert_eq!(seed("003").meta.approval_ref.as_deref(), Some("承财预[2020]12号"));
}

#[test]
fn seed_002_conflicting_caption_region_is_a_warning() {
    let doc = seed("002");
    let conflicts: Vec<_> = doc.warnings.iter().filter(|w| w.code == "region_conflict").collect();
    assert_eq!(conflicts.len(), 1);
    assert!(conflicts[0].message.contains("天津市蓟江区"), "{}", conflicts[0].message);
    assert!(conflicts[0].provenance.line_start > 0, "the warning points at the caption");
}
