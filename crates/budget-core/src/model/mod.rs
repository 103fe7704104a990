//! The public data model: what a parsed disclosure is. Every type is serde-serializable.
//!
//! Glossary (printed term → identifier) follows `docs/GLOSSARY.md`: 部门预算 → [`DocumentKind::Budget`],
//! 部门决算 → [`DocumentKind::FinalAccount`], 功能分类 → [`CodeScheme::Function`], 类/款/项 →
//! [`Level::Class`]/[`Level::Section`]/[`Level::Item`].

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::blocks::Block;
use crate::money::MoneyUnit;
use crate::provenance::Provenance;

mod fact_key;
pub use fact_key::FactKey;
pub mod finding;
mod key_figure;
pub use finding::{Finding, FindingStatus, NumberRef};
pub use key_figure::{FigureCell, FigureSource, FigureStatement, Funds, KeyFigure, KeyFigureCell, Phase};

/// One parsed disclosure.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Document {
    /// Name of the source (file name or caller-given name).
    pub source: String,
    /// Format the document was read from (`tika_text`, `markdown`, `plain_text`, …).
    pub format: String,
    /// Encoding of the input bytes (`UTF-8`, `UTF-16LE`, `GB18030`, …).
    pub encoding: String,
    /// What the document is about: title, agency, year, kind, unit.
    pub meta: Meta,
    /// Every table found, recognised or not, in document order.
    pub tables: Vec<Table>,
    /// One tidy record per (row, measure) of every money table.
    pub line_items: Vec<LineItem>,
    /// Numbers stated in narrative sentences (amounts, counts, percentages).
    #[serde(default)]
    pub facts: Vec<Fact>,
    /// Performance targets (绩效指标) from tables and narrative lists.
    #[serde(default)]
    pub indicators: Vec<Indicator>,
    /// Validation outcomes: every rule evaluated on this document, with the numbers it used.
    #[serde(default)]
    pub findings: Vec<Finding>,
    /// The headline figures (收入总计, 基本支出, “三公”经费, 机关运行经费, …), table and narrative side
    /// by side; see [`KeyFigure`].
    #[serde(default)]
    pub key_figures: Vec<KeyFigure>,
    /// Every table cell that states a key figure (computed once when recognising, with
    /// [`Document::key_figures`]); validation checks that the tables printing a figure agree.
    #[serde(default)]
    pub key_figure_cells: Vec<KeyFigureCell>,
    /// Blocks no recognizer consumed, kept verbatim with their provenance.
    pub residual: Vec<Block>,
    /// Things worth a look that did not stop parsing (conflicts, debris, odd cells).
    pub warnings: Vec<Warning>,
}

/// What the document says about itself.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Meta {
    /// The title as printed (first heading or first line naming a 预算/决算).
    pub title: Option<String>,
    /// The agency (部门 / 单位) name.
    pub agency: Option<String>,
    /// The agency code where printed (e.g. `320001`).
    pub agency_code: Option<String>,
    /// The region as printed (`重庆市綦江区`), resolved with the administrative division catalog.
    pub region: Option<String>,
    /// The region's 6-digit administrative division code (行政区划代码), valid for `year`.
    pub adcode: Option<String>,
    /// Budget year (预算年度).
    pub year: Option<i32>,
    /// 预算 or 决算.
    pub kind: Option<DocumentKind>,
    /// 部门 (consolidated), 单位 or 本级.
    pub scope: Option<Scope>,
    /// The money unit most tables declare.
    pub unit: Option<MoneyUnit>,
    /// The approval reference (批复文号) when printed.
    pub approval_ref: Option<String>,
    /// Whether the document is a budget or final-accounts disclosure at all (a notice, a
    /// regulation, a blank template or a landing page is not; see `not_disclosure_reason`).
    #[serde(default = "yes")]
    pub is_disclosure: bool,
    /// Why the document is not a disclosure (`None` for a disclosure).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub not_disclosure_reason: Option<String>,
    /// 部门 ([`Scope::Department`], consolidated, possibly with its units) or 单位
    /// ([`Scope::Unit`], one unit), as the document calls itself.
    #[serde(default)]
    pub level: Option<Scope>,
    /// For a 部门 document, the units it consolidates (单位构成) when they are printed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sub_units: Vec<String>,
    /// Where each field was read: field name (`agency`, `year`, `kind`, `level`, `region`,
    /// `adcode`, `title`, `is_disclosure`, …) → its source.
    #[serde(default)]
    pub sources: std::collections::BTreeMap<String, MetaSource>,
}

