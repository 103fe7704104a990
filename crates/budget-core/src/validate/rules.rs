//! The rule table: every rule's id, family, description and tolerance policy, as data.

use serde::Serialize;

/// The family of a rule (see `docs/GLOSSARY.md`, Validation).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RuleFamily {
    /// 表内平衡: totals and parts within one table.
    WithinTable,
    /// 表间一致: the same amount in different tables.
    AcrossTables,
    /// 表文一致: narrative numbers versus table amounts.
    TextVsTable,
    /// The narrative's own sums and stated changes.
    WithinText,
    /// Code/name pairs versus the classification catalogs.
    Catalog,
    /// Units and regions that do not fit the rest of the document.
    Plausibility,
    /// The standard table set and blank tables (a reviewer's completeness checks).
    Completeness,
    /// One year and one agency throughout (headings, captions, dates, names).
    Consistency,
    /// Punctuation a reviewer flags (doubled 。。, unmatched brackets or quotes).
    Typography,
}

impl RuleFamily {
    /// The identifier used in frames and JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            RuleFamily::WithinTable => "within_table",
            RuleFamily::AcrossTables => "across_tables",
            RuleFamily::TextVsTable => "text_vs_table",
            RuleFamily::WithinText => "within_text",
            RuleFamily::Catalog => "catalog",
            RuleFamily::Plausibility => "plausibility",
            RuleFamily::Completeness => "completeness",
            RuleFamily::Consistency => "consistency",
            RuleFamily::Typography => "typography",
        }
    }
}

/// How a rule compares numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TolerancePolicy {
    /// Half a unit of the last printed digit of every number involved (尾数误差), zero for printed zeros.
    Rounding,
    /// No numeric comparison (names, units, regions).
    NotNumeric,
}

/// One validation rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Rule {
    /// Stable id, used in [`super::Finding::rule`].
    pub id: &'static str,
    /// The family.
    pub family: RuleFamily,
    /// What the rule checks, in Chinese.
    pub description_zh: &'static str,
    /// What the rule checks, in English.
    pub description_en: &'static str,
    /// How numbers are compared.
    pub tolerance: TolerancePolicy,
}

macro_rules! rules {
    ($($name:ident = $id:literal, $family:ident, $tolerance:ident, $zh:literal, $en:literal;)*) => {
        $(
            #[doc = $en]
            pub(crate) const $name: &Rule = &Rule {
                id: $id,
                family: RuleFamily::$family,
                description_zh: $zh,
                description_en: $en,
                tolerance: TolerancePolicy::$tolerance,
            };
        )*
        /// Every rule, in evaluation and report order.
        pub const RULES: &[&Rule] = &[$($name),*];
    };
}

