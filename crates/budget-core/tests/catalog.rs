//! The embedded catalogs against real codes, names and the five seed regions.

use budget_core::catalog::admin::{self, resolve_region, DivisionLevel};
use budget_core::catalog::{economic, function, normalize_name, CatalogStatus, Confidence, YearRange};
use budget_core::{CodeScheme, Level};

fn data_rows(file: &str) -> usize {
    let path = format!("{}/data/{file}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    // None of the shipped fields spans a line, so data rows = non-empty lines - header.
    text.lines().filter(|line| !line.is_empty()).count() - 1
}

#[test]
fn row_counts_equal_the_csv_row_counts() {
    assert_eq!(function::entries().len(), 901);
    assert_eq!(economic::entries().len(), 188);
    assert_eq!(admin::divisions().len(), 7717);
    assert_eq!(function::entries().len(), data_rows("gfs_function_codes.csv"));
    assert_eq!(economic::entries().len(), data_rows("gfs_economic_codes.csv"));
    assert_eq!(admin::divisions().len(), data_rows("admin_divisions.csv"));
    let current = admin::divisions().iter().filter(|d| d.valid_to.is_none()).count();
    assert_eq!(current, 3214);
}

#[test]
fn quoted_source_field_with_commas_does_not_shift_columns() {
    // The `source` column is quoted and contains commas; `confidence` comes after it.
    let entry = function::lookup("201", None).unwrap();
    assert_eq!(entry.confidence, Confidence::Corroborated);
    let low: Vec<_> = function::entries().iter().filter(|e| e.confidence == Confidence::Low).collect();
    assert_eq!(low.len(), 34);
    assert!(low.iter().any(|e| e.code == "20139" && e.name == "社会工作事务"));
    assert_eq!(function::lookup("2219899", None).unwrap().confidence, Confidence::Observed);
    assert_eq!(economic::lookup("30311").unwrap().confidence, Confidence::Low);
}

#[test]
fn function_210_name_history() {
    for (year, name) in [(2010, "医疗卫生支出"), (2013, "医疗卫生支出"), (2014, "医疗卫生与计划生育支出")]
    {
        assert_eq!(function::name_for("210", Some(year)), Some(name), "{year}");
    }
    for (year, name) in [(2018, "医疗卫生与计划生育支出"), (2019, "卫生健康支出"), (2024, "卫生健康支出")]
    {
        assert_eq!(function::name_for("210", Some(year)), Some(name), "{year}");
    }
    assert_eq!(function::name_for("210", None), Some("卫生健康支出"));
    let entry = function::lookup("210", Some(2016)).unwrap();
    assert_eq!((entry.level, entry.parent_code), (Level::Class, None));
    assert_eq!(entry.valid_years(), YearRange { from: Some(2014), to: Some(2018) });
}

#[test]
fn function_lookup_levels_parents_and_other_renames() {
    let item = function::lookup("2101101", Some(2023)).unwrap();
    assert_eq!((item.name, item.level, item.parent_code), ("行政单位医疗", Level::Item, Some("21011")));
    assert_eq!(function::lookup("21011", Some(2023)).unwrap().level, Level::Section);
    assert_eq!(function::name_for("207", Some(2018)), Some("文化体育与传媒支出"));
    assert_eq!(function::name_for("207", Some(2019)), Some("文化旅游体育与传媒支出"));
    assert_eq!(function::name_for("21305", Some(2020)), Some("扶贫"));
    assert_eq!(function::name_for("21305", Some(2021)), Some("巩固脱贫攻坚成果衔接乡村振兴"));
    // 21001 has no row before 2014: the nearest (2014–2018) one answers, flagged as not valid.
    let before = function::lookup("21001", Some(2010)).unwrap();
    assert_eq!(before.name, "医疗卫生与计划生育管理事务");
    assert!(!before.is_valid_in(2010));
    assert!(function::lookup("2101101 ", Some(2023)).is_some(), "surrounding whitespace is ignored");
    assert!(function::lookup("", None).is_none());
    assert!(function::lookup("医疗", None).is_none());
}

#[test]
fn function_check_statuses() {
    assert_eq!(
        function::check("210", "医疗卫生与计划生育支出", Some(2024)),
        CatalogStatus::RenamedForYear {
            canonical: "卫生健康支出".into(),
            printed_valid_years: YearRange { from: Some(2014), to: Some(2018) },
        }
    );
    assert_eq!(function::check("210", "医疗卫生与计划生育支出", Some(2016)), CatalogStatus::Match);
    assert_eq!(
        function::check("210", "卫生健康支出", Some(2012)),
        CatalogStatus::RenamedForYear {
            canonical: "医疗卫生支出".into(),
            printed_valid_years: YearRange { from: Some(2019), to: None },
        }
    );
    assert_eq!(function::check("2101202", "财政对城乡居民基本医疗保险基金的补助", Some(2023)), CatalogStatus::Match);
    assert_eq!(
        function::check("2101202", "行政单位医疗", Some(2023)),
        CatalogStatus::NameMismatch { canonical: "财政对城乡居民基本医疗保险基金的补助".into() }
    );
    assert_eq!(function::check("2109998", "其他", Some(2023)), CatalogStatus::UnknownCode);
    assert_eq!(
        function::check("2109999", "其他", Some(2023)),
        CatalogStatus::NameMismatch { canonical: "其他卫生健康支出".into() }
    );
    // Printed variants: spaces, level marker, half-width brackets.
    assert_eq!(function::check("210", " 卫生健康支出（类）", Some(2023)), CatalogStatus::Match);
    assert_eq!(function::check("21015", "医疗保障管理事务(款)", None), CatalogStatus::Match);
    assert_eq!(function::check("20103", "政府办公厅(室)及相关机构事务", Some(2023)), CatalogStatus::Match);
    assert_eq!(function::check("2101501", "行 政 运 行", Some(2020)), CatalogStatus::Match);
}

#[test]
fn function_entries_named() {
    let codes: Vec<_> = function::entries_named("医疗卫生与计划生育支出").iter().map(|e| e.code).collect();
    assert_eq!(codes, ["210"]);
    // Moved in 2019 from 2100501 (retired) to 2101101.
    let moved: Vec<_> = function::entries_named("行政单位医疗").iter().map(|e| (e.code, e.valid_to)).collect();
    assert_eq!(moved, [("2100501", Some(2018)), ("2101101", None)]);
    let administration = function::entries_named("行政运行");
    assert_eq!(administration.len(), 47);
    assert!(administration.iter().all(|e| e.code.ends_with("01") && e.level == Level::Item));
    assert_eq!(function::entries_named("政府办公厅(室)及相关机构事务")[0].code, "20103");
    assert!(function::entries_named("不存在的科目").is_empty());
}

#[test]
fn normalize_name_strips_only_trailing_level_markers() {
    assert_eq!(normalize_name("卫生健康支出（类）"), "卫生健康支出");
    assert_eq!(normalize_name("中医（民族）医院"), "中医(民族)医院");
    assert_eq!(normalize_name("（款）"), "(款)");
}

#[test]
fn economic_lookup_names_and_crosswalk() {
    for (code, name) in [("30101", "基本工资"), ("30113", "住房公积金"), ("30231", "公务用车运行维护费")]
    {
        let entry = economic::lookup(code).unwrap();
        assert_eq!((entry.name, entry.scheme, entry.level), (name, CodeScheme::DeptEconomic, Level::Section));
    }
    assert_eq!(economic::lookup("301").unwrap().name, "工资福利支出");
    assert_eq!(economic::lookup("30231").unwrap().parent_code, Some("302"));
    let gov = economic::lookup("50101").unwrap();
    assert_eq!((gov.name, gov.scheme), ("工资奖金津补贴", CodeScheme::GovEconomic));
    assert_eq!(economic::gov_code_for_jiguan("30101").map(|e| e.code), Some("50101"));
    assert_eq!(economic::gov_code_for_jiguan("30113").map(|e| e.code), Some("50103"));
    assert_eq!(economic::gov_code_for_jiguan("30231").map(|e| e.code), Some("50208"));
    assert!(economic::gov_code_for_jiguan("50101").is_none(), "a 政府 code has no crosswalk");
    assert!(economic::gov_code_for_jiguan("39999").is_none());
    assert!(economic::lookup("21011").is_none(), "function codes are not economic codes");
}

#[test]
fn economic_by_name_per_scheme() {
    let dept: Vec<_> = economic::by_name("基本工资", CodeScheme::DeptEconomic).iter().map(|e| e.code).collect();
    assert_eq!(dept, ["30101"]);
    assert!(economic::by_name("基本工资", CodeScheme::GovEconomic).is_empty());
    let gov: Vec<_> = economic::by_name("公务用车购置", CodeScheme::GovEconomic).iter().map(|e| e.code).collect();
    assert_eq!(gov, ["50303", "50403"]);
    assert_eq!(economic::by_name(" 住房公积金 ", CodeScheme::DeptEconomic)[0].code, "30113");
    assert!(economic::by_name("基本工资", CodeScheme::Function).is_empty());
    let schemes = |scheme| economic::entries().iter().filter(|e| e.scheme == scheme).count();
    assert_eq!((schemes(CodeScheme::DeptEconomic), schemes(CodeScheme::GovEconomic)), (110, 78));
}

#[test]
fn admin_lookup_is_year_aware() {
    let qijiang = admin::lookup("500110", Some(2022)).unwrap();
    assert_eq!((qijiang.name, qijiang.level, qijiang.parent_code), ("綦江区", DivisionLevel::County, Some("500000")));
    assert_eq!(qijiang.province, "重庆市");
    assert_eq!(qijiang.city, None);
    // The code was 万盛区 until 2010 (merged into 綦江区, which took the code).
    assert_eq!(admin::lookup("500110", Some(2010)).map(|d| d.name), Some("万盛区"));
    assert_eq!(admin::lookup("500222", Some(2010)).map(|d| d.name), Some("綦江县"));
    let songyuan = admin::lookup("220700", None).unwrap();
    assert_eq!((songyuan.name, songyuan.level, songyuan.valid_from), ("松原市", DivisionLevel::City, Some(1992)));
    assert_eq!(admin::lookup("220702", Some(1994)).map(|d| d.name), Some("扶余区"));
    assert_eq!(admin::lookup("220702", Some(1995)).map(|d| d.name), Some("宁江区"));
    assert_eq!(admin::lookup("130000", Some(1980)).map(|d| d.level), Some(DivisionLevel::Province));
    assert!(admin::lookup("999999", None).is_none());
    assert_eq!(admin::history("220702").len(), 2);
}

#[test]
fn admin_find_by_name_is_year_aware() {
    let codes = |name, year| admin::find_by_name(name, year).iter().map(|d| d.adcode).collect::<Vec<_>>();
    assert_eq!(codes("綦江区", Some(2022)), ["500110"]);
    assert_eq!(codes("綦江县", Some(2010)), ["500222"]);
    assert_eq!(codes("綦江县", Some(1996)), ["510223"]);
    assert!(codes("綦江县", Some(2011)).is_empty());
    assert!(codes("綦江县", None).is_empty());
    assert_eq!(codes("盐池县", Some(2020)), ["640323"]);
    assert_eq!(codes("盐池县", Some(1997)), ["642126"]);
    assert_eq!(codes("成安县", Some(1992)), ["132128"]);
    assert_eq!(codes("成 安 县", Some(2023)), ["130424"]);
    assert_eq!(codes("和平区", None), ["120101", "210102"]);
}

#[test]
fn resolve_region_finds_the_five_seed_regions() {
    let cases = [
        ("盐池县医疗保险服务中心2020年部门预算——单位概况", 2020, "640323", "盐池县"),
        ("320001成安县医疗保障局机关本级", 2023, "130424", "成安县"),
        ("重庆市綦江区医疗保障事务中心", 2022, "500110", "綦江区"),
        ("承德市医疗保障局", 2020, "130800", "承德市"),
        ("松原市医疗保险经办机构", 2024, "220700", "松原市"),
    ];
    for (text, year, adcode, name) in cases {
        let found = resolve_region(text, Some(year)).unwrap_or_else(|| panic!("{text}"));
        assert_eq!((found.division.adcode, found.division.name), (adcode, name), "{text}");
        assert_eq!(&text[found.span.clone()], name);
        assert!(found.alternatives.is_empty(), "{text}");
    }
    let qijiang = resolve_region("重庆市綦江区医疗保障事务中心", Some(2022)).unwrap();
    assert_eq!(qijiang.named_ancestors.iter().map(|d| d.adcode).collect::<Vec<_>>(), ["500000"]);
    // Before 2011 the same text names no division called 綦江区: only 重庆市 remains.
    assert_eq!(resolve_region("重庆市綦江区医疗保障事务中心", Some(2005)).unwrap().division.adcode, "500000");
    assert_eq!(resolve_region("綦江县医疗保险管理中心", Some(2005)).unwrap().division.adcode, "500222");
    // 盐池县 had code 642126 (银南地区) until 1997.
    assert_eq!(resolve_region("盐池县医疗保险服务中心", Some(1997)).unwrap().division.adcode, "642126");
}

#[test]
fn resolve_region_prefers_the_most_specific_consistent_division() {
    let found = resolve_region("吉林省松原市宁江区医疗保障局", Some(2024)).unwrap();
    assert_eq!(found.division.adcode, "220702");
    let ancestors: Vec<_> = found.named_ancestors.iter().map(|d| d.adcode).collect();
    assert_eq!(ancestors, ["220000", "220700"]);
    // The named city decides between same-named districts.
    assert_eq!(resolve_region("天津市和平区医疗保障局", None).unwrap().division.adcode, "120101");
    assert_eq!(resolve_region("沈阳市和平区医疗保障局", None).unwrap().division.adcode, "210102");
    // A district that contradicts the named parent is dropped: the parent is the answer.
    assert_eq!(resolve_region("天津市鼓楼区", None).unwrap().division.adcode, "120000");
    assert_eq!(resolve_region("承德市成安县", Some(2023)).unwrap().division.adcode, "130800");
    // 蓟江区 does not exist; 天津市 is what the text names.
    let tianjin = resolve_region("天津市蓟江区", Some(2020)).unwrap();
    assert_eq!((tianjin.division.adcode, tianjin.span.clone()), ("120000", 0..9));
}

#[test]
fn resolve_region_reports_ambiguity_and_rejects_embedded_short_names() {
    let gulou = resolve_region("鼓楼区医疗保障局", None).unwrap();
    assert_eq!(gulou.division.adcode, "320106");
    let others: Vec<_> = gulou.alternatives.iter().map(|d| d.adcode).collect();
    assert_eq!(others, ["320302", "350102", "410204"]);
    // 东区 (攀枝花) counts after its city or at the start, not inside another word.
    assert_eq!(resolve_region("攀枝花市东区医疗保障局", None).unwrap().division.adcode, "510402");
    assert_eq!(resolve_region("东区医疗保障局", None).unwrap().division.adcode, "510402");
    assert!(resolve_region("华东区域医疗中心", None).is_none());
    assert!(resolve_region("本部门东区办公楼", None).is_none());
    assert!(resolve_region("医疗保障局2023年部门预算", Some(2023)).is_none());
    assert!(resolve_region("", None).is_none());
    assert_eq!(resolve_region("🙂东区", None).map(|m| m.span), Some(4..10), "after a non-CJK character");
    assert!(resolve_region("綦江", Some(2022)).is_none(), "short forms are not matched");
}