fn yes() -> bool {
    true
}

/// Where a [`Meta`] field was read: the kind of evidence, the text as printed and its place
/// (page and line), or the file name as a last resort.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct MetaSource {
    /// The kind of evidence, strongest first: `cover_title` (the largest type on the first
    /// pages), `cover_field` (e.g. `预算单位：…` on the cover), `caption_field` (`部门名称：`,
    /// `编制单位：`… by a table), `title_line` (a running head, part heading or table title naming
    /// the document), `narrative` (the first sentences of the 情况说明), `agency` / `title` (a
    /// field derived from another one), `content` (what the document contains), `file_name`.
    pub evidence: String,
    /// The text the value was read from, as printed.
    pub text: String,
    /// Where it is printed (page and/or line; empty for `file_name`).
    pub provenance: Provenance,
}

impl MetaSource {
    /// A short label: `cover_title p1`, `caption_field p27`, `narrative line 12`, `file_name`.
    pub fn label(&self) -> String {
        match (self.provenance.page, self.provenance.line_start) {
            (Some(page), _) => format!("{} p{page}", self.evidence),
            (None, line) if line > 0 => format!("{} line {line}", self.evidence),
            _ => self.evidence.clone(),
        }
    }
}

/// 预算 (budget) or 决算 (final accounts). A printed term, not an identifier: frames, JSON and
/// Python give it as printed (`预算` / `决算`, [`DocumentKind::as_str`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum DocumentKind {
    /// 预算: the plan.
    #[serde(rename = "预算")]
    Budget,
    /// 决算: the outturn.
    #[serde(rename = "决算")]
    FinalAccount,
}

impl DocumentKind {
    /// As printed: `预算` / `决算`.
    pub fn as_str(self) -> &'static str {
        match self {
            DocumentKind::Budget => "预算",
            DocumentKind::FinalAccount => "决算",
        }
    }
}

/// Whose money a document or table covers. A printed term, not an identifier: frames, JSON and
/// Python give it as printed (`部门` / `单位` / `本级`, [`Scope::as_str`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Scope {
    /// 部门: the department with its subordinate units, consolidated.
    #[serde(rename = "部门")]
    Department,
    /// 单位: one budget unit.
    #[serde(rename = "单位")]
    Unit,
    /// 本级 / 机关本级: the department's own office only.
    #[serde(rename = "本级")]
    OwnOffice,
}

impl Scope {
    /// As printed: `部门` / `单位` / `本级`.
    pub fn as_str(self) -> &'static str {
        match self {
            Scope::Department => "部门",
            Scope::Unit => "单位",
            Scope::OwnOffice => "本级",
        }
    }
}