rules! {
    SUMMARY_BALANCE = "summary.income_eq_expenditure", WithinTable, Rounding,
        "收支总表：收入总计 = 支出总计", "Summary tables: total income equals total expenditure.";
    COLUMNS_BASIC_PROJECT = "columns.total_eq_basic_plus_project", WithinTable, Rounding,
        "合计 = 基本支出 + 项目支出（及其他支出列）", "Total column equals basic plus project expenditure (and other expenditure columns).";
    COLUMNS_PERSONNEL_PUBLIC = "columns.basic_eq_personnel_plus_public", WithinTable, Rounding,
        "基本支出 = 人员经费 + 公用经费", "Basic expenditure equals personnel plus public (operating) costs.";
    COLUMNS_SUM = "columns.total_eq_sum", WithinTable, Rounding,
        "合计/小计列 = 其下各列之和", "A 合计/小计 column equals the sum of its sibling columns.";
    ROWS_CODE_CHILDREN = "rows.parent_code_eq_sum_children", WithinTable, Rounding,
        "类 = Σ款，款 = Σ项（按科目编码）", "A class equals the sum of its sections, a section the sum of its items (by code).";
    ROWS_TOTAL_CODES = "rows.total_eq_sum_top_codes", WithinTable, Rounding,
        "合计行 = 各类（最高级科目）之和", "The total row equals the sum of the top-level code rows.";
    ROWS_TOTAL_PARTS = "rows.total_eq_sum_parts", WithinTable, Rounding,
        "合计/总计行 = 各项（一、二、…）之和", "A total row equals the sum of its numbered parts.";
    ROWS_PARENT_CHILDREN = "rows.parent_eq_sum_children", WithinTable, Rounding,
        "分项行 = 其下明细之和", "A numbered row equals the sum of the rows under it.";
    ROWS_OF_WHICH = "rows.of_which_within_parent", WithinTable, Rounding,
        "“其中”项之和不超过上级项", "The 其中 (of which) rows do not exceed their parent.";
    THREE_PUBLIC_TABLE = "three_public.total_eq_parts", WithinTable, Rounding,
        "“三公”经费合计 = 因公出国（境）费 + 公务接待费 + 公务用车购置及运行费", "三公 total equals overseas travel plus reception plus official vehicles.";
    VEHICLES_TABLE = "three_public.vehicles_eq_purchase_plus_operation", WithinTable, Rounding,
        "公务用车购置及运行费 = 购置费 + 运行费", "Official vehicles equal purchase plus operation.";
    ASSETS_TABLE = "assets.total_eq_sum_categories", WithinTable, Rounding,
        "资产总额 = 各类资产之和（价值与数量，“其中”不计）", "Asset total equals the sum of the categories (values and counts; 其中 rows not summed).";
    ACROSS_INCOME = "across.income_total", AcrossTables, Rounding,
        "收支总表收入总计 = 收入总表合计", "Summary table total income equals the income table total.";
    ACROSS_EXPENDITURE = "across.expenditure_total", AcrossTables, Rounding,
        "收支总表本年支出合计 = 支出总表合计", "Summary table expenditure equals the expenditure table total.";
    ACROSS_GENERAL_BUDGET = "across.general_budget_total", AcrossTables, Rounding,
        "财政拨款收支总表一般公共预算支出 = 一般公共预算支出表合计", "Fiscal grant summary general-budget expenditure equals the general budget expenditure table total.";
    ACROSS_BASIC = "across.basic_total", AcrossTables, Rounding,
        "一般公共预算支出表基本支出 = 基本支出表合计", "General budget basic expenditure equals the basic expenditure table total.";
    ACROSS_INCOME_EXPENDITURE = "across.income_table_eq_expenditure_table", AcrossTables, Rounding,
        "预算：收入总表合计 = 支出总表合计（含各科目）", "Budgets: income table equals expenditure table (totals and per code).";
    ACROSS_CLASSES = "across.class_amounts", AcrossTables, Rounding,
        "收支总表各类支出 = 支出表各类合计", "Class amounts of the summary tables equal the class rows of the coded tables.";
    ACROSS_DECLARED_EMPTY = "across.declared_empty", AcrossTables, Rounding,
        "声明为空的表与其他处金额不矛盾", "A table declared empty has no amounts elsewhere.";
    TEXT_FACT_TABLE = "text.fact_eq_table", TextVsTable, Rounding,
        "说明中的金额 = 表中对应金额", "A narrative amount equals the table amount of the same concept.";
    TEXT_CODED_FACT = "text.coded_fact_eq_table", TextVsTable, Rounding,
        "说明中按科目列示的金额 = 表中该科目金额", "A narrative amount named by a classification equals that code's table amount.";
    TEXT_BASIC_SPLIT = "text.basic_eq_personnel_plus_public", WithinText, Rounding,
        "说明：基本支出 = 人员经费 + 公用经费", "Narrative: basic equals personnel plus public costs.";
    TEXT_TOTAL_SPLIT = "text.total_eq_basic_plus_project", WithinText, Rounding,
        "说明：支出（收入）总额 = 基本支出 + 项目支出", "Narrative: total equals basic plus project expenditure.";
    TEXT_ITEMISED = "text.itemised_sum", WithinText, Rounding,
        "说明：人员经费、公用经费、项目支出 = 所列明细之和", "Narrative: personnel/public/project amounts equal their itemised lists.";
    TEXT_THREE_PUBLIC = "text.three_public_parts", WithinText, Rounding,
        "说明：“三公”经费 = 出国 + 接待 + 公务用车；公务用车 = 购置 + 运行", "Narrative: 三公 total and vehicle costs equal their parts.";
    TEXT_PROCUREMENT = "text.procurement_parts", WithinText, Rounding,
        "说明：政府采购 = 货物 + 工程 + 服务", "Narrative: procurement equals goods plus works plus services.";
    TEXT_SOURCES = "text.sources_sum", WithinText, Rounding,
        "说明：收入（支出）总额 = 所列各来源（去向）之和", "Narrative: a stated total equals the sources or uses listed with it.";
    TEXT_SHARES = "text.share_eq_amount_ratio", WithinText, Rounding,
        "说明：占比（%）= 金额 ÷ 总额", "Narrative: a stated share (占 %) equals the amount over its total.";
    TEXT_CLASS_LIST = "text.class_list_sum", WithinText, Rounding,
        "说明：按功能分类列示的各类支出之和 = 支出总额", "Narrative: the listed function classes sum to the stated total.";
    TEXT_CHANGE = "text.stated_change", WithinText, Rounding,
        "说明：所述增减额（率）= 两年数之差", "Narrative: a stated change equals the difference of the stated years.";
    CATALOG_FUNCTION = "catalog.function_name", Catalog, NotNumeric,
        "功能分类科目编码与名称符合预算年度目录", "Function code/name pairs match the catalog of the budget year.";
    CATALOG_ECONOMIC = "catalog.economic_name", Catalog, NotNumeric,
        "经济分类科目编码与名称符合目录", "Economic code/name pairs match the catalog.";
    UNIT_PLAUSIBILITY = "plausibility.unit", Plausibility, NotNumeric,
        "以“元”列示、但按上下文应为“万元”的金额", "An amount labelled 元 where the context is 万元.";
    REGION = "plausibility.region", Plausibility, NotNumeric,
        "表题、编制单位中的地区与文件所属地区一致", "Regions named in table titles and captions match the document's region.";
    COMPLETENESS_CONTENTS = "completeness.listed_in_contents", Completeness, NotNumeric,
        "目录所列的标准表格均已公开", "Every standard table the document's own 目录 lists is present.";
    COMPLETENESS_STANDARD_SET = "completeness.standard_set", Completeness, NotNumeric,
        "公开了本类文件（预算/决算，部门/单位）的全套标准表格", "The standard table set of the document's kind (预算/决算, 部门/单位) is present.";
    COMPLETENESS_BLANK_TABLE = "completeness.blank_table", Completeness, NotNumeric,
        "空白的表格注明为空表，且其他处未列示其金额", "A blank table says it is empty on purpose, and no other part states its amounts.";
    CONSISTENCY_YEAR = "consistency.year", Consistency, NotNumeric,
        "标题、表题与资产截止日期的年度与文件年度一致", "Years in headings, table titles and asset dates match the document's year.";
    CONSISTENCY_AGENCY = "consistency.agency_name", Consistency, NotNumeric,
        "标题中无占位符（XX局）或其他单位名称", "Headings name this agency: no placeholder (XX局) and no other agency.";
    TEXT_COMPARISON_WORDS = "text.comparison_words", WithinText, Rounding,
        "说明：大于/小于/等于/持平/增加/减少与所列数字相符", "Narrative: comparison words (大于/小于/等于/持平/增加/减少) follow from the numbers beside them.";
    TEXT_CHANGE_RATE = "text.change_rate", WithinText, Rounding,
        "说明：增长率 = 增减额 ÷ (本年数 − 增减额)", "Narrative: a stated rate equals the stated change over the amount before it.";
    TYPOGRAPHY_PUNCTUATION = "typography.punctuation", Typography, NotNumeric,
        "无重复标点、括号与引号成对", "No doubled punctuation; brackets and quotes are paired.";
    KEY_FIGURES_TABLES = "key_figures.tables_agree", AcrossTables, Rounding,
        "同一关键数字（同口径、同阶段）在各表中一致", "A key figure (same key, funds and phase) printed in several tables has the same amount in each.";
    TEXT_CHANGE_REASON = "text.change_reason", WithinText, NotNumeric,
        "说明：增减方向与所述原因一致", "Narrative: a stated rise or fall and the reason given for it point the same way.";
    COMPLETENESS_UNLISTED = "completeness.contents_lists_printed", Completeness, NotNumeric,
        "公开的标准表格均列入目录", "Every standard table the document prints is listed in its own 目录.";
    COMPLETENESS_PARALLEL = "completeness.parallel_series", Completeness, NotNumeric,
        "财政拨款与一般公共预算两套支出表均公开其基本支出（项目支出）表", "When expenditure is printed in both the 财政拨款 and the 一般公共预算 series, each prints its breakdown tables.";
    TEXT_CHANGE_PARTS = "text.change_parts", WithinText, Rounding,
        "说明：增减额与其中各分项增减额之和方向一致", "Narrative: a stated change and the changes of its 其中 parts add up with the same direction.";
    TEXT_BALANCE = "text.income_eq_expenditure", WithinText, Rounding,
        "预算说明：所述收入预算总额 = 支出预算总额（收支平衡）", "Budget narrative: the stated income total equals the stated expenditure total.";
    ACROSS_THREE_PUBLIC_BASIC = "across.three_public_covers_basic", AcrossTables, Rounding,
        "基本支出表列支“三公”经济科目的，“三公”经费表该项不为空或零", "A 三公 item the basic expenditure table spends on (30212/30217/30231/31013) is not blank or zero in the 三公 table.";
}