/// The standard tables of a disclosure (财预〔2016〕143号 and successors), see `docs/GLOSSARY.md`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub enum TableKind {
    /// 收支总表 / 收支预算总表 / 财务收支预算总表 / 收入支出决算总表.
    IncomeExpenditureSummary,
    /// 收入总表 / 收入预算总表 / 收入决算表.
    IncomeSummary,
    /// 支出总表 / 支出预算总表 / 支出决算表.
    ExpenditureSummary,
    /// 财政拨款收支总表.
    FiscalGrantSummary,
    /// 一般公共预算(财政拨款)支出表.
    GeneralBudgetExpenditure,
    /// 一般公共预算(财政拨款)基本支出表.
    GeneralBudgetBasicExpenditure,
    /// 政府性基金预算(财政拨款)支出表.
    GovFundExpenditure,
    /// 国有资本经营预算(财政拨款)支出表.
    StateCapitalExpenditure,
    /// "三公"经费支出表.
    ThreePublicExpenditure,
    /// 项目支出表.
    ProjectExpenditure,
    /// 项目支出绩效目标表.
    ProjectPerformance,
    /// 部门整体支出绩效目标表 (and 职责/活动 performance tables).
    DepartmentPerformance,
    /// 政府采购预算表.
    Procurement,
    /// 政府购买服务预算表.
    ServicePurchase,
    /// 固定资产 / 国有资产占用情况表.
    Assets,
    /// 单位构成 / 机构设置情况.
    SubUnits,
    /// Anything else.
    Unknown,
    /// 政府性基金预算财政拨款收入支出(决算)表: 年初结转和结余 | 本年收入 | 本年支出 | 年末结转和结余
    /// by function code (a 决算 table; the 预算 set prints 支出 only, [`TableKind::GovFundExpenditure`]).
    GovFundIncomeExpenditure,
    /// 国有资本经营预算财政拨款收入支出(决算)表, as [`TableKind::GovFundIncomeExpenditure`] for
    /// state capital operations.
    StateCapitalIncomeExpenditure,
    /// 机关运行经费 table (预算 / 决算 of an agency's running costs, alone or by economic code).
    OperatingCosts,
}

impl TableKind {
    /// Every kind, in the order of the standard table set.
    pub const ALL: [TableKind; 20] = [
        TableKind::IncomeExpenditureSummary,
        TableKind::IncomeSummary,
        TableKind::ExpenditureSummary,
        TableKind::FiscalGrantSummary,
        TableKind::GeneralBudgetExpenditure,
        TableKind::GeneralBudgetBasicExpenditure,
        TableKind::GovFundExpenditure,
        TableKind::StateCapitalExpenditure,
        TableKind::ThreePublicExpenditure,
        TableKind::ProjectExpenditure,
        TableKind::ProjectPerformance,
        TableKind::DepartmentPerformance,
        TableKind::Procurement,
        TableKind::ServicePurchase,
        TableKind::Assets,
        TableKind::SubUnits,
        TableKind::Unknown,
        TableKind::GovFundIncomeExpenditure,
        TableKind::StateCapitalIncomeExpenditure,
        TableKind::OperatingCosts,
    ];

    /// The identifier used in frames, JSON and Python: the variant name (`ExpenditureSummary`).
    /// The one enum spelled in CamelCase rather than snake_case: its names are the public table
    /// kinds that users and tools already compare (`Table.kind == "Unknown"`).
    pub fn as_str(self) -> &'static str {
        match self {
            TableKind::IncomeExpenditureSummary => "IncomeExpenditureSummary",
            TableKind::IncomeSummary => "IncomeSummary",
            TableKind::ExpenditureSummary => "ExpenditureSummary",
            TableKind::FiscalGrantSummary => "FiscalGrantSummary",
            TableKind::GeneralBudgetExpenditure => "GeneralBudgetExpenditure",
            TableKind::GeneralBudgetBasicExpenditure => "GeneralBudgetBasicExpenditure",
            TableKind::GovFundExpenditure => "GovFundExpenditure",
            TableKind::StateCapitalExpenditure => "StateCapitalExpenditure",
            TableKind::ThreePublicExpenditure => "ThreePublicExpenditure",
            TableKind::ProjectExpenditure => "ProjectExpenditure",
            TableKind::ProjectPerformance => "ProjectPerformance",
            TableKind::DepartmentPerformance => "DepartmentPerformance",
            TableKind::Procurement => "Procurement",
            TableKind::ServicePurchase => "ServicePurchase",
            TableKind::Assets => "Assets",
            TableKind::SubUnits => "SubUnits",
            TableKind::Unknown => "Unknown",
            TableKind::GovFundIncomeExpenditure => "GovFundIncomeExpenditure",
            TableKind::StateCapitalIncomeExpenditure => "StateCapitalIncomeExpenditure",
            TableKind::OperatingCosts => "OperatingCosts",
        }
    }

    /// Whether the kind's body rows hold money amounts (and so yield line items).
    pub fn holds_money(self) -> bool {
        !matches!(
            self,
            TableKind::ProjectPerformance | TableKind::DepartmentPerformance | TableKind::SubUnits | TableKind::Unknown
        )
    }
}

/// A table as found in the document, with its recognised kind and flattened header.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Table {
    /// Position among the document's tables (0-based).
    pub index: usize,
    /// What kind of standard table it is.
    pub kind: TableKind,
    /// The title as printed (caption paragraph or heading before the table, or its first row).
    pub title: Option<String>,
    /// The money unit declared for the table (单位：万元), else the document's.
    pub unit: Option<MoneyUnit>,
    /// Caption fields printed with the table (编制单位, 预算年度, 截止时间, …) as (label, value).
    pub caption: Vec<(String, String)>,
    /// One flattened header path per column, e.g. `支出 / 基本支出 / 人员经费`.
    pub columns: Vec<String>,
    /// The body rows as printed, one string per column (empty where blank).
    pub rows: Vec<Vec<String>>,
    /// Where each body row is (parallel to `rows`).
    pub row_provenance: Vec<Provenance>,
    /// The document declares the table empty (空表, 本单位无此项, 此表无数据).
    pub declared_empty: bool,
    /// Notes printed under the table (注：…, 备注：…).
    pub notes: Vec<String>,
    /// Where the whole table (caption to last row) is.
    pub provenance: Provenance,
}

/// The classification a code belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CodeScheme {
    /// 支出功能分类科目: 类 3 / 款 5 / 项 7 digits (201…).
    Function,
    /// 部门预算支出经济分类科目 (301…).
    DeptEconomic,
    /// 政府预算支出经济分类科目 (501…).
    GovEconomic,
}

impl CodeScheme {
    /// The identifier used in frames and JSON: `function`, `dept_economic`, `gov_economic`.
    pub fn as_str(self) -> &'static str {
        match self {
            CodeScheme::Function => "function",
            CodeScheme::DeptEconomic => "dept_economic",
            CodeScheme::GovEconomic => "gov_economic",
        }
    }
}

/// The level of a classification code. A printed term, not an identifier: frames, JSON and Python
/// give it as printed (`类` / `款` / `项`, [`Level::as_str`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Level {
    /// 类 (3 digits).
    #[serde(rename = "类")]
    Class,
    /// 款 (5 digits).
    #[serde(rename = "款")]
    Section,
    /// 项 (7 digits, function classification only).
    #[serde(rename = "项")]
    Item,
}

impl Level {
    /// As printed: `类` / `款` / `项`.
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Class => "类",
            Level::Section => "款",
            Level::Item => "项",
        }
    }
}

/// The role of a row in its table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RowRole {
    /// A leaf or intermediate item (a code row, an asset category, an income source).
    Detail,
    /// A subtotal (小计, a 类/款 row with children below it, "其中" parents).
    Subtotal,
    /// A total (合计, 总计, 本年收入合计, 收入总计, …).
    Total,
}

impl RowRole {
    /// The identifier used in frames and JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            RowRole::Detail => "detail",
            RowRole::Subtotal => "subtotal",
            RowRole::Total => "total",
        }
    }
}

/// One amount of one row of a money table, in long ("tidy") form.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LineItem {
    /// Index of the table in [`Document::tables`].
    pub table_index: usize,
    /// The table's kind.
    pub table_kind: TableKind,
    /// The table's title as printed.
    pub table_title: Option<String>,
    /// Classification code, when the row has one (full length, e.g. `2101202`).
    pub code: Option<String>,
    /// Which classification the code is from.
    pub code_scheme: Option<CodeScheme>,
    /// 类/款/项 of the code.
    pub level: Option<Level>,
    /// The parent code (`21012` for `2101202`).
    pub parent_code: Option<String>,
    /// The row label as printed (科目名称, 项目, …).
    pub name: String,
    /// Role of the row.
    pub row_role: RowRole,
    /// For two-sided summary tables (收入 | 支出 side by side): which side, as printed.
    pub side: Option<String>,
    /// The measure (flattened column header), e.g. `基本支出` or `本年收入 / 财政拨款收入`.
    pub measure: String,
    /// The amount in 元, exact, for money; the number as printed for counts (see `is_money`).
    /// `None` when the cell is blank (blank is not zero).
    pub amount: Option<Decimal>,
    /// The cell text as printed.
    pub amount_printed: String,
    /// The unit the value was printed in: a money unit (`万元`, `元`) for amounts, the unit of
    /// the row or column for quantities (`平方米`, `台、辆`), `None` when nothing says.
    pub unit_printed: Option<String>,
    /// Whether the value is money (converted to 元 in `amount`) or a count/quantity (kept as
    /// printed in `amount`).
    pub is_money: bool,
    /// Where the cell is.
    pub provenance: Provenance,
}

/// Something noticed while parsing that did not stop it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Warning {
    /// A short stable code, e.g. `unparsed_cell`, `page_debris`, `title_conflict`.
    pub code: String,
    /// What was noticed, in English.
    pub message: String,
    /// Where.
    pub provenance: Provenance,
}

/// A number stated in a narrative sentence, e.g. `基本支出213.25万元，比上年增加12.00万元`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Fact {
    /// A controlled key (`income_total`, `basic_expenditure`, …), or [`FactKey::Other`] with the
    /// label in `label`; serialised as its snake_case identifier ([`FactKey::as_str`]).
    pub key: FactKey,
    /// The label as printed (`基本工资`, `“三公”经费`, `社会保险经办机构（项）`).
    pub label: String,
    /// The value as printed, exact.
    pub value: Decimal,
    /// The unit as printed (`万元`, `元`, `人`, `辆`, `%`); `None` when none is printed.
    pub unit: Option<String>,
    /// For money: the value in 元, exact.
    pub amount_yuan: Option<Decimal>,
    /// The year the value is for, when the sentence says (`2020年预算…`); `None` = the budget year.
    pub year: Option<i32>,
    /// `this_year` or `last_year` (上年 / 上年度 / the year before the budget year).
    pub period: String,
    /// A stated change against the previous year, when given.
    pub comparison: Option<Comparison>,
    /// A classification code the label names (looked up in the catalogs), for joining with line items.
    pub code: Option<String>,
    /// The scheme of `code`.
    pub code_scheme: Option<CodeScheme>,
    /// The whole sentence as printed.
    pub sentence: String,
    /// Where the sentence is.
    pub provenance: Provenance,
    /// Why the fact is keyed `other` (`percentage`, `classified_item`, `no_subject`, `count`,
    /// `not_a_key_figure`); `None` for keyed facts.
    #[serde(default)]
    pub unkeyed: Option<String>,
}

/// A stated change: `比上年增加12.00万元，增长5.96%，主要原因是…`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Comparison {
    /// The change, signed (增加 +, 减少 −), in the fact's unit; `None` when only a rate is given.
    pub change: Option<Decimal>,
    /// The change rate in percent, signed.
    pub change_rate: Option<Decimal>,
    /// The stated reason (主要原因是…), as printed.
    pub reason: Option<String>,
}

/// A performance target (绩效指标).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Indicator {
    /// `project` (项目支出绩效目标) or `department` (部门整体).
    pub scope: String,
    /// The project (or 职责/活动) the target belongs to, as printed.
    pub project: Option<String>,
    /// 一级指标 (产出指标 / 效益指标 / 满意度指标).
    pub level1: Option<String>,
    /// 二级指标 (数量指标 / 质量指标 / …).
    pub level2: Option<String>,
    /// 三级指标: the indicator's name.
    pub name: String,
    /// `≥`, `≤`, `=`, `>`, `<`, or `None` for qualitative targets.
    pub operator: Option<String>,
    /// The numeric target, exact.
    pub target: Option<Decimal>,
    /// The target's unit (`%`, `人`, `元/人`).
    pub unit: Option<String>,
    /// The target as printed (also the whole target for qualitative ones: `明显提升`).
    pub target_printed: String,
    /// 权重 / 分值.
    pub weight: Option<Decimal>,
    /// Grade thresholds (优/良/中/差) as (grade, threshold as printed).
    pub grades: Vec<(String, String)>,
    /// 指标值确定依据 / 绩效指标描述 where printed.
    pub basis: Option<String>,
    /// Where it is.
    pub provenance: Provenance,
}
